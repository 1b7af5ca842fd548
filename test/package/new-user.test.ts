import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { ROOT } from './build';

// A new user, as the README tells them: the tarball built from source (`npx projen tarball`), installed into
// a fresh cdk8s app on the newest cdk8s-plus, a README example compiled with the cdk8s app template's strict
// tsconfig, synthesised, and checked with the installed command. It needs the npm registry (or npm's cache)
// for cdk8s and cdk8s-plus.

/** The newest cdk8s-plus on the registry (cdk8s-plus-35 does not exist yet). */
const NEWEST_PLUS = 'cdk8s-plus-34';

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const EXAMPLE = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).find((code) => code.includes(`from '${NEWEST_PLUS}'`));
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'cnpg-new-user-'));
const APP = path.join(WORK, 'app');

function inApp(command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(command, args, { cwd: APP, encoding: 'utf8' });
}

beforeAll(() => {
  execFileSync('npx', ['projen', 'tarball'], { cwd: ROOT, stdio: 'pipe' });
  const tarball = path.join(ROOT, 'dist-pkg', 'js', `cdk8s-cnpg@${VERSION}.jsii.tgz`);
  fs.mkdirSync(APP);
  fs.writeFileSync(path.join(APP, 'package.json'), JSON.stringify({ name: 'new-user-app', version: '1.0.0', private: true }));
  // What `cdk8s init typescript-app` writes, with the library next to its cdk8s-plus.
  fs.copyFileSync(path.join(ROOT, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app', 'tsconfig.json'), path.join(APP, 'tsconfig.json'));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error',
    'cdk8s@^2', 'constructs@^10', `${NEWEST_PLUS}@^2`, tarball], { cwd: APP, stdio: 'pipe' });
  fs.writeFileSync(path.join(APP, 'main.ts'), EXAMPLE ?? '');
}, 240_000);

afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

describe(`a new cdk8s app on ${NEWEST_PLUS}`, () => {
  test(`the README has an example on ${NEWEST_PLUS}`, () => {
    expect(EXAMPLE).toContain("from 'cdk8s-cnpg'");
  });

  test('npm installs the library beside the app\'s cdk8s, constructs and cdk8s-plus, with no nested copy', () => {
    const nested = path.join(APP, 'node_modules', 'cdk8s-cnpg', 'node_modules');
    const copies = fs.existsSync(nested) ? fs.readdirSync(nested).filter((d) => /^(cdk8s|constructs|cdk8s-plus-\d+)$/.test(d)) : [];
    expect(copies).toEqual([]);
    expect(fs.existsSync(path.join(APP, 'node_modules', NEWEST_PLUS))).toBe(true);
  });

  test('the README example compiles with the cdk8s app template\'s tsconfig', () => {
    const tsc = inApp(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  test('synthesises, without loading cdk8s-plus-28 (a peer for its types only)', () => {
    const run = inApp(process.execPath, ['-e',
      "require('./main.js'); console.log(JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('/node_modules/cdk8s-plus-28/'))))"]);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([]);
    const manifests = fs.readdirSync(path.join(APP, 'dist')).flatMap((f) => YAML.parseAllDocuments(fs.readFileSync(path.join(APP, 'dist', f), 'utf8')).map((d) => d.toJS()));
    const cluster = manifests.find((m) => m.kind === 'Cluster');
    expect(cluster.metadata).toEqual({ name: 'payments', namespace: 'payments' });
    expect(cluster.spec.bootstrap.initdb.secret).toEqual({ name: 'payments-app' });
    expect(cluster.spec.resources.requests.cpu).toBe('1');
  });

  test('npx cdk8s-cnpg: --version, validate of the synthesised manifests, and an empty folder refused', () => {
    expect(inApp('npx', ['cdk8s-cnpg', '--version']).stdout.trim()).toBe(VERSION);
    const valid = inApp('npx', ['cdk8s-cnpg', 'validate', 'dist']);
    expect(valid.stdout).toContain('1 CloudNativePG object(s): 1 valid, 0 invalid');
    expect(valid.status).toBe(0);
    fs.mkdirSync(path.join(APP, 'empty'));
    const empty = inApp('npx', ['cdk8s-cnpg', 'validate', 'empty']);
    expect(empty.stderr).toContain('no CloudNativePG object found');
    expect(empty.status).toBe(2);
  });
});
