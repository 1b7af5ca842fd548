import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

// `npm run mutation [-- --mutate src/rules/pooler.ts]`: mutation testing with Stryker (mutation/stryker.config.json),
// incremental against the committed baseline, then the per-module scores in mutation/scores.json.
//
// 1. Stryker runs on a working copy of the baseline (mutation/stryker-incremental.json): a mutant whose code
//    and covering tests are unchanged keeps its result, so a rerun after a small change takes minutes.
// 2. The run's results replace the baseline's for the modules it mutated; the other modules keep theirs
//    (a run with --mutate covers only some modules, and Stryker writes only those).
// 3. mutation/scores.json is rewritten from the merged baseline: per module, the counts, the score, the
//    date and commit of its last run, and the SHA-256 of the file as mutated (test/mutation.test.ts checks
//    that the hash is the current file's, so a change to a mutated module without a rerun fails CI).
//
// `npm run mutation -- --scores-only` rewrites scores.json from the baseline without running Stryker.

export const ROOT = path.resolve(__dirname, '..');
export const CONFIG_FILE = path.join(ROOT, 'mutation', 'stryker.config.json');
export const BASELINE_FILE = path.join(ROOT, 'mutation', 'stryker-incremental.json');
export const SCORES_FILE = path.join(ROOT, 'mutation', 'scores.json');
const RUN_FILE = path.join(ROOT, 'reports', 'mutation', 'incremental-run.json');
const JEST_RESULTS_FILE = path.join(ROOT, 'reports', 'mutation', 'jest-results.json');
const SURVIVORS_FILE = path.join(ROOT, 'reports', 'mutation', 'survivors.txt');
const TEST_NAMES_FILE = path.join(ROOT, 'reports', 'mutation', 'test-names.json');

/** What a module is held to (see CONTRIBUTING.md, "Mutation testing"). */
export type ModuleGroup = 'rule' | 'plan' | 'other';

/** The minimum score of each group, in percent; rule modules must also have no mutant without coverage. */
export const TARGETS: Record<ModuleGroup, number> = { rule: 90, plan: 90, other: 85 };

/** The group of a mutated module: CloudNativePG's rules, the rollout plan, or the other constructs and verifiers. */
export function groupOf(file: string): ModuleGroup {
  if (file.startsWith('src/rules/')) return 'rule';
  if (file === 'src/fleet/rollout-plan.ts' || file === 'src/fleet/plan-input.ts') return 'plan';
  return 'other';
}

/** One module's line of mutation/scores.json. */
export interface ModuleScore {
  readonly group: ModuleGroup;
  /** SHA-256 of the file as it was mutated. */
  readonly sha256: string;
  readonly killed: number;
  readonly survived: number;
  readonly noCoverage: number;
  readonly timeout: number;
  /** Static mutants Stryker ignored: of code that runs only when the module loads (see `isIgnored`), left out of the score. */
  readonly ignored: number;
  /** (killed + timeout) / (killed + timeout + survived + no coverage), in percent, one decimal. */
  readonly score: number;
  /** The day of the run that last tested a mutant of the module. */
  readonly date: string;
  readonly commit: string;
}

interface Mutant {
  status: string;
  /** Executed when a module loads (only then, or also inside tests: see {@link isIgnored}). */
  static?: boolean;
  mutatorName?: string;
  replacement?: string;
  location?: { start: { line: number; column: number } };
  coveredBy?: string[];
  killedBy?: string[];
}

interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>;
  testFiles?: Record<string, { tests: Array<{ id: string; name: string }> }>;
  [key: string]: unknown;
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(path.join(ROOT, file))).digest('hex');
}

/**
 * The baseline with the run's modules replaced. The run numbers its tests afresh: the kept modules' test
 * references are renumbered by test file and name (a test that no longer exists is dropped).
 */
