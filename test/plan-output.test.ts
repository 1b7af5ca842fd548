import * as fs from 'fs';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import { RolloutPlan } from '../src';
import { catalog, cluster, folder, image, operatorConfig, pooler, run } from './plan-fixtures';

// The two forms a pull request and a CI job read: Markdown for a comment, JSON (with its shipped schema)
// for machines; and the exit codes that gate a merge.

const ROOT = path.resolve(__dirname, '..');
const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'plan.schema.json'), 'utf8'));
const TODAY = new Date('2026-08-24');

/** A change with something of every kind: rolls, an upgrade, a refusal, a deletion, Poolers, warnings. */
function everything(): { before: any[]; after: any[] } {
  const pg = (minor: number) => catalog([[16, image(`16.${minor}-system-bookworm`)], [17, image(`17.${minor}-system-bookworm`)], [18, image(`18.${minor}-system-bookworm`)]], 'pg', {
    spec: { componentImages: [{ key: 'pgbouncer', image: image(`1.25.${minor}`, 'ghcr.io/cloudnative-pg/pgbouncer') }] },
  });
  const on = (name: string, major: number, spec: any = {}) => cluster(name, { imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: 'pg', major }, ...spec });
  const bouncer = pooler({ pgbouncer: { poolMode: 'session', imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: 'pg', key: 'pgbouncer' } } });
  const config = operatorConfig({ CLUSTERS_ROLLOUT_DELAY: '120', INSTANCES_ROLLOUT_DELAY: '30' });
  return {
    before: [pg(1), config, on('orders', 17), on('billing', 16, { instances: 2 }), on('search', 18), on('legacy', 17), on('ledger', 17, { primaryUpdateStrategy: 'supervised' }), bouncer],
    after: [pg(2), config, on('orders', 17, { stopDelay: 3600 }), on('billing', 18, { instances: 2 }), on('search', 17), on('ledger', 17, { primaryUpdateStrategy: 'supervised' }), on('fresh', 18, { instances: 1 }), bouncer],
  };
}

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  return ajv.compile(SCHEMA);
}

