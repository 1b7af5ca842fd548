import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import {
  BASELINE_FILE, CONFIG_FILE, CONTRIBUTING_FILE, equivalentEntries, groupOf, mergeReports, ModuleScore, ROOT, SCORES_FILE, scoresOf, scoreTable,
  mutatedFiles, sha256, survivorsOf, withoutSurvivors, withScoreTable,
} from '../scripts/mutation';

// Mutation testing is too slow for CI (`npm run mutation`, CONTRIBUTING.md "Mutation testing"). CI checks
// instead that the committed scores are those of the code as it is: mutation/scores.json names the current
// version (SHA-256) of every mutated module, so a change to a rule module without a rerun fails here.

const config: { mutate: string[] } = JSON.parse(fs.readFileSync(CONFIG_FILE, 'utf8'));
const scores: { modules: Record<string, ModuleScore> } = JSON.parse(fs.readFileSync(SCORES_FILE, 'utf8'));

describe('mutation/scores.json', () => {
  test('lists exactly the modules that mutation/stryker.config.json mutates', () => {
    expect(Object.keys(scores.modules).sort()).toStrictEqual([...config.mutate].sort());
  });

  test.each(config.mutate)('%s: the score is of the current file (rerun `npm run mutation -- --mutate <file>` after a change)', (file) => {
    const recorded = scores.modules[file]?.sha256;
    const current = sha256(file);
    if (recorded !== current) {
      throw new Error(`${file} changed since its mutation score was recorded (sha256 ${recorded ?? 'none'}, now ${current}): run \`npm run mutation -- --mutate ${file}\` and commit mutation/`);
    }
  });

  test('CONTRIBUTING.md shows its table (rewritten by `npm run mutation`)', () => {
    const markdown = fs.readFileSync(CONTRIBUTING_FILE, 'utf8');
    expect(withScoreTable(markdown, scoreTable(scores.modules))).toBe(markdown);
  });

  test('its counts are those of the committed incremental baseline', () => {
    const baseline = JSON.parse(fs.readFileSync(BASELINE_FILE, 'utf8'));
    const recomputed = scoresOf(baseline, scores.modules, new Set(), 'x', 'x');
    for (const [file, s] of Object.entries(scores.modules)) {
      const { date: _d, commit: _c, ...counts } = s;
      const { date: _d2, commit: _c2, ...again } = recomputed[file];
      expect({ file, ...again }).toStrictEqual({ file, ...counts });
    }
  });
});