export function mergeReports(baseline: Report | undefined, run: Report): Report {
  if (!baseline) return run;
  const newId = new Map<string, string>();
  for (const [file, { tests }] of Object.entries(run.testFiles ?? {})) for (const t of tests) newId.set(`${file}\0${t.name}`, t.id);
  const oldKey = new Map<string, string>();
  for (const [file, { tests }] of Object.entries(baseline.testFiles ?? {})) for (const t of tests) oldKey.set(t.id, `${file}\0${t.name}`);
  const remap = (ids?: string[]) => ids?.map((id) => newId.get(oldKey.get(id) ?? '')).filter((id): id is string => id !== undefined);
  // Stryker carries the baseline's results of the modules a run did not mutate into its report, but marks
  // them all not static: a mutant static in the baseline stays static (the same code runs at load).
  const mutantKey = (m: Mutant) => `${m.location?.start.line}:${m.location?.start.column} ${m.mutatorName} ${m.replacement}`;
  for (const [file, entry] of Object.entries(run.files)) {
    const before = new Map((baseline.files[file]?.mutants ?? []).map((m) => [mutantKey(m), m.static]));
    entry.mutants = entry.mutants.map((m) => (m.static !== true && before.get(mutantKey(m)) === true ? { ...m, static: true } : m));
  }
  const files: Report['files'] = {};
  for (const [file, entry] of Object.entries(baseline.files)) {
    if (run.files[file] || !fs.existsSync(path.join(ROOT, file))) continue;
    files[file] = { ...entry, mutants: entry.mutants.map((m) => ({ ...m, coveredBy: remap(m.coveredBy), killedBy: remap(m.killedBy) })) };
  }
  return { ...run, files: Object.fromEntries(Object.entries({ ...files, ...run.files }).sort(([a], [b]) => a.localeCompare(b))) };
}

/**
 * A mutant Stryker ignored: with `ignoreStatic`, a static mutant, of code that runs only when its module
 * loads (a table of fixed parameters, a constant). Its effect reaches every test, and testing it takes the
 * whole suite per mutant; it is left out of the score and counted as ignored. A mutant of code that runs
 * both at load and inside tests (Stryker's "hybrid", flagged `static` too) is tested against its covering
 * tests with the mutant active from the start, load included, and counts like any other.
 */
function isIgnored(m: Mutant): boolean {
  // Stryker's own criterion (static, and no test covers it), also applied to a result it carried over from
  // a baseline in which a test covered the mutant, a test gone since
  return m.status === 'Ignored' || (m.static === true && (m.coveredBy ?? []).length === 0);
}

/** The scores of every module of a (merged) report; `ran`: the modules this run tested, dated today. */
export function scoresOf(
  report: Report, previous: Record<string, ModuleScore>, ran: ReadonlySet<string>, commit: string, date: string,
): Record<string, ModuleScore> {
  const scores: Record<string, ModuleScore> = {};
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    const count = (status: string) => mutants.filter((m) => m.status === status && !isIgnored(m)).length;
    const killed = count('Killed');
    const survived = count('Survived');
    const noCoverage = count('NoCoverage');
    const timeout = count('Timeout');
    const detected = killed + timeout;
    const valid = detected + survived + noCoverage;
    const fresh = ran.has(file) || !previous[file];
    scores[file] = {
      group: groupOf(file),
      sha256: crypto.createHash('sha256').update(source).digest('hex'),
      killed,
      survived,
      noCoverage,
      timeout,
      ignored: mutants.filter(isIgnored).length,
      score: valid === 0 ? 100 : Math.floor((1000 * detected) / valid) / 10,
      date: fresh ? date : previous[file].date,
      commit: fresh ? commit : previous[file].commit,
    };
  }
  return scores;
}

/** A surviving mutant: `key` is how mutation/equivalent.md names it (`module:line:column Mutator`). */
export interface Survivor {
  readonly key: string;
  readonly status: string;
  readonly file: string;
  readonly line: number;
  readonly mutator: string;
  readonly replacement: string;
  /** The source line the mutant changes. */
  readonly original: string;
}

/** The mutants of a report that survived (or, with `status`, those of another status). */
export function survivorsOf(report: Report, status = 'Survived'): Survivor[] {
  return Object.entries(report.files).flatMap(([file, { source, mutants }]) => {
    const lines = source.split('\n');
    return mutants.filter((m) => m.status === status && !isIgnored(m)).map((m) => {
      const { line, column } = m.location!.start;
      return {
        key: `${file}:${line}:${column} ${m.mutatorName}`,
        status,
        file,
        line,
        mutator: m.mutatorName ?? '',
        replacement: m.replacement ?? '',
        original: (lines[line - 1] ?? '').trim(),
      };
    });
  });
}

/**
 * The rows of mutation/equivalent.md: `| \`module:line:column\` | Mutator | reason |` (a survivor that cannot
 * change behaviour, and why).
 */
