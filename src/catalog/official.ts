import { OFFICIAL_CATALOGS, OFFICIAL_SOURCES } from './official-catalogs.generated';
import { OfficialCatalogRecord } from './official-data';
import { officialExtensionProps, requireOfficial } from './official-lookup';
import { OfficialCatalogOptions } from './official-options';
import { DebianRelease, ImageType } from '../common/flavour';
import { ExtensionImageProps } from '../extension/extension-image';

/** What the library knows about one official catalog. */
export interface OfficialCatalogInfo {
  /** `metadata.name`, `postgresql-<type>-<os>`. */
  readonly name: string;
  /** Image type. */
  readonly type: ImageType;
  /** Debian release. */
  readonly os: DebianRelease;
  /** Whether this is the extension-enabled variant. */
  readonly withExtensions: boolean;
  /** Majors, ascending. */
  readonly majors: number[];
  /** Generation date of the catalog (its `images.cnpg.io/date` label), `YYYYMMDD`. */
  readonly catalogDate: string;
  /** File in the artifacts repository. */
  readonly file: string;
  /** sha256 of the signed file. */
  readonly sha256: string;
}

/** Where the shipped official catalogs come from and who signed them. */
export interface OfficialCatalogSource {
  /** `core` (image-catalogs/) or `extensions` (image-catalogs-extensions/). */
  readonly variant: string;
  /** Folder of the artifacts repository the data mirrors. */
  readonly repositoryFolder: string;
  /** Snapshot the data was generated from. */
  readonly snapshot: string;
  /** Latest signing time of the files (Rekor integrated time, ISO 8601 UTC). */
  readonly signedAt: string;
  /** Certificate identity (SAN URI) every signature was verified against. */
  readonly identity: string;
  /** OIDC issuer every signature was verified against. */
  readonly issuer: string;
}

function info(c: OfficialCatalogRecord): OfficialCatalogInfo {
  return {
    name: c.name,
    type: c.type as ImageType,
    os: c.os as DebianRelease,
    withExtensions: c.withExtensions,
    majors: c.images.map((i) => i.major),
    catalogDate: c.labels.find(([k]) => k === 'images.cnpg.io/date')?.[1] ?? '',
    file: c.file,
    sha256: c.sha256,
  };
}

/**
 * The official catalogs the library ships: which flavours, majors and images, and from what date.
 * The data was generated only from catalogs whose sigstore signature verified (see `sources()`).
 */
export class OfficialCatalogs {
  /** Every official catalog the library ships (9 core and the extension-enabled variants). */
  public static list(): OfficialCatalogInfo[] {
    return OFFICIAL_CATALOGS.map(info);
  }

  /** Majors of one official catalog, ascending. */
  public static majors(options: OfficialCatalogOptions): number[] {
    return requireOfficial(options).images.map((i) => i.major);
  }

  /** The digest-pinned image of one official catalog for a major; throws when the major is absent. */
  public static image(options: OfficialCatalogOptions, major: number): string {
    const record = requireOfficial(options);
    const entry = record.images.find((i) => i.major === major);
    if (!entry) {
      throw new Error(`OfficialCatalogs: ${record.name} has no major ${major}; it carries ${record.images.map((i) => i.major).join(', ')}`);
    }
    return entry.image;
  }

  /** The extensions one official catalog defines for a major (empty when none). */
  public static extensions(options: OfficialCatalogOptions, major: number): ExtensionImageProps[] {
    const entry = requireOfficial(options).images.find((i) => i.major === major);
    return (entry?.extensions ?? []).map(officialExtensionProps);
  }

  /** Where the data comes from: snapshot, signing date, verified identity and issuer. */
  public static sources(): OfficialCatalogSource[] {
    return OFFICIAL_SOURCES.map((s) => ({
      variant: s.variant,
      repositoryFolder: s.repositoryFolder,
      snapshot: s.folder,
      signedAt: s.signedAt,
      identity: s.identity,
      issuer: s.issuer,
    }));
  }

  private constructor() {}
}
