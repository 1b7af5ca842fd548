import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NOW, SECOND, setUpTestRoot, sign as signWithTestRoot } from './sigstore-mock';
import { CORE_CATALOGS_IDENTITY, EXTENSION_CATALOGS_IDENTITY, GITHUB_ACTIONS_ISSUER } from '../src/supply-chain/identities';
import { checkOneRun, verifySnapshot } from '../src/supply-chain/snapshot';
import { CatalogTrustError } from '../src/supply-chain/verify';

// verifySnapshot over folders signed by a TEST trusted root (@sigstore/mock's Fulcio CA, CT log and Rekor log,
// offline, as in test/supply-chain-verify.test.ts): the refusals of a signed kustomization that lists the wrong
// files need kustomizations the publisher never signed. checkOneRun is tested directly with signing times.

// eslint-disable-next-line @typescript-eslint/no-require-imports
jest.mock('../src/supply-chain/trusted-root.generated', () => require('./sigstore-mock').TRUSTED_ROOT_MODULE);

beforeAll(setUpTestRoot);

/** A sigstore bundle over `bytes` by `identity` and the GitHub Actions issuer, integrated `after` seconds after NOW. */
async function sign(bytes: Uint8Array, identity: string, after: number): Promise<string> {
  return (await signWithTestRoot(bytes, { identity, issuer: GITHUB_ACTIONS_ISSUER, integratedAfter: [after] })).bundle;
}

const TYPES = ['minimal', 'standard', 'system'];
const RELEASES = ['bullseye', 'bookworm', 'trixie'];
/** The 9 core catalog files, sorted by name. */
const CORE_FILES = TYPES.flatMap((t) => RELEASES.map((r) => `catalog-${t}-${r}.yaml`)).sort();

/** A valid official catalog file for `file` (`catalog-<type>-<os>.yaml`), one major. */
function catalogYaml(file: string): string {
  const [, type, release] = /^catalog-(\w+)-(\w+)\.yaml$/.exec(file)!;
  return [
    'apiVersion: postgresql.cnpg.io/v1',
    'kind: ClusterImageCatalog',
    'metadata:',
    `  name: postgresql-${type}-${release}`,
    '  labels:',
    `    images.cnpg.io/type: ${type}`,
    `    images.cnpg.io/os: ${release}`,
    "    images.cnpg.io/date: '20260301'",
    'spec:',
    '  images:',
    `  - major: 18\n    image: ghcr.io/cloudnative-pg/postgresql:18.1-${type}-${release}@sha256:${'a'.repeat(64)}`,
    '',
  ].join('\n');
}

const coreKustomization = (files: string[]): string =>
  ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources:', ...files.map((f) => `- ${f}`), ''].join('\n');

const extensionKustomization = (patches: string): string =>
  ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources:', '- ../image-catalogs', '', `patches:${patches}`, ''].join('\n');

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/**
 * A folder holding `files` (name to text); those named in `signed` get a bundle by `identity`, integrated that
 * many seconds after NOW.
 */
async function folder(files: { [file: string]: string }, identity: string, signed: { [file: string]: number }): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-'));
  folders.push(dir);
  for (const [file, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, file), text);
    if (signed[file] !== undefined) fs.writeFileSync(path.join(dir, `${file}.sigstore.json`), await sign(Buffer.from(text), identity, signed[file]));
  }
  return dir;
}

/** The CatalogTrustError message verifySnapshot throws for `dir`, checking it throws one. */
function refusal(dir: string): string {
  try {
    verifySnapshot(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogTrustError);
    return (e as Error).message;
  }
  throw new Error(`verifySnapshot accepted ${dir}`);
}