export function equivalentEntries(markdown: string): Array<{ key: string; reason: string }> {
  const rows: Array<{ key: string; reason: string }> = [];
  for (const line of markdown.split('\n')) {
    const m = /^\|\s*`([^`]+:\d+:\d+)`\s*\|\s*(\w+)\s*\|(.*)\|\s*$/.exec(line);
    if (m) rows.push({ key: `${m[1]} ${m[2]}`, reason: m[3].trim() });
  }
  return rows;
}

/** CONTRIBUTING.md, whose "Mutation testing" section shows the scores between these two markers. */
export const CONTRIBUTING_FILE = path.join(ROOT, 'CONTRIBUTING.md');
const TABLE_START = '<!-- mutation-scores: written by `npm run mutation` from mutation/scores.json -->';
const TABLE_END = '<!-- /mutation-scores -->';

/** Whether a module meets its target: its group's score, and for a rule module no mutant that no test covers. */
export function meetsTarget(s: ModuleScore): boolean {
  return s.score >= TARGETS[s.group] && (s.group !== 'rule' || s.noCoverage === 0);
}

/** The table of scores CONTRIBUTING.md shows: one row per module, its target and whether it is met. */
export function scoreTable(scores: Record<string, ModuleScore>): string {
  const rows = Object.entries(scores).sort(([a], [b]) => a.localeCompare(b)).map(([file, s]) => {
    return `| \`${file}\` | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} | ${s.ignored} | ${s.score} % | ${TARGETS[s.group]} % | ${meetsTarget(s) ? 'met' : '**below**'} |`;
  });
  return [
    '| Module | Killed | Timeout | Survived | No coverage | Ignored (static) | Score | Target | |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}

/** `markdown` with the text between the score table's markers replaced by `table`. */
export function withScoreTable(markdown: string, table: string): string {
  const start = markdown.indexOf(TABLE_START);
  const end = markdown.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`CONTRIBUTING.md has no score table markers (${TABLE_START} ... ${TABLE_END})`);
  return `${markdown.slice(0, start + TABLE_START.length)}\n${table}\n${markdown.slice(end)}`;
}

/** The modules a run mutates: those of `--mutate a,b` (or `--mutate=a,b`), else the configuration's. */
export function mutatedFiles(args: readonly string[]): string[] {
  const i = args.findIndex((a) => a === '--mutate' || a.startsWith('--mutate='));
  if (i < 0) return (readJson<{ mutate: string[] }>(CONFIG_FILE)?.mutate ?? []);
  const value = args[i].startsWith('--mutate=') ? args[i].slice('--mutate='.length) : args[i + 1] ?? '';
  return value.split(',').filter((f) => f !== '');
}

/**
 * The baseline a run starts from, without the results of the mutants that were not killed in the modules it
 * mutates: Stryker reuses a survivor's result when its code and known tests are unchanged, even when a test
 * added since covers it, so each run tests its modules' survivors again against the tests as they are.
 */
export function withoutSurvivors(baseline: Report, files: readonly string[]): Report {
  const again = new Set(['Survived', 'NoCoverage']);
  const mutated = new Set(files);
  return {
    ...baseline,
    files: Object.fromEntries(Object.entries(baseline.files).map(([file, entry]) => [file,
      mutated.has(file) ? { ...entry, mutants: entry.mutants.filter((m) => !again.has(m.status)) } : entry])),
  };
}

function readJson<T>(file: string): T | undefined {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as T : undefined;
}

export function writeScores(scores: Record<string, ModuleScore>): void {
  const out = {
    '//': 'generated by `npm run mutation` (scripts/mutation.ts); score = (killed + timeout) / (killed + timeout + survived + no coverage), compile errors and static mutants (code run only when a module loads, counted as ignored) excluded',
    'targets': TARGETS,
    'modules': scores,
  };
  fs.writeFileSync(SCORES_FILE, JSON.stringify(out, null, 2) + '\n');
  fs.writeFileSync(CONTRIBUTING_FILE, withScoreTable(fs.readFileSync(CONTRIBUTING_FILE, 'utf8'), scoreTable(scores)));
}

/**
 * Each test file's test names (mutation/test-sequencer.js reads them, to run only the files that hold a
 * mutant's covering tests): one run of the suite as Stryker runs it.
 */
