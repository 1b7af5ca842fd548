import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Size, Testing } from 'cdk8s';
import * as ts from 'typescript';
import {
  CatalogWave, CatalogWaves, Cluster, ClusterAction, DebianRelease, ImageType, OfficialSnapshot, PostgresFleet, RolloutPlan,
} from '../src';
import { folder, run } from './plan-fixtures';
import { newChart, pinned } from './util';

const FLAVOUR = { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE };
const JULY = OfficialSnapshot.of('2026-07-17');
const AUGUST = OfficialSnapshot.of('2026-08-17');
const TODAY = new Date('2026-08-24');

/** A platform: canary (namespace staging, or label tier=canary) and production waves, and four Clusters. */
function platform(canary: OfficialSnapshot, production: OfficialSnapshot): Chart {
  const chart = new Chart(new App(), 'platform');
  const waves = new CatalogWaves(chart, 'waves', {
    flavour: FLAVOUR,
    waves: [
      { name: 'canary', snapshot: canary, namespaces: ['staging'], matchLabels: { tier: 'canary' } },
      { name: 'production', snapshot: production },
    ],
  });
  const clusters: Array<[string, string, number, { [k: string]: string }?]> = [
    ['orders', 'staging', 18],
    ['search', 'shop', 17, { tier: 'canary' }],
    ['billing', 'shop', 18],
    ['ledger', 'finance', 16],
  ];
  for (const [name, namespace, major, labels] of clusters) {
    const metadata = { name, namespace, labels };
    new Cluster(chart, name, { metadata, instances: 3, image: waves.image(major, metadata), storage: { size: Size.gibibytes(10) } });
  }
  return chart;
}

function catalogs(chart: Chart): any[] {
  return Testing.synth(chart).filter((m) => m.kind === 'ClusterImageCatalog');
}

