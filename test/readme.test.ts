import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { eachWithShared, SHARED } from './shared-data';
import * as library from '../src';
import { main } from '../src/cli/main';

// Every ```ts block of the README is a complete program: it must type-check against the library (imported
// as 'cdk8s-cnpg') and run.

const ROOT = path.resolve(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const BLOCKS = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
const VIRTUAL_DIR = path.join(ROOT, 'test', '__readme__');
const fileOf = (i: number) => path.join(VIRTUAL_DIR, `block-${i}.ts`);

describe('README examples', () => {
  test('the README has TypeScript examples', () => {
    expect(BLOCKS.length).toBeGreaterThanOrEqual(4);
  });

  test('every example type-checks against the library', () => {
    const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.dev.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
    const options: ts.CompilerOptions = {
      ...parsed.options,
      noEmit: true,
      noUnusedLocals: false,
      baseUrl: ROOT,
      paths: { 'cdk8s-cnpg': ['src/index.ts'] },
    };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    const readFile = host.readFile.bind(host);
    const virtual = new Map(BLOCKS.map((code, i) => [fileOf(i), code]));
    host.fileExists = (f) => virtual.has(f) || fileExists(f);
    host.readFile = (f) => virtual.get(f) ?? readFile(f);
    host.getSourceFile = (f, lang, onError, create) =>
      virtual.has(f) ? ts.createSourceFile(f, virtual.get(f)!, lang) : getSourceFile(f, lang, onError, create);
    const program = ts.createProgram([...virtual.keys()], options, host);
    const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file && virtual.has(d.file.fileName));
    const messages = diagnostics.map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${path.basename(d.file!.fileName)}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(messages).toEqual([]);
  }, 120_000);

  test.each(BLOCKS.map((code, i) => [i, code] as const).filter(([, code]) => !readsCatalogFiles(code)))('example %i runs', (_i, code) => {
    runExample(code);
  });

  // The Supply chain example reads the official catalogs from files, as an app vendors them: it runs in a
  // folder holding artifacts' image-catalogs/ (the signed 2026-08-17 snapshot) and the lock written for it.
  const withCatalogs = BLOCKS.map((code, i) => [i, code] as const).filter(([, code]) => readsCatalogFiles(code));
  eachWithShared('catalogs/artifacts-2026-08-17', withCatalogs)(
    'example %i runs in a folder with image-catalogs/ and catalogs.lock.json',
    (_i, code) => {
      const app = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-app-'));
      const catalogs = path.join(app, 'image-catalogs');
      fs.mkdirSync(catalogs);
      const snapshot = path.join(SHARED, 'catalogs', 'artifacts-2026-08-17');
      for (const f of fs.readdirSync(snapshot)) fs.copyFileSync(path.join(snapshot, f), path.join(catalogs, f));
      expect(main(['catalogs', 'lock', catalogs, '--out', path.join(app, 'catalogs.lock.json')], { out: () => undefined, err: () => undefined })).toBe(0);
      const cwd = process.cwd();
      process.chdir(app);
      try {
        runExample(code);
      } finally {
        process.chdir(cwd);
        fs.rmSync(app, { recursive: true, force: true });
      }
    },
  );
});

/** Whether an example reads catalog files through a lock (it needs them in its folder). */
function readsCatalogFiles(code: string): boolean {
  return code.includes("'catalogs.lock.json'");
}

/** Runs an example as a program that imports the library as 'cdk8s-cnpg'; one that synthesises must write manifests. */
function runExample(code: string): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-'));
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    // The library is loaded with this file, not inside a test: code that runs when a module loads stays
    // outside every test (mutation testing takes it for static)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const requireFromTest = (id: string) => (id === 'cdk8s-cnpg' ? library : require(id));
    const module = { exports: {} };
    new Function('require', 'module', 'exports', js)(requireFromTest, module, module.exports);
    // examples that synthesise write their manifests to the outdir
    if (/\.synth\(\)/.test(code)) {
      expect(fs.readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).length).toBeGreaterThan(0);
    }
  } finally {
    log.mockRestore();
    if (previous === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = previous;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