function writeTestNames(): void {
  console.log('Listing the tests of each test file (one run of the suite)...');
  const jest = spawnSync('npx', ['jest', '--config', 'mutation/jest.config.js', '--silent', '--json', '--outputFile', JEST_RESULTS_FILE], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, MUTATION_TEST_NAMES: '' },
  });
  if (jest.status !== 0) process.exit(jest.status ?? 1);
  const results: { testResults: Array<{ name: string; assertionResults: Array<{ fullName: string }> }> } = JSON.parse(fs.readFileSync(JEST_RESULTS_FILE, 'utf8'));
  const names = Object.fromEntries(results.testResults.map((r) => [path.relative(ROOT, r.name).split(path.sep).join('/'), r.assertionResults.map((a) => a.fullName)]));
  fs.writeFileSync(TEST_NAMES_FILE, JSON.stringify(names));
}

function main(): void {
  const args = process.argv.slice(2);
  const scoresOnly = args.includes('--scores-only');
  const baseline = readJson<Report>(BASELINE_FILE);
  let merged = baseline;
  let ran = new Set<string>();
  if (!scoresOnly) {
    fs.mkdirSync(path.dirname(RUN_FILE), { recursive: true });
    if (baseline) fs.writeFileSync(RUN_FILE, JSON.stringify(withoutSurvivors(baseline, mutatedFiles(args))));
    else fs.rmSync(RUN_FILE, { force: true });
    writeTestNames();
    const stryker = spawnSync('npx', ['stryker', 'run', CONFIG_FILE, '--incrementalFile', RUN_FILE, ...args], {
      cwd: ROOT,
      stdio: 'inherit',
      // The sandbox is a copy of the project in .stryker-tmp/: the reference data beside the repository is
      // named by its absolute path, so that the tests that read it run there too.
      env: { ...process.env, MUTATION_TEST_NAMES: TEST_NAMES_FILE, CNPG_SHARED_DIR: process.env.CNPG_SHARED_DIR ?? path.resolve(ROOT, '..', 'shared') },
    });
    if (stryker.status !== 0) process.exit(stryker.status ?? 1);
    const run = readJson<Report>(RUN_FILE)!;
    ran = new Set(Object.keys(run.files));
    merged = mergeReports(baseline, run);
    fs.writeFileSync(BASELINE_FILE, JSON.stringify(merged) + '\n');
  }
  if (!merged) throw new Error(`no baseline at ${path.relative(ROOT, BASELINE_FILE)}: run \`npm run mutation\` first`);
  const previous = readJson<{ modules: Record<string, ModuleScore> }>(SCORES_FILE)?.modules ?? {};
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const scores = scoresOf(merged, previous, ran, commit, new Date().toISOString().slice(0, 10));
  writeScores(scores);
  // The survivors not yet explained in equivalent.md: to kill with a test, or to explain there.
  const equivalentFile = path.join(ROOT, 'mutation', 'equivalent.md');
  const explained = new Set(equivalentEntries(fs.existsSync(equivalentFile) ? fs.readFileSync(equivalentFile, 'utf8') : '').map((e) => e.key));
  const open = survivorsOf(merged).filter((s) => !explained.has(s.key));
  fs.mkdirSync(path.dirname(SURVIVORS_FILE), { recursive: true });
  const uncovered = survivorsOf(merged, 'NoCoverage').filter((s) => !explained.has(s.key));
  fs.writeFileSync(SURVIVORS_FILE, [...open, ...uncovered].map((s) => `${s.key}${s.status === 'NoCoverage' ? ' (no test covers it)' : ''}  ${JSON.stringify(s.replacement)}\n    ${s.original}\n`).join(''));
  let missed = 0;
  for (const [file, s] of Object.entries(scores)) {
    const target = TARGETS[s.group];
    const ok = meetsTarget(s);
    if (!ok) missed++;
    const unexplained = open.filter((o) => o.file === file).length;
    console.log(`${ok ? 'ok  ' : 'LOW '} ${String(s.score).padStart(5)} % (target ${target})  ${file}  killed ${s.killed}, timeout ${s.timeout}, survived ${s.survived} (${unexplained} not in equivalent.md), no coverage ${s.noCoverage}`);
  }
  console.log(`${open.length} survivors not in mutation/equivalent.md: ${path.relative(ROOT, SURVIVORS_FILE)}`);
  if (missed > 0) console.log(`${missed} module(s) below target`);
}

if (require.main === module) main();
