// Shapes of the generated official catalog data (src/catalog/official-catalogs.generated.ts).
// Internal: the public API is OfficialCatalogs and ClusterImageCatalog.official().
import type { CatalogExtensionRecord, CatalogImageRecord } from '../supply-chain/catalog-document';

/** An extension definition of an official catalog entry: an extension whose image reference is always set. */
export type OfficialExtensionRecord = CatalogExtensionRecord;

/** One `spec.images[]` entry of an official catalog. */
export type OfficialImageRecord = CatalogImageRecord;
/** One official ClusterImageCatalog, exactly as signed. */
export interface OfficialCatalogRecord {
  readonly name: string;
  readonly type: string;
  readonly os: string;
  readonly withExtensions: boolean;
  /** File in the artifacts repository. */
  readonly file: string;
  /** sha256 of the signed file bytes. */
  readonly sha256: string;
  /** Ordered labels, as in the catalog. */
  readonly labels: ReadonlyArray<readonly [string, string]>;
  readonly images: readonly OfficialImageRecord[];
}

/** Where a set of official catalogs came from and who signed it. */
export interface OfficialSourceRecord {
  readonly variant: 'core' | 'extensions';
  /** Folder the generator read. */
  readonly folder: string;
  /** The artifacts-repository folder these files mirror. */
  readonly repositoryFolder: string;
  /** Latest signing time among the files (Rekor integrated time, UTC). */
  readonly signedAt: string;
  /** Verified certificate identity (SAN URI). */
  readonly identity: string;
  /** Verified OIDC issuer. */
  readonly issuer: string;
}

/** One signed snapshot of the official catalogs (core and extension-enabled), as generated. */
export interface OfficialSnapshotRecord {
  /** The day (UTC, `YYYY-MM-DD`) the core catalogs were last signed: the snapshot's name. */
  readonly date: string;
  /** The day the extension-enabled catalogs were last signed. */
  readonly extensionsDate: string;
  readonly sources: readonly OfficialSourceRecord[];
  readonly catalogs: readonly OfficialCatalogRecord[];
}
