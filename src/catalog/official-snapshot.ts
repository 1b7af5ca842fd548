import { OfficialSnapshotRecord } from './official-data';
import { OFFICIAL_SNAPSHOTS } from './official-snapshots.generated';
import { show } from '../common/errors';

/** Where one set of official catalogs of a snapshot came from and who signed it. */
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

/**
 * A dated, signed snapshot of the official catalogs that the library ships: the catalogs as CloudNativePG
 * published and signed them on one day. The newest is the default of every official catalog; an earlier
 * one lets a catalog wave (see `CatalogWaves`) stay on what production runs until it is promoted.
 */
export class OfficialSnapshot {
  /** The newest snapshot: the default of `ClusterImageCatalog.official()` and `OfficialCatalogs`. */
  public static latest(): OfficialSnapshot {
    return OfficialSnapshot.all()[0];
  }

  /**
   * The snapshot of a day (`YYYY-MM-DD`, the day its core catalogs were signed, e.g. `2026-07-17`); throws
   * naming the days the library ships.
   */
  public static of(date: string): OfficialSnapshot {
    const found = OfficialSnapshot.all().find((s) => s.date === date);
    if (!found) {
      throw new Error(`OfficialSnapshot: no snapshot of ${show(date)}; the library ships ${OfficialSnapshot.all().map((s) => s.date).join(', ')} (YYYY-MM-DD, the day the core catalogs were signed)`);
    }
    return found;
  }

  /** Every snapshot the library ships, newest first. */
  public static all(): OfficialSnapshot[] {
    SNAPSHOTS ??= OFFICIAL_SNAPSHOTS.map((r) => new OfficialSnapshot(r));
    return [...SNAPSHOTS];
  }

  /** The day (UTC, `YYYY-MM-DD`) its core catalogs were signed: its name. */
  public readonly date: string;

  /** The day its extension-enabled catalogs were signed. */
  public readonly extensionsDate: string;

  /** @internal */
  public readonly _record: OfficialSnapshotRecord;

  private constructor(record: OfficialSnapshotRecord) {
    this.date = record.date;
    this.extensionsDate = record.extensionsDate;
    this._record = record;
  }

  /** Where its data comes from: the artifacts folders, signing dates, verified identities and issuer. */
  public get sources(): OfficialCatalogSource[] {
    return this._record.sources.map((s) => ({
      variant: s.variant,
      repositoryFolder: s.repositoryFolder,
      snapshot: s.folder,
      signedAt: s.signedAt,
      identity: s.identity,
      issuer: s.issuer,
    }));
  }
}

let SNAPSHOTS: OfficialSnapshot[] | undefined;