describe('CatalogWaves', () => {
  test('two waves: one ClusterImageCatalog per wave, pinned to its snapshot, labelled for the plan', () => {
    // WHEN canary runs the 2026-08-17 snapshot and production the 2026-07-17 one
    const written = catalogs(platform(AUGUST, JULY));
    // THEN
    expect(written.map((c) => [c.metadata.name, c.metadata.labels['cdk8s-cnpg/snapshot'], c.spec.images.find((i: any) => i.major === 18).image.split('@')[0]])).toEqual([
      ['postgresql-minimal-trixie-canary', '2026-08-17', 'ghcr.io/cloudnative-pg/postgresql:18.6-202608170814-minimal-trixie'],
      ['postgresql-minimal-trixie-production', '2026-07-17', 'ghcr.io/cloudnative-pg/postgresql:18.4-202607170948-minimal-trixie'],
    ]);
    expect(written).toMatchSnapshot();
  });

  test('Clusters take their wave\'s catalog by namespace, by label, or the default (last) wave', () => {
    const clusters = Testing.synth(platform(AUGUST, JULY)).filter((m) => m.kind === 'Cluster');
    expect(clusters.map((c) => [c.metadata.name, c.spec.imageCatalogRef.name])).toEqual([
      ['orders', 'postgresql-minimal-trixie-canary'],
      ['search', 'postgresql-minimal-trixie-canary'],
      ['billing', 'postgresql-minimal-trixie-production'],
      ['ledger', 'postgresql-minimal-trixie-production'],
    ]);
  });

  test('promotion is one line: production takes canary\'s snapshot', () => {
    const written = catalogs(platform(AUGUST, AUGUST));
    expect(written.map((c) => c.metadata.labels['cdk8s-cnpg/snapshot'])).toEqual(['2026-08-17', '2026-08-17']);
    expect(written[1].spec).toEqual(written[0].spec);
    expect(written).toMatchSnapshot();
  });

  test('a wave ahead of the wave before it is refused: production cannot be newer than canary', () => {
    expect(() => platform(JULY, AUGUST)).toThrowErrorMatchingSnapshot();
    expect(() => platform(JULY, AUGUST)).toThrow('[platform/waves] waves: wave production pins snapshot 2026-08-17, ahead of wave canary (2026-07-17): '
      + 'a wave may take only what the wave before it already runs; promote canary first (library)');
  });

  test('waves of your own images are ordered by their versions', () => {
    const image = (tag: string) => pinned('registry.example.com/postgresql', tag);
    const own = (canary: string, production: string) => new CatalogWaves(newChart(), 'waves', {
      flavour: FLAVOUR,
      waves: [{ name: 'canary', images: [{ major: 18, image: image(canary) }] }, { name: 'production', images: [{ major: 18, image: image(production) }] }],
    });
    expect(own('18.6-minimal-trixie', '18.4-minimal-trixie').waveNames).toEqual(['canary', 'production']);
    expect(() => own('18.4-minimal-trixie', '18.6-minimal-trixie')).toThrow(
      '[test/waves] waves: wave production runs major 18 on 18.6-minimal-trixie, newer than wave canary (18.4-minimal-trixie): a wave may take only what the wave before it already runs; promote canary first (library)',
    );
  });

  test('a Cluster whose namespace selects another wave than its image is an error at synth', () => {
    const chart = newChart();
    const waves = new CatalogWaves(chart, 'waves', { flavour: FLAVOUR, waves: [{ name: 'canary', snapshot: AUGUST, namespaces: ['staging'] }, { name: 'production', snapshot: JULY }] });
    // the metadata is not passed: the image comes from the default wave
    new Cluster(chart, 'db', { metadata: { name: 'db', namespace: 'staging' }, image: waves.image(18), storage: { size: Size.gibibytes(1) } });
    // naming the wave is a decision, not a mistake
    new Cluster(chart, 'pinned', { metadata: { name: 'pinned', namespace: 'staging' }, image: waves.image(18, { wave: 'production' }), storage: { size: Size.gibibytes(1) } });
    expect(() => Testing.synth(chart)).toThrow('[test/db] image: the Cluster\'s namespace "staging" and labels put it in wave canary of [test/waves], but its image comes from wave production '
      + '(postgresql-minimal-trixie-production); take it from waves.image(major, metadata), or name the wave: waves.image(major, { wave: \'production\' }) (library)');
  });

  test.each<[string, any, string]>([
    ['no wave', { waves: [] }, '[test/waves] waves: []: expected at least one wave, first to last (e.g. canary, then production) (library)'],
    ['neither snapshot nor images', { waves: [{ name: 'canary' }] }, '[test/waves] waves[0]: wave "canary" gives neither snapshot and images; give exactly one'],
    ['both snapshot and images', { waves: [{ name: 'canary', snapshot: JULY, images: [] }] }, '[test/waves] waves[0]: wave "canary" gives both snapshot and images; give exactly one'],
    ['a name that is not a DNS label', { waves: [{ name: 'Canary', snapshot: JULY }] }, '[test/waves] waves[0].name: "Canary" is not a DNS label'],
    ['a name twice', { waves: [{ name: 'a', snapshot: JULY }, { name: 'a', snapshot: JULY }] }, '[test/waves] waves[1].name: "a" appears twice; each wave has its own name (library)'],
    ['a namespace in two waves', { waves: [{ name: 'a', snapshot: JULY, namespaces: ['x'] }, { name: 'b', snapshot: JULY, namespaces: ['x'] }] }, '[test/waves] waves[1].namespaces: namespace "x" is already in wave "a"; a namespace belongs to one wave (library)'],
    ['an unknown default wave', { waves: [{ name: 'a', snapshot: JULY }], defaultWave: 'b' }, '[test/waves] defaultWave: "b" is not a wave; the waves are a (library)'],
    ['a snapshot on the flavour', { flavour: { ...FLAVOUR, snapshot: JULY }, waves: [{ name: 'a', snapshot: JULY }] }, '[test/waves] flavour.snapshot: "2026-07-17": each wave pins its own snapshot; give it in waves[].snapshot (library)'],
    ['a snapshot given as a string (plain JavaScript)', { waves: [{ name: 'a', snapshot: '2026-07-17' }] }, '[test/waves] props.waves[0].snapshot: expected an OfficialSnapshot (OfficialSnapshot.latest() or OfficialSnapshot.of(date)), got the string "2026-07-17"'],
  ])('refused: %s', (_name, props, message) => {
    expect(() => new CatalogWaves(newChart(), 'waves', { flavour: FLAVOUR, ...props })).toThrow(message);
  });

  test('an unknown wave is refused by name', () => {
    const waves = new CatalogWaves(newChart(), 'waves', { flavour: FLAVOUR, waves: [{ name: 'canary', snapshot: JULY } as CatalogWave] });
    expect(() => waves.image(18, { wave: 'prod' })).toThrow('[test/waves] wave: "prod" is not a wave; the waves are canary (library)');
    expect(waves.waveOf({ labels: { tier: 'x' } })).toBe('canary');
  });

  test('a PostgresFleet takes waves: their catalogs are the fleet\'s', () => {
    const chart = newChart();
    const fleet = new PostgresFleet(chart, 'fleet', {
      catalogWaves: { flavour: FLAVOUR, waves: [{ name: 'canary', snapshot: AUGUST, namespaces: ['staging'] }, { name: 'production', snapshot: JULY }] },
    });
    const metadata = { name: 'db', namespace: 'staging' };
    fleet.addCluster('db', { metadata, image: fleet.catalogWaves!.image(18, metadata), storage: { size: Size.gibibytes(1) } });
    expect(fleet.catalogs.map((c) => c.name)).toEqual(['postgresql-minimal-trixie-canary', 'postgresql-minimal-trixie-production']);
    expect(fleet.clustersUsing(fleet.catalogWaves!.catalog('canary')).map((c) => c.name)).toEqual(['db']);
    expect(() => Testing.synth(chart)).not.toThrow();
  });
});