describe('verifySnapshot: the kustomization', () => {
  test('refuses a kustomization.yaml that is not YAML, naming the file and the parser\'s first line', async () => {
    const dir = await folder({ 'kustomization.yaml': 'resources: [catalog-minimal-trixie.yaml\n' }, CORE_CATALOGS_IDENTITY, {});
    expect(refusal(dir)).toBe(
      'kustomization.yaml: not YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1:',
    );
  });

  test('reads an empty kustomization.yaml as the core layout, and refuses it unsigned', async () => {
    const dir = await folder({ 'kustomization.yaml': '' }, CORE_CATALOGS_IDENTITY, {});
    expect(refusal(dir)).toBe(
      'kustomization.yaml: unsigned (no sigstore bundle kustomization.yaml.sigstore.json); refusing a catalog whose origin cannot be verified',
    );
  });

  test('refuses a signed empty core kustomization: its resources are not a list', async () => {
    const dir = await folder({ 'kustomization.yaml': '' }, CORE_CATALOGS_IDENTITY, { 'kustomization.yaml': 1 });
    expect(refusal(dir)).toBe('kustomization.yaml resources: expected a list of strings');
  });

  test('refuses a signed core kustomization that lists 8 of the 9 official flavours, naming both lists', async () => {
    const listed = CORE_FILES.filter((f) => f !== 'catalog-system-trixie.yaml');
    const dir = await folder({ 'kustomization.yaml': coreKustomization(listed) }, CORE_CATALOGS_IDENTITY, { 'kustomization.yaml': 1 });
    expect(refusal(dir)).toBe(
      `kustomization.yaml in ${dir} lists ${listed.join(', ')}; expected the 9 official flavours `
      + 'catalog-minimal-bullseye.yaml, catalog-minimal-bookworm.yaml, catalog-minimal-trixie.yaml, '
      + 'catalog-standard-bullseye.yaml, catalog-standard-bookworm.yaml, catalog-standard-trixie.yaml, '
      + 'catalog-system-bullseye.yaml, catalog-system-bookworm.yaml, catalog-system-trixie.yaml',
    );
  });

  test('accepts the 9 flavours listed in any order, and returns the files sorted by name', async () => {
    const files: { [file: string]: string } = { 'kustomization.yaml': coreKustomization([...CORE_FILES].reverse()) };
    const signed: { [file: string]: number } = { 'kustomization.yaml': 10 };
    CORE_FILES.forEach((f, i) => {
      files[f] = catalogYaml(f);
      signed[f] = i + 1;
    });
    const dir = await folder(files, CORE_CATALOGS_IDENTITY, signed);
    const snapshot = verifySnapshot(dir);
    expect(snapshot.variant).toBe('core');
    expect(snapshot.kustomization).toEqual(expect.objectContaining({
      file: 'kustomization.yaml', signedAt: '2026-03-01T12:00:10Z', identity: CORE_CATALOGS_IDENTITY, issuer: GITHUB_ACTIONS_ISSUER,
    }));
    expect(snapshot.files.map((f) => [f.file, f.signedAt, f.document.name])).toEqual(CORE_FILES.map((f, i) => [
      f, `2026-03-01T12:00:0${i + 1}Z`, f.replace(/^catalog-(.*)\.yaml$/, 'postgresql-$1'),
    ]));
    expect(snapshot.signedAt).toBe('2026-03-01T12:00:10Z');
    expect(snapshot.spanSeconds).toBe(9);
  });
});