describe('--json', () => {
  test('a plan with every kind of change validates against the shipped schema', () => {
    // GIVEN
    const { before, after } = everything();
    const result = run(['plan', '--before', folder({ 'fleet.yaml': before }), '--after', folder({ 'fleet.yaml': after }), '--json', '--today', '2026-08-24']);
    // WHEN
    const json = JSON.parse(result.out);
    const validate = validator();
    // THEN
    expect(validate(json)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(json.clusters.map((c: any) => c.action).sort()).toEqual(['created', 'deleted', 'major-upgrade', 'refused', 'rolling-update', 'rolling-update']);
    expect(json.poolers.map((p: any) => p.action)).toEqual(['rolling-update']);
    expect(json.verdict).toBe('refused');
    expect(result.code).toBe(1);
  });

  test('so does a plan of invalid input', () => {
    const json = RolloutPlan.between([cluster('db')], [cluster('db', { instances: -1 }), cluster('db'), operatorConfig({ CLUSTERS_ROLLOUT_DELAY: 'soon' })], { today: TODAY }).toJson();
    expect(validator()(json)).toBe(true);
    expect(json).toMatchObject({ verdict: 'invalid', exitCode: 2 });
    expect(json.errors.map((e: any) => e.subject)).toEqual(['Cluster a/db', 'Cluster a/db', 'operator config']);
  });

  test('the schema is strict: a field it does not describe is refused', () => {
    const json = RolloutPlan.between([], [], { today: TODAY }).toJson();
    const validate = validator();
    expect(validate(json)).toBe(true);
    expect(validate({ ...json, extra: 1 })).toBe(false);
    expect(validate({ ...json, verdict: 'fine' })).toBe(false);
  });

  test('the package ships the schema (the package is an allowlist)', () => {
    const files: string[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).files;
    expect(files).toContain('schemas/plan.schema.json');
  });
});

describe('--format markdown', () => {
  test('a pull-request comment: summary, refusals, rolls, upgrades, Poolers, warnings, catalog changes', () => {
    const { before, after } = everything();
    expect(RolloutPlan.between(before, after, { today: TODAY }).toMarkdown()).toMatchSnapshot();
  });

  test('the CLI prints the same', () => {
    const { before, after } = everything();
    const dirs = [folder({ 'fleet.yaml': before }), folder({ 'fleet.yaml': after })];
    const result = run(['plan', '--before', dirs[0], '--after', dirs[1], '--format', 'markdown', '--today', '2026-08-24']);
    expect(result.out).toBe(RolloutPlan.fromDirectories(dirs[0], dirs[1], { today: TODAY }).toMarkdown());
    expect(result.code).toBe(1);
  });

  test('a safe plan says so, with the minimum time', () => {
    const md = RolloutPlan.between([catalog([[18, image('18.1')]]), cluster('db')], [catalog([[18, image('18.2')]]), cluster('db'), operatorConfig({ INSTANCES_ROLLOUT_DELAY: '30' })], { today: TODAY }).toMarkdown();
    expect(md.split('\n').slice(0, 3)).toEqual(['### cdk8s-cnpg plan: safe to merge (exit 0)', '', '| Plan | This change |']);
    expect(md).toContain('| Minimum time | **1m** (60 s = 0 × 0 s + 2 × 30 s) |');
    expect(md).not.toContain('#### Refused');
  });

  test('tables stop at 50 rows and count the rest', () => {
    const fleet = (minor: number) => [catalog([[18, image(`18.${minor}`)]]), ...Array.from({ length: 60 }, (_, i) => cluster(`db-${String(i).padStart(2, '0')}`))];
    const md = RolloutPlan.between(fleet(1), fleet(2), { today: TODAY }).toMarkdown();
    expect(md).toContain('#### Rolling updates (60)');
    expect(md).toContain('| a/db-49 |');
    expect(md).not.toContain('| a/db-50 |');
    expect(md).toContain('| … 10 more (see `--json`) | | |');
  });

  test('a pipe in a reason does not break the table', () => {
    const md = RolloutPlan.between([], [cluster('db', { imageCatalogRef: undefined, imageName: 'registry.example.com/pg|x:18' })], { today: TODAY }).toMarkdown();
    expect(md).toContain('registry.example.com/pg\\|x:18');
  });
});

describe('exit codes', () => {
  const fleet = (minor: number) => folder({ 'fleet.yaml': [catalog([[17, image(`17.${minor}`)], [18, image(`18.${minor}`)]]), cluster('db')] });

  test('0: every change is safe', () => {
    expect(run(['plan', '--before', fleet(1), '--after', fleet(2)]).code).toBe(0);
  });

  test('1: a change is refused or would break a Cluster', () => {
    const down = folder({ 'fleet.yaml': [catalog([[17, image('17.1')], [18, image('18.1')]]), cluster('db', { imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: 'pg', major: 17 } })] });
    expect(run(['plan', '--before', fleet(1), '--after', down]).code).toBe(1);
  });

  test('2: invalid input', () => {
    const invalid = folder({ 'fleet.yaml': [catalog([[18, image('18.1')]]), cluster('db', { instances: 'three' })] });
    expect(run(['plan', '--before', fleet(1), '--after', invalid]).code).toBe(2);
  });

  test.each([
    [['--format', 'html'], 'cdk8s-cnpg plan: --format "html" is not one of text, markdown, json'],
    [['--json', '--format', 'markdown'], 'cdk8s-cnpg plan: --json and --format markdown contradict each other'],
    [['--today', '2026-02-30'], 'cdk8s-cnpg plan: --today "2026-02-30" is not a date; expected YYYY-MM-DD'],
    [['--today'], 'cdk8s-cnpg plan: --today needs a date (YYYY-MM-DD)'],
    [['--json=yes'], 'cdk8s-cnpg plan: --json takes no value (got "yes")'],
    [['--allow-delete', '--allow-delete'], 'cdk8s-cnpg plan: --allow-delete is given twice; give it once'],
  ])('2: usage error %j', (args, message) => {
    const result = run(['plan', '--before', fleet(1), '--after', fleet(2), ...args]);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')[0]).toBe(message);
  });

  test('--help documents them', () => {
    const result = run(['plan', '--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('exit status: 0 every change is safe, 1 a change is refused or would break a Cluster');
    expect(result.out).toContain('2 usage error or invalid input');
  });

  test('--today moves the end-of-life warnings', () => {
    const on = (tag: string) => folder({ 'db.yaml': [cluster('db', { imageCatalogRef: undefined, imageName: `ghcr.io/cloudnative-pg/postgresql:${tag}` })] });
    const args = ['plan', '--before', on('14.23-system-trixie'), '--after', on('14.24-system-trixie'), '--json'];
    expect(JSON.parse(run([...args, '--today', '2026-11-11']).out).warnings).toEqual([]);
    expect(JSON.parse(run([...args, '--today=2026-11-12']).out).warnings).toEqual([expect.objectContaining({ subject: 'Cluster a/db' })]);
  });
});
