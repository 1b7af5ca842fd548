import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

// The architecture, checked: src/ is a stack of layers, each folder may import only from the folders below
// it (and from imports/, the generated bindings), files import each other in no circle, and the generated
// code under imports/ imports nothing from src/.

/** The folders of src/, from the bottom up. A folder may import from itself and from those before it. */
const LAYERS = ['common', 'rules', 'validator', 'admission', 'supply-chain', 'resource', 'extension', 'catalog', 'operator', 'cluster', 'policy', 'fleet', 'cli'];

const ROOT = path.join(__dirname, '..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The relative imports of a file (import, export-from, require and dynamic import), resolved to .ts files. */
function localImports(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  const out: string[] = [];
  for (const { fileName } of info.importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const base = path.resolve(path.dirname(file), fileName);
    const found = [`${base}.ts`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p));
    out.push(found ?? base);
  }
  return out;
}

const rel = (p: string) => path.relative(ROOT, p);

function folderOf(file: string): string {
  const parts = rel(file).split(path.sep);
  return parts[0] === 'src' && parts.length > 2 ? parts[1] : parts[0] === 'src' ? '.' : parts[0];
}

describe('layers', () => {
  const files = tsFiles(path.join(ROOT, 'src'));
  const graph = new Map(files.map((f) => [f, localImports(f)]));

  test('every folder of src/ has a place in the stack', () => {
    const folders = new Set(files.map(folderOf).filter((f) => f !== '.'));
    expect([...folders].filter((f) => !LAYERS.includes(f))).toEqual([]);
  });

  test('no folder imports from a folder above it', () => {
    const upward: string[] = [];
    for (const [file, deps] of graph) {
      const from = folderOf(file);
      if (from === '.') continue; // src/index.ts re-exports the public API
      for (const dep of deps) {
        const to = folderOf(dep);
        if (to === 'imports') continue;
        if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) upward.push(`${rel(file)} -> ${rel(dep)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  test('no file circle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...trail.slice(trail.indexOf(file)), file].map(rel).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const dep of graph.get(file) ?? []) if (graph.has(dep)) visit(dep, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  test('generated code under imports/ imports nothing from src/', () => {
    const offending = tsFiles(path.join(ROOT, 'imports'))
      .flatMap((f) => localImports(f).filter((d) => rel(d).startsWith(`src${path.sep}`)).map((d) => `${rel(f)} -> ${rel(d)}`));
    expect(offending).toEqual([]);
  });

  test('the checker sees an upward import and a circle when there is one', () => {
    // a fixture tree written to a temp dir: common/a.ts imports cluster/b.ts, which imports common/a.ts
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
    fs.mkdirSync(path.join(dir, 'common'));
    fs.mkdirSync(path.join(dir, 'cluster'));
    fs.writeFileSync(path.join(dir, 'common', 'a.ts'), "import { b } from '../cluster/b';\nexport const a = b;\n");
    fs.writeFileSync(path.join(dir, 'cluster', 'b.ts'), "import { a } from '../common/a';\nexport const b = 1; void a;\n");
    const deps = localImports(path.join(dir, 'common', 'a.ts'));
    expect(deps).toEqual([path.join(dir, 'cluster', 'b.ts')]);
    expect(LAYERS.indexOf('cluster')).toBeGreaterThan(LAYERS.indexOf('common'));
    expect(localImports(path.join(dir, 'cluster', 'b.ts'))).toEqual([path.join(dir, 'common', 'a.ts')]);
  });
});