describe('verifySnapshot: the extension-enabled layout', () => {
  test('refuses a patch that is not an official catalog file', async () => {
    const dir = await folder({ 'kustomization.yaml': extensionKustomization('\n- path: catalog-minimal-trixie.yaml\n- path: extra.yaml') },
      EXTENSION_CATALOGS_IDENTITY, { 'kustomization.yaml': 1 });
    expect(refusal(dir)).toBe(`kustomization.yaml in ${dir}: unexpected patch extra.yaml`);
  });

  test('refuses an empty patch entry as a patch without a path', async () => {
    const dir = await folder({ 'kustomization.yaml': extensionKustomization('\n- ~') }, EXTENSION_CATALOGS_IDENTITY, { 'kustomization.yaml': 1 });
    expect(refusal(dir)).toBe(`kustomization.yaml in ${dir}: unexpected patch undefined`);
  });

  test('refuses a kustomization without patches: no extension-enabled catalogs', async () => {
    const dir = await folder({ 'kustomization.yaml': extensionKustomization(' []') }, EXTENSION_CATALOGS_IDENTITY, { 'kustomization.yaml': 1 });
    expect(refusal(dir)).toBe(`kustomization.yaml in ${dir}: no extension-enabled catalogs`);
  });

  test('refuses catalog files the kustomization does not list, naming every one of them', async () => {
    const dir = await folder({
      'kustomization.yaml': extensionKustomization('\n- path: catalog-minimal-trixie.yaml'),
      'catalog-minimal-trixie.yaml': catalogYaml('catalog-minimal-trixie.yaml'),
      'catalog-minimal-bookworm.yaml': catalogYaml('catalog-minimal-bookworm.yaml'),
      'catalog-standard-bookworm.yaml': catalogYaml('catalog-standard-bookworm.yaml'),
    }, EXTENSION_CATALOGS_IDENTITY, { 'kustomization.yaml': 1, 'catalog-minimal-trixie.yaml': 2 });
    const message = refusal(dir);
    const unlisted = fs.readdirSync(dir).filter((f) => f === 'catalog-minimal-bookworm.yaml' || f === 'catalog-standard-bookworm.yaml');
    expect(unlisted).toHaveLength(2);
    expect(message).toBe(
      `${unlisted.join(', ')}: in ${dir} but not listed by its signed kustomization.yaml (catalog-minimal-trixie.yaml); `
      + 'a snapshot holds exactly the files its kustomization lists',
    );
  });
});

const at = (seconds: number): string => new Date(NOW + seconds * SECOND).toISOString().slice(0, -5) + 'Z';

/** The CatalogTrustError message checkOneRun throws, checking it throws one. */
function mixed(signatures: Array<[string, number]>): string {
  try {
    checkOneRun('here', signatures.map(([file, seconds]) => ({ file, signedAt: at(seconds) })));
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogTrustError);
    return (e as Error).message;
  }
  throw new Error('checkOneRun accepted the signatures');
}

const ONE_RUN = 'the files of one refresh are signed by one run, within 300 s of each other. Take every file, and the kustomization, from the same snapshot';

describe('checkOneRun', () => {
  test('accepts signatures exactly SNAPSHOT_WINDOW_SECONDS (300 s) apart', () => {
    expect(() => checkOneRun('here', [{ file: 'kustomization.yaml', signedAt: at(0) }, { file: 'a.yaml', signedAt: at(300) }])).not.toThrow();
  });

  test('names the files signed apart from the kustomization, even when it is neither the first nor the newest', () => {
    expect(mixed([['a.yaml', 0], ['kustomization.yaml', 200], ['b.yaml', 600]])).toBe(
      `mixed snapshot in here: b.yaml was signed at ${at(600)}, but kustomization.yaml at ${at(200)}; ${ONE_RUN}`,
    );
  });

  test('without a kustomization, names the files signed apart from the newest signature', () => {
    expect(mixed([['a.yaml', 0], ['b.yaml', 400], ['c.yaml', 100]])).toBe(
      `mixed snapshot in here: a.yaml was signed at ${at(0)}, but b.yaml at ${at(400)}; ${ONE_RUN}`,
    );
  });

  test('a file exactly 300 s from the kustomization belongs to its run; every file further apart is named', () => {
    expect(mixed([['kustomization.yaml', 0], ['a.yaml', 300], ['b.yaml', 301], ['c.yaml', 500]])).toBe(
      `mixed snapshot in here: b.yaml was signed at ${at(301)}, c.yaml was signed at ${at(500)}, but kustomization.yaml at ${at(0)}; ${ONE_RUN}`,
    );
  });
});
