import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ensureCompiled, ROOT } from './build';

// What `npm install cdk8s-cnpg` gets: only what runs (lib/ without sources or source maps, the jsii
// assembly, the docs) and the bundled runtime dependencies, within a size budget.

/**
 * Size budgets of the package, in bytes. Today: about 2.0 MB packed, 13.2 MB unpacked, of which the jsii
 * assembly is 3.5 MB, the generated bindings (exported as `cnpg`, `barmancloud`, ...) 3.4 MB and the bundled
 * dependencies 3.5 MB. A change that crosses a budget says what grew, and moves the budget on purpose: re2js
 * (Go's RE2 parser, for the excludePatterns the operator compiles) added 0.19 MB packed, 0.91 MB unpacked
 * (it ships ESM, CommonJS and UMD builds).
 */
const BUDGET = { packed: 2_100_000, unpacked: 14_000_000 };

interface PackResult {
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: Array<{ readonly path: string; readonly size: number }>;
  readonly bundled: string[];
}

const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
let packed: PackResult;

beforeAll(() => {
  ensureCompiled();
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  packed = JSON.parse(out)[0];
}, 180_000);

/** The file, or the bundled package a file belongs to. */
function partOf(file: string): string {
  return file.startsWith('node_modules/') ? file.split('/').slice(0, file.startsWith('node_modules/@') ? 3 : 2).join('/') : file;
}

/** The files of the package itself, without the bundled dependencies. */
const own = () => packed.files.filter((f) => !f.path.startsWith('node_modules/'));

describe('the npm package', () => {
  test('ships only the allowlist: lib/ JavaScript and declarations, .jsii, README, LICENSE, API.md, the plan\'s JSON Schema, package.json', () => {
    const listed = ['.jsii', 'README.md', 'LICENSE', 'API.md', 'schemas/plan.schema.json', 'package.json'];
    const allowed = (p: string) => /^lib\/.+(\.js|\.d\.ts)$/.test(p) || listed.includes(p);
    expect(own().map((f) => f.path).filter((p) => !allowed(p))).toEqual([]);
    for (const required of ['.jsii', 'README.md', 'LICENSE', 'API.md', 'schemas/plan.schema.json', 'lib/src/index.js', 'lib/src/index.d.ts', 'lib/src/cli/main.js']) {
      expect(own().map((f) => f.path)).toContain(required);
    }
  });

  test('ships no TypeScript sources (imports/*.ts, src/) and no source maps', () => {
    const paths = own().map((f) => f.path);
    expect(paths.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('imports/') || p.startsWith('src/'))).toEqual([]);
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
  });

  test('no shipped file points at a source map that is not shipped with its sources', () => {
    const shipped = new Set(own().map((f) => f.path));
    const dangling: string[] = [];
    for (const file of [...shipped].filter((p) => p.endsWith('.js'))) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1];
      if (url === undefined) continue;
      if (url.startsWith('data:')) {
        const map = JSON.parse(Buffer.from(url.split(',')[1], 'base64').toString('utf8'));
        if (!Array.isArray(map.sourcesContent)) dangling.push(`${file}: inline map without sourcesContent`);
        continue;
      }
      const mapPath = path.posix.join(path.posix.dirname(file), url);
      if (!shipped.has(mapPath)) dangling.push(`${file} -> ${mapPath} (not shipped)`);
      else if (!Array.isArray(JSON.parse(fs.readFileSync(path.join(ROOT, mapPath), 'utf8')).sourcesContent)) dangling.push(`${mapPath}: no sourcesContent`);
    }
    expect(dangling).toEqual([]);
  });

  test('bundles exactly its runtime dependencies (jsii requires them bundled) and their own dependencies', () => {
    expect(PKG.bundledDependencies.sort()).toEqual(Object.keys(PKG.dependencies).sort());
    for (const dep of PKG.bundledDependencies) expect(packed.bundled).toContain(dep);
    const roots = new Set(packed.files.filter((f) => f.path.startsWith('node_modules/'))
      .map((f) => f.path.split('/').slice(1, f.path.startsWith('node_modules/@') ? 3 : 2).join('/')));
    expect([...roots].filter((r) => !packed.bundled.includes(r))).toEqual([]);
  });

  test(`stays within the size budget: ${BUDGET.packed / 1e6} MB packed, ${BUDGET.unpacked / 1e6} MB unpacked`, () => {
    const largest = packed.files.map((f) => ({ part: partOf(f.path), size: f.size }))
      .reduce((m, f) => m.set(f.part, (m.get(f.part) ?? 0) + f.size), new Map<string, number>());
    const report = [...largest].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([part, size]) => `${part} ${(size / 1e6).toFixed(2)} MB`).join(', ');
    const within = packed.size <= BUDGET.packed && packed.unpackedSize <= BUDGET.unpacked;
    expect(within ? 'within budget' : `${packed.size} bytes packed, ${packed.unpackedSize} unpacked; largest: ${report}`).toBe('within budget');
  });

  test('declares its experimental stability and the peer dependencies apps share', () => {
    expect(PKG.stability).toBe('experimental');
    expect(Object.keys(PKG.peerDependencies).sort()).toEqual(['cdk8s', 'cdk8s-plus-28', 'constructs']);
    expect(PKG.bin).toEqual({ 'cdk8s-cnpg': 'lib/src/cli/main.js' });
  });

  test('loads without cdk8s-plus at runtime: cdk8s-plus-28 is a peer for its types only', () => {
    const script = "require('./lib/src'); require('./lib/src/cli/main');"
      + "console.log(JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('/node_modules/cdk8s-plus'))))";
    expect(JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }))).toEqual([]);
  });

  test('the compiled command prints its version', () => {
    expect(execFileSync(process.execPath, ['lib/src/cli/main.js', '--version'], { cwd: ROOT, encoding: 'utf8' }).trim()).toBe(PKG.version);
  });
});
