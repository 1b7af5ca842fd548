import { IConstruct } from 'constructs';
import { OfficialCatalogRecord, OfficialExtensionRecord } from './official-data';
import { OfficialCatalogOptions } from './official-options';
import { OfficialSnapshot } from './official-snapshot';
import { show } from '../common/errors';
import { DebianRelease, ImageType } from '../common/flavour';
import { ExtensionImageProps, ImagePullPolicy } from '../extension/extension-image';

// Looking up the shipped official catalogs (internal: the public API is OfficialCatalogs and
// ClusterImageCatalog.official/fromOfficial).


/** The name of an official catalog: `postgresql-<type>-<os>`. */
export function officialCatalogName(options: OfficialCatalogOptions): string {
  return `postgresql-${options.type}-${options.os}`;
}

/** The catalogs of the snapshot the options name (the newest by default), or why it is not a snapshot. */
export function snapshotCatalogs(options: { readonly snapshot?: OfficialSnapshot }): readonly OfficialCatalogRecord[] | string {
  const snapshot = options.snapshot ?? OfficialSnapshot.latest();
  if (!(snapshot instanceof OfficialSnapshot)) {
    return `snapshot is ${show(snapshot)}; expected OfficialSnapshot.of('YYYY-MM-DD') (${OfficialSnapshot.all().map((s) => s.date).join(', ')}) or OfficialSnapshot.latest()`;
  }
  return snapshot._record.catalogs;
}

function lookup(options: OfficialCatalogOptions): OfficialCatalogRecord | string {
  const withExtensions = options.withExtensions ?? false;
  const OFFICIAL_CATALOGS = snapshotCatalogs(options);
  if (typeof OFFICIAL_CATALOGS === 'string') return OFFICIAL_CATALOGS;
  const record = OFFICIAL_CATALOGS.find((c) => c.type === options.type && c.os === options.os && c.withExtensions === withExtensions);
  if (record) return record;
  const known = OFFICIAL_CATALOGS.filter((c) => c.withExtensions === withExtensions).map((c) => `${c.type}/${c.os}`);
  if (!Object.values(ImageType).includes(options.type) || !Object.values(DebianRelease).includes(options.os)) {
    return `${show(options.type)}/${show(options.os)} is not an official flavour; expected type ${Object.values(ImageType).join('|')} and os ${Object.values(DebianRelease).join('|')}`;
  }
  return `no ${withExtensions ? 'extension-enabled ' : ''}official catalog for ${options.type}/${options.os}; ${withExtensions ? 'extension-enabled' : 'official'} catalogs exist for ${known.join(', ')}`;
}

export function findOfficialCatalog(scope: IConstruct, options: OfficialCatalogOptions): OfficialCatalogRecord {
  const found = lookup(options);
  if (typeof found === 'string') throw new Error(`[${scope.node.path}] official catalog: ${found}`);
  return found;
}

export function requireOfficial(options: OfficialCatalogOptions): OfficialCatalogRecord {
  const found = lookup(options);
  if (typeof found === 'string') throw new Error(`OfficialCatalogs: ${found}`);
  return found;
}

export function officialExtensionProps(e: OfficialExtensionRecord): ExtensionImageProps {
  return {
    name: e.name,
    reference: e.reference,
    pullPolicy: e.pullPolicy as ImagePullPolicy | undefined,
    extensionControlPath: e.extensionControlPath ? [...e.extensionControlPath] : undefined,
    dynamicLibraryPath: e.dynamicLibraryPath ? [...e.dynamicLibraryPath] : undefined,
    ldLibraryPath: e.ldLibraryPath ? [...e.ldLibraryPath] : undefined,
    binPath: e.binPath ? [...e.binPath] : undefined,
    env: e.env ? Object.fromEntries(e.env) : undefined,
  };
}

/**
 * Where an extension missing from a catalog can be found among the official catalogs: the extension-enabled
 * variant of the same flavour (`withExtensions: true`), or the flavours whose extension-enabled catalog
 * defines it for that major, in the newest snapshot. Undefined when no official catalog defines it.
 */
export function officialCatalogHint(
  extension: string,
  major: number | undefined,
  flavour: { readonly type?: string; readonly os?: string },
): string | undefined {
  const catalogs = snapshotCatalogs({});
  if (typeof catalogs === 'string') return undefined;
  const defining = catalogs.filter((c) => c.withExtensions
    && c.images.some((i) => (major === undefined || i.major === major) && (i.extensions ?? []).some((e) => e.name === extension)));
  if (defining.length === 0) return undefined;
  const same = defining.find((c) => c.type === flavour.type && c.os === flavour.os);
  const enumOf = (c: OfficialCatalogRecord) => `{ type: ImageType.${c.type.toUpperCase()}, os: DebianRelease.${c.os.toUpperCase()}, withExtensions: true }`;
  if (same) return `the extension-enabled variant of ${same.name} defines it: ClusterImageCatalog.official(scope, id, ${enumOf(same)})`;
  return `the extension-enabled official catalogs of ${defining.map((c) => `${c.type}/${c.os}`).join(', ')} define it (ClusterImageCatalog.official(scope, id, ${enumOf(defining[0])}))`;
}

/** The labels and images of an official catalog, exactly as signed, in the shape of catalog props. */
export function officialCatalogContent(record: Pick<OfficialCatalogRecord, 'labels' | 'images'>): {
  labels: { [key: string]: string };
  images: Array<{ major: number; image: string; extensions?: ExtensionImageProps[] }>;
} {
  return {
    labels: Object.fromEntries(record.labels),
    images: record.images.map((img) => ({ major: img.major, image: img.image, extensions: img.extensions?.map(officialExtensionProps) })),
  };
}
