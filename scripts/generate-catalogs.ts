/**
 * `npx projen catalogs`: regenerates src/catalog/official-catalogs.generated.ts from folders laid out like
 * the artifacts repository's `image-catalogs/` and `image-catalogs-extensions/`.
 *
 * Trust model: a catalog is read only after its sigstore bundle (`<file>.sigstore.json`) verifies against
 * the exact file bytes, offline, with the Sigstore public-good trusted root shipped in @sigstore/tuf's
 * seeds.json, and only when the certificate carries the exact expected identity and issuer. Any failure
 * aborts the run before anything is written, so the committed data stays untouched.
 *
 * Folders: $CNPG_CATALOGS_DIR (default ../shared/catalogs/artifacts-2026-08-17) and
 * $CNPG_EXTENSION_CATALOGS_DIR (default ../shared/catalogs/artifacts-extensions-2026-08-22).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';
import * as YAML from 'yaml';
import type {
  OfficialCatalogRecord,
  OfficialExtensionRecord,
  OfficialImageRecord,
  OfficialSourceRecord,
} from '../src/catalog/official-data';

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_OUT = path.join(ROOT, 'src', 'catalog', 'official-catalogs.generated.ts');

/** GitHub Actions OIDC issuer of every official catalog signature. */
export const ISSUER = 'https://token.actions.githubusercontent.com';
/** Workflow that signs the core catalogs (cloudnative-pg/postgres-containers). */
export const CORE_IDENTITY =
  'https://github.com/cloudnative-pg/postgres-containers/.github/workflows/catalogs.yml@refs/heads/main';
/** Workflow that signs the extension-enabled catalogs (cloudnative-pg/postgres-extensions-containers). */
export const EXTENSIONS_IDENTITY =
  'https://github.com/cloudnative-pg/postgres-extensions-containers/.github/workflows/update-catalogs.yml@refs/heads/main';

export const IMAGE_TYPES = ['minimal', 'standard', 'system'];
export const DEBIAN_RELEASES = ['bullseye', 'bookworm', 'trixie'];

export interface GenerateOptions {
  /** Folder laid out like artifacts' `image-catalogs/`. */
  readonly coreDir: string;
  /** Folder laid out like artifacts' `image-catalogs-extensions/`. */
  readonly extensionsDir: string;
  /** File to write. */
  readonly outFile?: string;
}

/** A refusal: the input is not a signed official catalog set. */
export class CatalogTrustError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogTrustError';
  }
}

let verifier: Verifier | undefined;

/** The verifier over the trusted root embedded in @sigstore/tuf (no network). */
function offlineVerifier(): Verifier {
  if (!verifier) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const seeds = require('@sigstore/tuf/seeds.json');
    const repo = seeds['https://tuf-repo-cdn.sigstore.dev'];
    const trustedRoot = JSON.parse(Buffer.from(repo.targets['trusted_root.json'], 'base64').toString('utf8'));
    verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(trustedRoot)), {
      tlogThreshold: 1,
      ctlogThreshold: 1,
      timestampThreshold: 1,
    });
  }
  return verifier;
}

interface VerifiedFile {
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly signedAt: Date;
}

/**
 * Verifies `<file>.sigstore.json` against the exact bytes of `file` and the expected identity.
 * Returns the bytes that were verified: callers must parse these, never re-read the file.
 */
export function verifySignedFile(file: string, identity: string): VerifiedFile {
  const name = path.basename(file);
  if (!fs.existsSync(file)) {
    throw new CatalogTrustError(`${name}: file not found in ${path.dirname(file)}`);
  }
  const bundleFile = `${file}.sigstore.json`;
  if (!fs.existsSync(bundleFile)) {
    throw new CatalogTrustError(
      `${name}: unsigned (no sigstore bundle ${path.basename(bundleFile)}); refusing a catalog whose origin cannot be verified`,
    );
  }
  const bytes = fs.readFileSync(file);
  let bundle;
  try {
    bundle = bundleFromJSON(JSON.parse(fs.readFileSync(bundleFile, 'utf8')));
  } catch (e) {
    throw new CatalogTrustError(`${name}: unreadable sigstore bundle ${path.basename(bundleFile)}: ${(e as Error).message}`);
  }
  try {
    offlineVerifier().verify(toSignedEntity(bundle, bytes), {
      subjectAlternativeName: identity,
      extensions: { issuer: ISSUER },
    });
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'VERIFICATION_ERROR';
    throw new CatalogTrustError(
      `${name}: signature verification failed (${code}): ${(e as Error).message}; expected a signature by ${identity} (issuer ${ISSUER}) over the exact file bytes`,
    );
  }
  const times = (bundle.verificationMaterial.tlogEntries ?? []).map((t) => Number(t.integratedTime));
  const signedAt = new Date(Math.max(...times) * 1000);
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), signedAt };
}