describe('cdk8s-cnpg plan across a promotion, on the real 2026-07-17 and 2026-08-17 catalogs', () => {
  const release = (canary: OfficialSnapshot, production: OfficialSnapshot) => folder({ 'platform.k8s.yaml': Testing.synth(platform(canary, production)) });
  const before = release(JULY, JULY);
  const staged = release(AUGUST, JULY);
  const promoted = release(AUGUST, AUGUST);

  test('step 1, canary takes 2026-08-17: only the canary wave rolls', () => {
    const plan = RolloutPlan.fromDirectories(before, staged, { today: TODAY });
    expect(plan.exitCode).toBe(0);
    expect(plan.waves.map((w) => [w.wave, w.snapshotBefore, w.snapshotAfter, w.clusters, w.rollingClusters, w.podRollouts])).toEqual([
      ['canary', '2026-07-17', '2026-08-17', 2, 2, 6],
      ['production', '2026-07-17', '2026-07-17', 2, 0, 0],
    ]);
    expect(plan.clusters.filter((c) => c.action === ClusterAction.ROLLING_UPDATE).map((c) => [c.cluster, c.wave, c.reasons[0]])).toEqual([
      ['shop/search', 'canary', 'image for major 17 changed in ClusterImageCatalog/postgresql-minimal-trixie-canary: 17.10-202607171029-minimal-trixie@sha256:69cbf8c1d3af → 17.11-202608170816-minimal-trixie@sha256:445ead3fd811'],
      ['staging/orders', 'canary', 'image for major 18 changed in ClusterImageCatalog/postgresql-minimal-trixie-canary: 18.4-202607170948-minimal-trixie@sha256:4c993b05333e → 18.6-202608170814-minimal-trixie@sha256:eb7979e4bd7f'],
    ]);
  });

  test('step 2, production takes canary\'s snapshot: only the production wave rolls', () => {
    const result = run(['plan', '--before', staged, '--after', promoted, '--today', '2026-08-24']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Waves\n'
      + '  canary (ClusterImageCatalog/postgresql-minimal-trixie-canary, 2026-08-17): 0 of 2 Cluster(s) roll, 0 pod rollout(s); 0 major upgrade(s); 0 refused\n'
      + '  production (ClusterImageCatalog/postgresql-minimal-trixie-production, 2026-07-17 → 2026-08-17): 2 of 2 Cluster(s) roll, 6 pod rollout(s); 0 major upgrade(s); 0 refused');
    expect(result.out).toContain('ROLL    finance/ledger [wave production] (3 pods): image for major 16 changed');
  });

  test('a hand-edited production ahead of canary is refused by the plan too (exit 1)', () => {
    const ahead = Testing.synth(platform(AUGUST, AUGUST)).map((m) => (m.metadata.name === 'postgresql-minimal-trixie-canary'
      ? Testing.synth(platform(JULY, JULY)).find((x) => x.metadata.name === 'postgresql-minimal-trixie-canary')
      : m));
    const plan = RolloutPlan.between(Testing.synth(platform(AUGUST, JULY)), ahead, { today: TODAY });
    expect(plan.refusals).toEqual([{
      subject: 'waves of postgresql-minimal-trixie',
      message: 'wave production pins snapshot 2026-08-17, ahead of wave canary (2026-07-17): a wave may take only what the wave before it already runs; promote canary first',
    }]);
    expect(plan.exitCode).toBe(1);
  });
});

