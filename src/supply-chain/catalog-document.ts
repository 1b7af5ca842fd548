import { CatalogTrustError } from './verify';
import type { ExtensionInput } from '../rules/rules';

// A signed official ClusterImageCatalog file, read strictly: every field the file carries is known and
// kept (an unknown field is refused, never dropped), so what an app writes is exactly what was signed.

/** The official image types and Debian releases, in the order of the artifacts repository's file list. */
export const IMAGE_TYPES: readonly string[] = ['minimal', 'standard', 'system'];
export const DEBIAN_RELEASES: readonly string[] = ['bullseye', 'bookworm', 'trixie'];

/** `catalog-<type>-<os>.yaml`, the artifacts repository's file name of a flavour. */
export const CATALOG_FILE_PATTERN = /^catalog-(minimal|standard|system)-(bullseye|bookworm|trixie)\.yaml$/;

/** An extension of a catalog entry: an extension whose image reference is always set. */
export interface CatalogExtensionRecord extends ExtensionInput {
  readonly reference: string;
}

/** One `spec.images[]` entry. */
export interface CatalogImageRecord {
  readonly major: number;
  readonly image: string;
  readonly extensions?: readonly CatalogExtensionRecord[];
}

/** A catalog file, as signed. */
export interface CatalogDocument {
  /** `metadata.name`, `postgresql-<type>-<os>`. */
  readonly name: string;
  readonly type: string;
  readonly os: string;
  /** Ordered labels, as in the file. */
  readonly labels: ReadonlyArray<readonly [string, string]>;
  readonly images: readonly CatalogImageRecord[];
}

function expectKeys(where: string, obj: any, allowed: string[], required: string[] = []): void {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new CatalogTrustError(`${where}: expected a mapping, got ${JSON.stringify(obj)}`);
  }
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw new CatalogTrustError(`${where}: unexpected field "${key}"; the reader knows ${allowed.join(', ')}`);
    }
  }
  for (const key of required) {
    if (!(key in obj)) throw new CatalogTrustError(`${where}: missing field "${key}"`);
  }
}

/** A string, or a refusal naming where (the file is read strictly: nothing is converted). */
function text(where: string, value: unknown): string {
  if (typeof value !== 'string') throw new CatalogTrustError(`${where}: expected a string, got ${JSON.stringify(value)}`);
  return value;
}

/** A list of strings, or a refusal naming where. */
export function stringList(where: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new CatalogTrustError(`${where}: expected a list of strings`);
  }
  return value as string[];
}

function readExtension(where: string, ext: any): CatalogExtensionRecord {
  expectKeys(where, ext, ['name', 'image', 'extension_control_path', 'dynamic_library_path', 'ld_library_path', 'bin_path', 'env'], ['name', 'image']);
  expectKeys(`${where}.image`, ext.image, ['reference', 'pullPolicy'], ['reference']);
  const record: any = { name: text(`${where}.name`, ext.name), reference: text(`${where}.image.reference`, ext.image.reference) };
  if (ext.image.pullPolicy !== undefined) record.pullPolicy = text(`${where}.image.pullPolicy`, ext.image.pullPolicy);
  const lists: Array<[string, string]> = [
    ['extension_control_path', 'extensionControlPath'],
    ['dynamic_library_path', 'dynamicLibraryPath'],
    ['ld_library_path', 'ldLibraryPath'],
    ['bin_path', 'binPath'],
  ];
  for (const [wire, field] of lists) {
    if (ext[wire] !== undefined) record[field] = stringList(`${where}.${wire}`, ext[wire]);
  }
  if (ext.env !== undefined) {
    if (!Array.isArray(ext.env)) throw new CatalogTrustError(`${where}.env: expected a list`);
    record.env = ext.env.map((e: any, i: number) => {
      expectKeys(`${where}.env[${i}]`, e, ['name', 'value'], ['name', 'value']);
      return [text(`${where}.env[${i}].name`, e.name), text(`${where}.env[${i}].value`, e.value)];
    });
  }
  return record;
}

/**
 * Reads the verified bytes of `catalog-<type>-<os>.yaml`: a postgresql.cnpg.io/v1 ClusterImageCatalog named
 * `postgresql-<type>-<os>` whose labels say the same flavour. `name` is how messages call the file.
 */
export function readCatalogDocument(name: string, bytes: Uint8Array): CatalogDocument {
  const flavour = CATALOG_FILE_PATTERN.exec(name);
  if (!flavour) throw new CatalogTrustError(`${name}: not an official catalog file name; expected catalog-<minimal|standard|system>-<bullseye|bookworm|trixie>.yaml`);
  const [, type, os] = flavour;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  let doc: any;
  try {
    doc = YAML.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch (e) {
    throw new CatalogTrustError(`${name}: not YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  expectKeys(name, doc, ['apiVersion', 'kind', 'metadata', 'spec'], ['apiVersion', 'kind', 'metadata', 'spec']);
  if (doc.apiVersion !== 'postgresql.cnpg.io/v1' || doc.kind !== 'ClusterImageCatalog') {
    throw new CatalogTrustError(`${name}: expected a postgresql.cnpg.io/v1 ClusterImageCatalog, got ${doc.apiVersion} ${doc.kind}`);
  }
  expectKeys(`${name} metadata`, doc.metadata, ['name', 'labels'], ['name', 'labels']);
  const expectedName = `postgresql-${type}-${os}`;
  if (doc.metadata.name !== expectedName) {
    throw new CatalogTrustError(`${name}: metadata.name is ${doc.metadata.name}, expected ${expectedName}`);
  }
  expectKeys(`${name} metadata.labels`, doc.metadata.labels, Object.keys(doc.metadata.labels ?? {}));
  const labels = Object.entries(doc.metadata.labels).map(([k, v]) => [k, text(`${name} metadata.labels["${k}"]`, v)] as const);
  const label = (k: string) => labels.find(([key]) => key === k)?.[1];
  if (label('images.cnpg.io/type') !== type || label('images.cnpg.io/os') !== os) {
    throw new CatalogTrustError(`${name}: labels do not describe ${type}/${os}`);
  }
  expectKeys(`${name} spec`, doc.spec, ['images'], ['images']);
  if (!Array.isArray(doc.spec.images)) throw new CatalogTrustError(`${name} spec.images: expected a list`);
  const images: CatalogImageRecord[] = doc.spec.images.map((img: any, i: number) => {
    const where = `${name} spec.images[${i}]`;
    expectKeys(where, img, ['major', 'image', 'extensions'], ['major', 'image']);
    if (!Number.isInteger(img.major)) throw new CatalogTrustError(`${where}.major: not an integer`);
    const record: any = { major: img.major, image: text(`${where}.image`, img.image) };
    if (img.extensions !== undefined) {
      if (!Array.isArray(img.extensions)) throw new CatalogTrustError(`${where}.extensions: expected a list`);
      record.extensions = img.extensions.map((ext: any, j: number) => readExtension(`${where}.extensions[${j}]`, ext));
    }
    return record;
  });
  return { name: expectedName, type, os, labels, images };
}
