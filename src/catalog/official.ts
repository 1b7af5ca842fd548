import { OfficialCatalogRecord } from './official-data';
import { officialExtensionProps, requireOfficial, snapshotCatalogs } from './official-lookup';
import { OfficialCatalogOptions } from './official-options';
import { OfficialCatalogSource, OfficialSnapshot } from './official-snapshot';
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
  /**
   * Every official catalog of a snapshot (9 core and the extension-enabled variants).
   * @param snapshot the snapshot (default: the newest)
   */
  public static list(snapshot?: OfficialSnapshot): OfficialCatalogInfo[] {
    const catalogs = snapshotCatalogs({ snapshot });
    if (typeof catalogs === 'string') throw new Error(`OfficialCatalogs: ${catalogs}`);
    return catalogs.map(info);
  }

  /** Every signed snapshot the library ships, newest (the default) first. */
  public static snapshots(): OfficialSnapshot[] {
    return OfficialSnapshot.all();
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

  /** Where the newest snapshot's data comes from: snapshot, signing date, verified identity and issuer. */
  public static sources(): OfficialCatalogSource[] {
    return OfficialSnapshot.latest().sources;
  }

  private constructor() {}
}