describe('the README\'s "Upgrading a fleet safely"', () => {
  const ROOT = path.resolve(__dirname, '..');
  const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const PROGRAM = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).find((code) => code.includes('catalogWaves:'))!;
  const CANARY = "{ name: 'canary', snapshot: OfficialSnapshot.of('2026-08-17'), namespaces: ['staging'] },";
  const PRODUCTION = "{ name: 'production', snapshot: OfficialSnapshot.of('2026-07-17') }, // promotion: '2026-08-17'";

  /** Runs the README's program with its wave lines replaced; returns the folder it wrote. */
  function release(canary: string, production: string): string {
    expect(PROGRAM.split(CANARY)).toHaveLength(2);
    expect(PROGRAM.split(PRODUCTION)).toHaveLength(2);
    const code = PROGRAM.replace(CANARY, CANARY.replace('2026-08-17', canary)).replace(PRODUCTION, PRODUCTION.replace('2026-07-17', production));
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-waves-'));
    const previous = process.env.CDK8S_OUTDIR;
    process.env.CDK8S_OUTDIR = outdir;
    try {
      const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const requireFromTest = (id: string) => (id === 'cdk8s-cnpg' ? require('../src') : require(id));
      new Function('require', 'module', 'exports', js)(requireFromTest, { exports: {} }, {});
    } finally {
      if (previous === undefined) delete process.env.CDK8S_OUTDIR;
      else process.env.CDK8S_OUTDIR = previous;
    }
    return outdir;
  }

  const r1 = () => release('2026-07-17', '2026-07-17');
  const r2 = () => release('2026-08-17', '2026-07-17');
  const r3 = () => release('2026-08-17', '2026-08-17');

  test('prints the real plan of staging the update on the canary wave', () => {
    const text = RolloutPlan.fromDirectories(r1(), r2(), { today: TODAY }).toText();
    expect(README).toContain(`$ cdk8s-cnpg plan --before release-1 --after release-2\n${text}\n\`\`\``);
  });

  test('prints the real Markdown of promoting production', () => {
    const markdown = RolloutPlan.fromDirectories(r2(), r3(), { today: TODAY }).toMarkdown();
    expect(README).toContain(`$ cdk8s-cnpg plan --before release-2 --after release-3 --format markdown\n${markdown}\`\`\``);
  });

  test('prints the real refusal of production ahead of canary', () => {
    expect(() => release('2026-07-17', '2026-08-17')).toThrow();
    let message = '';
    try {
      release('2026-07-17', '2026-08-17');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(README).toContain(`Error: ${message}\n`);
  });
});