describe('mutation/equivalent.md', () => {
  test('names only mutants that survive (or that no test covers) in the baseline, each once, with a reason', () => {
    const baseline = JSON.parse(fs.readFileSync(BASELINE_FILE, 'utf8'));
    // a mutant no test covers may be explained too (code no input reaches)
    const survivors = new Set([...survivorsOf(baseline), ...survivorsOf(baseline, 'NoCoverage')].map((s) => s.key));
    const entries = equivalentEntries(fs.readFileSync(path.join(ROOT, 'mutation', 'equivalent.md'), 'utf8'));
    const keys = entries.map((e) => e.key);
    expect(keys.filter((k) => !survivors.has(k))).toStrictEqual([]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(entries.filter((e) => e.reason.trim().length < 10)).toStrictEqual([]);
  });
});

describe('scripts/mutation.ts', () => {
  const report = (files: Record<string, string[]>, tests: Record<string, string[]>) => ({
    files: Object.fromEntries(Object.entries(files).map(([f, statuses]) => [f, {
      source: `source of ${f}`,
      mutants: statuses.map((status, i): Record<string, unknown> => ({ id: `${f}#${i}`, mutatorName: 'M', status, location: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 2 } }, coveredBy: ['t1'], killedBy: status === 'Killed' ? ['t1'] : [] })),
    }])),
    testFiles: Object.fromEntries(Object.entries(tests).map(([f, names]) => [f, { tests: names.map((name, i) => ({ id: `${f}-${i}`, name })) }])),
  });

  test('groups the modules by the targets they are held to', () => {
    expect(groupOf('src/rules/cluster/pod.ts')).toBe('rule');
    expect(groupOf('src/fleet/rollout-plan.ts')).toBe('plan');
    expect(groupOf('src/operator/operator-config.ts')).toBe('other');
  });

  test('scores (killed + timeout) / (killed + timeout + survived + no coverage), leaving compile errors and ignored (static) mutants out', () => {
    const r = report({ 'src/rules/a.ts': ['Killed', 'Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'Ignored', 'Survived', 'Killed'] }, {});
    // the last two ran both when the module loaded and inside tests (Stryker's hybrid mutants): they count
    for (const i of [7, 8]) Object.assign(r.files['src/rules/a.ts'].mutants[i], { static: true, coveredBy: ['test/a.test.ts-0'] });
    const s = scoresOf(r as any, {}, new Set(['src/rules/a.ts']), 'abc1234', '2026-11-30')['src/rules/a.ts'];
    expect(s).toMatchObject({ group: 'rule', killed: 3, timeout: 1, survived: 2, noCoverage: 1, ignored: 1, score: 57.1, date: '2026-11-30', commit: 'abc1234' });
    expect(survivorsOf(r as any).map((m) => m.key)).toStrictEqual(['src/rules/a.ts:4:1 M', 'src/rules/a.ts:8:1 M']);
    expect(s.sha256).toBe(crypto.createHash('sha256').update('source of src/rules/a.ts').digest('hex'));
  });

  test('a static mutant no test covers is ignored, whatever the status Stryker carried over from a baseline whose test covered it', () => {
    const r = report({ 'src/rules/a.ts': ['Survived', 'Survived', 'Killed'] }, {});
    Object.assign(r.files['src/rules/a.ts'].mutants[0], { static: true, coveredBy: [] });
    // a hybrid: static, and covered by a test
    Object.assign(r.files['src/rules/a.ts'].mutants[1], { static: true });
    const s = scoresOf(r as any, {}, new Set(['src/rules/a.ts']), 'abc1234', '2026-11-30')['src/rules/a.ts'];
    expect(s).toMatchObject({ killed: 1, survived: 1, ignored: 1, score: 50 });
    expect(survivorsOf(r as any).map((m) => m.key)).toStrictEqual(['src/rules/a.ts:2:1 M']);
  });

  test('keeps the date and commit of a module the run did not test', () => {
    const r = report({ 'src/rules/a.ts': ['Killed'] }, {});
    const previous = { 'src/rules/a.ts': { date: '2026-01-01', commit: 'old' } as ModuleScore };
    expect(scoresOf(r as any, previous, new Set(), 'new', '2026-11-30')['src/rules/a.ts']).toMatchObject({ date: '2026-01-01', commit: 'old' });
  });

  test('a run of some modules replaces theirs and keeps the others, renumbering their tests by file and name', () => {
    const baseline = report({ 'src/rules/cron.ts': ['Killed'], 'src/rules/go.ts': ['Survived'] }, { 'test/a.test.ts': ['kills', 'gone'] });
    baseline.files['src/rules/cron.ts'].mutants[0].killedBy = ['test/a.test.ts-0'];
    baseline.files['src/rules/cron.ts'].mutants[0].coveredBy = ['test/a.test.ts-0', 'test/a.test.ts-1'];
    const run = report({ 'src/rules/go.ts': ['Killed'] }, { 'test/a.test.ts': ['new first', 'kills'] });
    const merged = mergeReports(baseline as any, run as any);
    expect(Object.keys(merged.files)).toStrictEqual(['src/rules/cron.ts', 'src/rules/go.ts']);
    expect(merged.files['src/rules/go.ts'].mutants[0].status).toBe('Killed');
    // 'kills' is test 1 of the run; 'gone' no longer exists
    expect(merged.files['src/rules/cron.ts'].mutants[0]).toMatchObject({ killedBy: ['test/a.test.ts-1'], coveredBy: ['test/a.test.ts-1'] });
  });

  test('a mutant static in the baseline stays static when a run carries it over (Stryker marks carried mutants not static)', () => {
    const baseline = report({ 'src/rules/go.ts': ['Survived', 'Killed'] }, {});
    baseline.files['src/rules/go.ts'].mutants[0].static = true;
    const run = report({ 'src/rules/go.ts': ['Survived', 'Killed'] }, {});
    for (const m of run.files['src/rules/go.ts'].mutants) m.static = false;
    // no test covers the survivor (its covering test is gone): ignored, as Stryker ignores a static mutant no test covers
    run.files['src/rules/go.ts'].mutants[0].coveredBy = [];
    const merged = mergeReports(baseline as any, run as any);
    expect(merged.files['src/rules/go.ts'].mutants.map((m) => m.static)).toStrictEqual([true, false]);
    expect(survivorsOf(merged)).toStrictEqual([]);
  });

  test('the score table marks a module below its target, and a rule module with a mutant no test covers', () => {
    const score = (over: Partial<ModuleScore>): ModuleScore => ({ group: 'rule', sha256: 'x', killed: 9, survived: 1, noCoverage: 0, timeout: 0, ignored: 2, score: 90, date: 'd', commit: 'c', ...over });
    const table = scoreTable({
      'src/rules/b.ts': score({}),
      'src/rules/a.ts': score({ noCoverage: 1, killed: 18, score: 90 }),
      'src/operator/c.ts': score({ group: 'other', score: 84.9 }),
    }).split('\n');
    expect(table.slice(2)).toStrictEqual([
      '| `src/operator/c.ts` | 9 | 0 | 1 | 0 | 2 | 84.9 % | 85 % | **below** |',
      '| `src/rules/a.ts` | 18 | 0 | 1 | 1 | 2 | 90 % | 90 % | **below** |',
      '| `src/rules/b.ts` | 9 | 0 | 1 | 0 | 2 | 90 % | 90 % | met |',
    ]);
    expect(withScoreTable('a\n<!-- mutation-scores: written by `npm run mutation` from mutation/scores.json -->\nold\n<!-- /mutation-scores -->\nb', 'new'))
      .toBe('a\n<!-- mutation-scores: written by `npm run mutation` from mutation/scores.json -->\nnew\n<!-- /mutation-scores -->\nb');
    expect(() => withScoreTable('no markers', 'new')).toThrow('CONTRIBUTING.md has no score table markers');
  });

  test('a run tests again the mutants its modules did not kill (Stryker would reuse a survivor\'s result a new test covers)', () => {
    const baseline = report({ 'src/rules/a.ts': ['Killed', 'Survived', 'NoCoverage', 'CompileError', 'Ignored'], 'src/rules/b.ts': ['Survived'] }, {});
    const start = withoutSurvivors(baseline as any, ['src/rules/a.ts']);
    expect(start.files['src/rules/a.ts'].mutants.map((m) => m.status)).toStrictEqual(['Killed', 'CompileError', 'Ignored']);
    expect(start.files['src/rules/b.ts'].mutants.map((m) => m.status)).toStrictEqual(['Survived']);
    expect(mutatedFiles(['--mutate', 'src/rules/a.ts,src/rules/b.ts'])).toStrictEqual(['src/rules/a.ts', 'src/rules/b.ts']);
    expect(mutatedFiles(['--mutate=src/rules/a.ts'])).toStrictEqual(['src/rules/a.ts']);
    expect(mutatedFiles([])).toStrictEqual(config.mutate);
  });

  test('reads equivalent.md rows as module:line:column, mutator and reason', () => {
    const md = [
      '| Mutant | Mutator | Why it cannot change behaviour |',
      '|---|---|---|',
      '| `src/rules/go.ts:12:5` | ConditionalExpression | the loop ends on the same index either way |',
    ].join('\n');
    expect(equivalentEntries(md)).toStrictEqual([{ key: 'src/rules/go.ts:12:5 ConditionalExpression', reason: 'the loop ends on the same index either way' }]);
  });
});