function expectKeys(where: string, obj: any, allowed: string[], required: string[] = []): void {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new CatalogTrustError(`${where}: expected a mapping, got ${JSON.stringify(obj)}`);
  }
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      // The generated data must carry everything the signed file says: an unknown field is refused, not dropped.
      throw new CatalogTrustError(`${where}: unexpected field "${key}"; the generator knows ${allowed.join(', ')}`);
    }
  }
  for (const key of required) {
    if (!(key in obj)) throw new CatalogTrustError(`${where}: missing field "${key}"`);
  }
}

function stringList(where: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new CatalogTrustError(`${where}: expected a list of strings`);
  }
  return value as string[];
}

function readExtension(where: string, ext: any): OfficialExtensionRecord {
  expectKeys(where, ext, ['name', 'image', 'extension_control_path', 'dynamic_library_path', 'ld_library_path', 'bin_path', 'env'], ['name', 'image']);
  expectKeys(`${where}.image`, ext.image, ['reference', 'pullPolicy'], ['reference']);
  const record: any = { name: String(ext.name), reference: String(ext.image.reference) };
  if (ext.image.pullPolicy !== undefined) record.pullPolicy = String(ext.image.pullPolicy);
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
      return [String(e.name), String(e.value)];
    });
  }
  return record;
}

function readCatalog(
  file: string,
  verified: VerifiedFile,
  expect: { type: string; os: string; withExtensions: boolean },
): OfficialCatalogRecord {
  const name = path.basename(file);
  // Parse the verified bytes themselves, never a second read of the file.
  const doc = YAML.parse(verified.bytes.toString('utf8'));
  expectKeys(name, doc, ['apiVersion', 'kind', 'metadata', 'spec'], ['apiVersion', 'kind', 'metadata', 'spec']);
  if (doc.apiVersion !== 'postgresql.cnpg.io/v1' || doc.kind !== 'ClusterImageCatalog') {
    throw new CatalogTrustError(`${name}: expected a postgresql.cnpg.io/v1 ClusterImageCatalog, got ${doc.apiVersion} ${doc.kind}`);
  }
  expectKeys(`${name} metadata`, doc.metadata, ['name', 'labels'], ['name', 'labels']);
  const expectedName = `postgresql-${expect.type}-${expect.os}`;
  if (doc.metadata.name !== expectedName) {
    throw new CatalogTrustError(`${name}: metadata.name is ${doc.metadata.name}, expected ${expectedName}`);
  }
  const labels = Object.entries(doc.metadata.labels).map(([k, v]) => [k, String(v)] as const);
  const label = (k: string) => labels.find(([key]) => key === k)?.[1];
  if (label('images.cnpg.io/type') !== expect.type || label('images.cnpg.io/os') !== expect.os) {
    throw new CatalogTrustError(`${name}: labels do not describe ${expect.type}/${expect.os}`);
  }
  expectKeys(`${name} spec`, doc.spec, ['images'], ['images']);
  if (!Array.isArray(doc.spec.images)) throw new CatalogTrustError(`${name} spec.images: expected a list`);
  const images: OfficialImageRecord[] = doc.spec.images.map((img: any, i: number) => {
    const where = `${name} spec.images[${i}]`;
    expectKeys(where, img, ['major', 'image', 'extensions'], ['major', 'image']);
    if (!Number.isInteger(img.major)) throw new CatalogTrustError(`${where}.major: not an integer`);
    const record: any = { major: img.major, image: String(img.image) };
    if (img.extensions !== undefined) {
      if (!Array.isArray(img.extensions)) throw new CatalogTrustError(`${where}.extensions: expected a list`);
      record.extensions = img.extensions.map((ext: any, j: number) => readExtension(`${where}.extensions[${j}]`, ext));
    }
    return record;
  });
  return {
    name: expectedName,
    type: expect.type,
    os: expect.os,
    withExtensions: expect.withExtensions,
    file: name,
    sha256: verified.sha256,
    labels,
    images,
  };
}

function readKustomization(dir: string, identity: string): { doc: any; verified: VerifiedFile } {
  const verified = verifySignedFile(path.join(dir, 'kustomization.yaml'), identity);
  return { doc: YAML.parse(verified.bytes.toString('utf8')), verified };
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

interface ReadResult {
  readonly source: OfficialSourceRecord;
  readonly catalogs: OfficialCatalogRecord[];
}

function readCore(dir: string): ReadResult {
  const { doc, verified } = readKustomization(dir, CORE_IDENTITY);
  const expected = IMAGE_TYPES.flatMap((t) => DEBIAN_RELEASES.map((os) => `catalog-${t}-${os}.yaml`));
  const resources = stringList('kustomization.yaml resources', doc?.resources);
  if (!sameSet(resources, expected)) {
    throw new CatalogTrustError(
      `kustomization.yaml in ${dir} lists ${resources.join(', ')}; expected the 9 official flavours ${expected.join(', ')}`,
    );
  }
  const times = [verified.signedAt];
  const catalogs: OfficialCatalogRecord[] = [];
  for (const type of IMAGE_TYPES) {
    for (const os of DEBIAN_RELEASES) {
      const file = path.join(dir, `catalog-${type}-${os}.yaml`);
      const v = verifySignedFile(file, CORE_IDENTITY);
      times.push(v.signedAt);
      catalogs.push(readCatalog(file, v, { type, os, withExtensions: false }));
    }
  }
  return { source: sourceRecord('core', dir, 'image-catalogs', CORE_IDENTITY, times), catalogs };
}

function readExtensions(dir: string): ReadResult {
  const { doc, verified } = readKustomization(dir, EXTENSIONS_IDENTITY);
  if (!Array.isArray(doc?.patches)) {
    throw new CatalogTrustError(`kustomization.yaml in ${dir}: expected patches listing the extension-enabled catalogs`);
  }
  const patched = doc.patches.map((p: any) => String(p?.path));
  const times = [verified.signedAt];
  const catalogs: OfficialCatalogRecord[] = [];
  for (const patch of [...patched].sort()) {
    const m = /^catalog-(minimal|standard|system)-(bullseye|bookworm|trixie)\.yaml$/.exec(patch);
    if (!m) throw new CatalogTrustError(`kustomization.yaml in ${dir}: unexpected patch ${patch}`);
    const file = path.join(dir, patch);
    const v = verifySignedFile(file, EXTENSIONS_IDENTITY);
    times.push(v.signedAt);
    catalogs.push(readCatalog(file, v, { type: m[1], os: m[2], withExtensions: true }));
  }
  if (catalogs.length === 0) throw new CatalogTrustError(`kustomization.yaml in ${dir}: no extension-enabled catalogs`);
  return { source: sourceRecord('extensions', dir, 'image-catalogs-extensions', EXTENSIONS_IDENTITY, times), catalogs };
}

function sourceRecord(
  variant: 'core' | 'extensions',
  dir: string,
  repositoryFolder: string,
  identity: string,
  times: Date[],
): OfficialSourceRecord {
  const latest = new Date(Math.max(...times.map((t) => t.getTime())));
  return {
    variant,
    folder: path.basename(path.resolve(dir)),
    repositoryFolder,
    signedAt: latest.toISOString().replace('.000Z', 'Z'),
    identity,
    issuer: ISSUER,
  };
}

function render(sources: OfficialSourceRecord[], catalogs: OfficialCatalogRecord[]): string {
  const json = (v: unknown) => JSON.stringify(v, null, 2);
  return [
    '// generated by `npx projen catalogs` from sigstore-verified official catalogs; do not edit',
    "import type { OfficialCatalogRecord, OfficialSourceRecord } from './official-data';",
    '',
    '/** Who signed the data below, and when. */',
    `export const OFFICIAL_SOURCES: readonly OfficialSourceRecord[] = ${json(sources)};`,
    '',
    '/** Every official catalog, exactly as signed (labels and env in file order). */',
    `export const OFFICIAL_CATALOGS: readonly OfficialCatalogRecord[] = ${json(catalogs)};`,
    '',
  ].join('\n');
}

interface Snapshot {
  /** The day (UTC) the core catalogs were last signed: the snapshot's name. */
  readonly date: string;
  /** The day the extension-enabled catalogs were last signed. */
  readonly extensionsDate: string;
  readonly text: string;
}

/** Verifies and reads both folders of one snapshot; writes nothing. */
function readSnapshot(options: GenerateOptions): Snapshot {
  for (const dir of [options.coreDir, options.extensionsDir]) {
    if (!fs.existsSync(dir)) throw new CatalogTrustError(`catalog folder not found: ${dir}`);
  }
  const core = readCore(options.coreDir);
  const ext = readExtensions(options.extensionsDir);
  const text = render([core.source, ext.source], [...core.catalogs, ...ext.catalogs]);
  return { date: core.source.signedAt.slice(0, 10), extensionsDate: ext.source.signedAt.slice(0, 10), text };
}

/**
 * Verifies and reads both folders, then writes the data file. Nothing is written unless every file verifies.
 * Returns the generated source text.
 */
export function generateCatalogData(options: GenerateOptions): string {
  const { text } = readSnapshot(options);
  const outFile = options.outFile ?? DEFAULT_OUT;
  fs.writeFileSync(outFile, text);
  return text;
}

/**
 * Earlier signed snapshots the library ships besides the default (a catalog wave may pin one), as folders of
 * ../shared/catalogs, newest first. Each must be older than the one before it.
 */
export const EARLIER_SNAPSHOTS: ReadonlyArray<{ readonly core: string; readonly extensions: string }> = [
  { core: 'artifacts-2026-07-17', extensions: 'artifacts-extensions-2026-07-17' },
];

/**
 * Verifies every snapshot (the default first, then earlier ones, each older than the one before), then
 * writes the default to official-catalogs.generated.ts, each earlier one to
 * official-catalogs-<date>.generated.ts, and the list of them all to official-snapshots.generated.ts.
 * Nothing is written unless every snapshot verifies. Returns the files written.
 */
export function generateSnapshots(snapshots: readonly GenerateOptions[], outDir = path.dirname(DEFAULT_OUT)): string[] {
  if (snapshots.length === 0) throw new CatalogTrustError('no snapshot to generate');
  const read = snapshots.map(readSnapshot);
  for (let i = 1; i < read.length; i++) {
    if (read[i].date >= read[i - 1].date) {
      throw new CatalogTrustError(`snapshot ${read[i].date} (${snapshots[i].coreDir}) is not older than ${read[i - 1].date}: list the default (newest) first, then each earlier snapshot once, newest first`);
    }
  }
  const files = read.map((r, i) => (i === 0 ? path.basename(DEFAULT_OUT) : `official-catalogs-${r.date}.generated.ts`));
  const index = [
    '// generated by `npx projen catalogs` from sigstore-verified official catalogs; do not edit',
    "import type { OfficialSnapshotRecord } from './official-data';",
    ...files.map((f, i) => `import * as s${i} from './${f.replace(/\.ts$/, '')}';`),
    '',
    '/** Every signed snapshot of the official catalogs the library ships, newest (the default) first. */',
    'export const OFFICIAL_SNAPSHOTS: readonly OfficialSnapshotRecord[] = [',
    ...read.map((r, i) => `  { date: '${r.date}', extensionsDate: '${r.extensionsDate}', sources: s${i}.OFFICIAL_SOURCES, catalogs: s${i}.OFFICIAL_CATALOGS },`),
    '];',
    '',
  ].join('\n');
  read.forEach((r, i) => fs.writeFileSync(path.join(outDir, files[i]), r.text));
  fs.writeFileSync(path.join(outDir, 'official-snapshots.generated.ts'), index);
  return [...files, 'official-snapshots.generated.ts'];
}

if (require.main === module) {
  const shared = path.join(ROOT, '..', 'shared', 'catalogs');
  const coreDir = process.env.CNPG_CATALOGS_DIR || path.join(shared, 'artifacts-2026-08-17');
  const extensionsDir = process.env.CNPG_EXTENSION_CATALOGS_DIR || path.join(shared, 'artifacts-extensions-2026-08-22');
  const earlier = EARLIER_SNAPSHOTS.map((s) => ({ coreDir: path.join(shared, s.core), extensionsDir: path.join(shared, s.extensions) }));
  try {
    const files = generateSnapshots([{ coreDir, extensionsDir }, ...earlier]);
    console.log(`wrote ${files.map((f) => path.join('src', 'catalog', f)).join(', ')} from ${[coreDir, extensionsDir, ...earlier.flatMap((e) => [e.coreDir, e.extensionsDir])].join(', ')}`);
  } catch (e) {
    console.error(`catalogs: refused: ${(e as Error).message}`);
    console.error('the committed catalog data was left untouched');
    process.exit(1);
  }
}
