import { ClusterAction, PoolerAction, RolloutPlan } from '../src';
import { API, catalog, cluster, image, operatorConfig, pooler } from './plan-fixtures';

// The rollout plan between raw manifests (`RolloutPlan.between`), case by case: no reference data needed.

const TODAY = new Date('2026-08-24');

function plan(before: any[], after: any[], options: { allowDelete?: boolean } = {}): RolloutPlan {
  return RolloutPlan.between(before, after, { today: TODAY, ...options });
}

/** A catalog reference of a Cluster. */
function ref(name: string, major: number, kind = 'ClusterImageCatalog'): any {
  return { imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind, name, major } };
}

/** A Cluster extension, with or without its own image. */
function ext(name: string, reference?: string, pullPolicy?: string): any {
  return reference === undefined && pullPolicy === undefined ? { name } : { name, image: { reference, pullPolicy } };
}

/** A Cluster using these extensions. */
function withExtensions(name: string, extensions: any[], spec: any = {}, metadata: any = {}): any {
  return cluster(name, { postgresql: { extensions }, ...spec }, metadata);
}

/** Catalog `pg` with major 18 on 18.1, carrying these extensions. */
function extensionCatalog(extensions: any[], pgImage = image('18.1-minimal-trixie')): any {
  return { apiVersion: API, kind: 'ClusterImageCatalog', metadata: { name: 'pg' }, spec: { images: [{ major: 18, image: pgImage, extensions }] } };
}

const VECTOR_1 = image('0.8.5-18-trixie', 'registry.example.com/pgvector');
const VECTOR_2 = image('0.8.6-18-trixie', 'registry.example.com/pgvector');
const POSTGIS = image('3.6.4-18-trixie', 'registry.example.com/postgis');
const PG = catalog([[18, image('18.1-minimal-trixie')]]);
const PG_NEXT = catalog([[18, image('18.2-minimal-trixie')]]);
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const DISABLED = { annotations: { 'cnpg.io/reconcilePodSpec': 'disabled' } };

describe('extensions', () => {
  test('a catalog\'s new extension image rolls the Clusters that use the extension, rolled by spec.postgresql.extensions', () => {
    const p = plan(
      [extensionCatalog([ext('pgvector', VECTOR_1)]), withExtensions('db', [ext('pgvector')])],
      [extensionCatalog([ext('pgvector', VECTOR_2)]), withExtensions('db', [ext('pgvector')])],
    );
    expect(p.errors).toEqual([]);
    expect(p.clusters).toEqual([expect.objectContaining({
      cluster: 'a/db',
      action: ClusterAction.ROLLING_UPDATE,
      reasons: ['extension pgvector image changed: 0.8.5-18-trixie → 0.8.6-18-trixie'],
      rolledBy: ['spec.postgresql.extensions'],
      podRollouts: 3,
    })]);
  });

  test('a Cluster\'s own extension image wins over the catalog\'s: the catalog change does not reach it', () => {
    const p = plan(
      [extensionCatalog([ext('pgvector', VECTOR_1)]), withExtensions('db', [ext('pgvector', VECTOR_1)])],
      [extensionCatalog([ext('pgvector', VECTOR_2)]), withExtensions('db', [ext('pgvector', VECTOR_1)])],
    );
    expect(p.clusters.map((c) => [c.action, c.reasons, c.rolledBy])).toEqual([[ClusterAction.UNCHANGED, [], []]]);
  });

  test('a pull policy change rolls; the Cluster\'s own pull policy wins over the catalog\'s', () => {
    const fromCatalog = plan(
      [extensionCatalog([ext('pgvector', VECTOR_1)]), withExtensions('db', [ext('pgvector')])],
      [extensionCatalog([ext('pgvector', VECTOR_1, 'Always')]), withExtensions('db', [ext('pgvector')])],
    );
    expect(fromCatalog.clusters[0].reasons).toEqual(['extension pgvector pull policy changed: default → Always']);
    const back = plan(
      [extensionCatalog([ext('pgvector', VECTOR_1, 'IfNotPresent')]), withExtensions('db', [ext('pgvector')])],
      [extensionCatalog([ext('pgvector', VECTOR_1)]), withExtensions('db', [ext('pgvector')])],
    );
    expect(back.clusters[0].reasons).toEqual(['extension pgvector pull policy changed: IfNotPresent → default']);
    const own = plan(
      [extensionCatalog([ext('pgvector', VECTOR_1)]), withExtensions('db', [{ name: 'pgvector', image: { pullPolicy: 'Never' } }])],
      [extensionCatalog([ext('pgvector', VECTOR_1, 'Always')]), withExtensions('db', [{ name: 'pgvector', image: { pullPolicy: 'Never' } }])],
    );
    expect(own.clusters[0].action).toBe(ClusterAction.UNCHANGED);
  });

  test('extensions added and removed are named, sorted, and spec.postgresql.extensions is named once', () => {
    const cat = extensionCatalog([ext('pgvector', VECTOR_1), ext('postgis', POSTGIS), ext('wal2json', image('2.6', 'registry.example.com/wal2json'))]);
    const p = plan([cat, withExtensions('db', [ext('wal2json')])], [cat, withExtensions('db', [ext('postgis'), ext('pgvector')])]);
    expect(p.clusters[0]).toMatchObject({
      action: ClusterAction.ROLLING_UPDATE,
      reasons: [
        'extension pgvector added (0.8.5-18-trixie)',
        'extension postgis added (3.6.4-18-trixie)',
        'extension wal2json removed',
      ],
    });
    expect(p.clusters[0].rolledBy[0]).toBe('spec.postgresql.extensions');
    expect(p.clusters[0].rolledBy.filter((r) => r === 'spec.postgresql.extensions')).toHaveLength(1);
  });

  test('an extension neither the catalog nor the Cluster gives an image breaks the Cluster: each is named', () => {
    const p = plan(
      [extensionCatalog([ext('pgvector', VECTOR_1)]), withExtensions('db', [ext('pgvector')])],
      [extensionCatalog([ext('pgvector', VECTOR_1)]), withExtensions('db', [ext('pgvector'), ext('age'), ext('hll')])],
    );
    const message = 'extension "age" found in the Cluster Spec but no ImageVolumeSource.Reference is defined; '
      + 'extension "hll" found in the Cluster Spec but no ImageVolumeSource.Reference is defined';
    expect(p.clusters[0]).toMatchObject({ action: ClusterAction.BROKEN, majorAfter: 18, reasons: message.split('; ') });
    expect(p.refusals).toEqual([{ subject: 'Cluster a/db', message }]);
    expect(p.refused.map((c) => c.cluster)).toEqual(['a/db']);
  });

  test('a catalog extension without an image breaks the Clusters that use it', () => {
    const p = plan([PG], [extensionCatalog([{ name: 'pgvector' }]), withExtensions('db', [ext('pgvector')])]);
    expect(p.errors).toEqual([]);
    expect(p.clusters[0]).toMatchObject({ action: ClusterAction.BROKEN, reasons: ['extension "pgvector" found in the Cluster Spec but no ImageVolumeSource.Reference is defined'] });
  });

  test('removing an extension that had no image rolls the Cluster', () => {
    const cat = extensionCatalog([ext('pgvector', VECTOR_1)]);
    const p = plan([cat, withExtensions('db', [ext('pgvector'), ext('age')])], [cat, withExtensions('db', [ext('pgvector')])]);
    expect(p.clusters[0]).toMatchObject({ action: ClusterAction.ROLLING_UPDATE, reasons: ['extension age removed'] });
  });

  test('a Cluster on an image name with extensions of its own: their images are compared', () => {
    const on = (reference: string) => withExtensions('db', [ext('pgvector', reference)], { imageCatalogRef: undefined, imageName: image('18.1-minimal-trixie') });
    const p = plan([on(VECTOR_1)], [on(VECTOR_2)]);
    expect(p.clusters[0]).toMatchObject({
      action: ClusterAction.ROLLING_UPDATE,
      reasons: ['extension pgvector image changed: 0.8.5-18-trixie → 0.8.6-18-trixie'],
      rolledBy: ['spec.postgresql.extensions'],
    });
  });

  test('on a catalog not in the manifests, an extension without an image is not compared, one with an image is', () => {
    const team = (extensions: any[]) => withExtensions('db', extensions, ref('team-catalog', 18));
    const unknown = plan([team([])], [team([ext('pgvector')])]);
    expect(unknown.clusters[0]).toMatchObject({
      action: ClusterAction.UNCHANGED,
      reasons: ['catalog ClusterImageCatalog/team-catalog is not in the manifests: its images could not be compared'],
    });
    expect(unknown.hasRefusedChanges).toBe(false);
    const removedUnknown = plan([team([ext('pgvector')])], [team([])]);
    expect(removedUnknown.clusters[0].action).toBe(ClusterAction.UNCHANGED);
    const own = plan([team([ext('pgvector', VECTOR_1)])], [team([ext('pgvector', VECTOR_2)])]);
    expect(own.clusters[0].reasons).toEqual(['extension pgvector image changed: 0.8.5-18-trixie → 0.8.6-18-trixie']);
    const ownRemoved = plan([team([ext('pgvector', VECTOR_1)])], [team([])]);
    expect(ownRemoved.clusters[0].reasons).toEqual(['extension pgvector removed']);
    const ownAdded = plan([team([])], [team([ext('pgvector', VECTOR_1)])]);
    expect(ownAdded.clusters[0].reasons).toEqual(['extension pgvector added (0.8.5-18-trixie)']);
    // the catalog's image is unknown: the plan says the Cluster no longer names one
    const toCatalog = plan([team([ext('pgvector', VECTOR_1)])], [team([ext('pgvector')])]);
    expect(toCatalog.clusters[0].reasons).toEqual(['extension pgvector image changed: 0.8.5-18-trixie → (none)']);
  });

  test('an official catalog installed elsewhere gives its extension images when the Cluster uses extensions', () => {
    const official = (extensions: any[]) => withExtensions('db', extensions, ref('postgresql-minimal-trixie', 18));
    const p = plan([official([ext('pgvector')])], [official([ext('pgvector'), ext('postgis')])]);
    expect(p.refusals).toEqual([]);
    expect(p.clusters[0]).toMatchObject({
      action: ClusterAction.ROLLING_UPDATE,
      reasons: ['extension postgis added (3.6.4-202608201415-18-trixie@sha256:426bfc6e7acc)'],
    });
    // bullseye has no extension-enabled catalog: the extension has no image
    const bullseye = plan([], [withExtensions('db', [ext('pgvector')], ref('postgresql-minimal-bullseye', 17))]);
    expect(bullseye.clusters[0]).toMatchObject({
      action: ClusterAction.BROKEN,
      reasons: ['extension "pgvector" found in the Cluster Spec but no ImageVolumeSource.Reference is defined'],
    });
  });

  test('cnpg.io/reconcilePodSpec: disabled keeps an extension change from the pods: no roll, and the warning names it', () => {
    const p = plan(
      [extensionCatalog([ext('pgvector', VECTOR_1)]), withExtensions('db', [ext('pgvector')], {}, DISABLED)],
      [extensionCatalog([ext('pgvector', VECTOR_2)]), withExtensions('db', [ext('pgvector')], { stopDelay: 60 }, DISABLED)],
    );
    expect(p.clusters[0]).toMatchObject({ action: ClusterAction.UNCHANGED, rolledBy: [] });
    expect(p.warnings.map((w) => w.message)).toEqual([
      'cnpg.io/reconcilePodSpec: disabled: the operator does not compare the pod spec, so these changes do not reach the running pods: '
      + 'extension pgvector image changed: 0.8.5-18-trixie → 0.8.6-18-trixie, spec.stopDelay (terminationGracePeriodSeconds)',
    ]);
  });

  test('cnpg.io/reconcilePodSpec: disabled with an extension change that only the catalog makes: the warning names it too', () => {
    const p = plan(
      [extensionCatalog([ext('pgvector', VECTOR_1)]), withExtensions('db', [ext('pgvector')], {}, DISABLED)],
      [extensionCatalog([ext('pgvector', VECTOR_2)]), withExtensions('db', [ext('pgvector')], {}, DISABLED)],
    );
    expect(p.clusters[0]).toMatchObject({ action: ClusterAction.UNCHANGED, rolledBy: [] });
    expect(p.warnings.map((w) => w.message)).toEqual([
      'cnpg.io/reconcilePodSpec: disabled: the operator does not compare the pod spec, so these changes do not reach the running pods: '
      + 'extension pgvector image changed: 0.8.5-18-trixie → 0.8.6-18-trixie',
    ]);
  });
});

describe('catalogs installed elsewhere', () => {
  test('a namespaced ImageCatalog is never the library\'s official data, whatever its name', () => {
    const onImageCatalog = cluster('db', ref('postgresql-minimal-trixie', 18, 'ImageCatalog'));
    const p = plan([onImageCatalog], [onImageCatalog]);
    expect(p.clusters[0].reasons).toEqual(['catalog ImageCatalog/a/postgresql-minimal-trixie is not in the manifests: its images could not be compared']);
  });

  test('a Cluster on a namespaced ImageCatalog takes no wave from the ClusterImageCatalog of the same name', () => {
    const wave = catalog([[18, image('18.1-minimal-trixie')]], 'pg', { metadata: { labels: { 'cdk8s-cnpg/wave': 'canary' } } });
    const own = { ...catalog([[18, image('18.1-minimal-trixie')]]), kind: 'ImageCatalog', metadata: { name: 'pg', namespace: 'a' } };
    const p = plan([wave, own, cluster('db', ref('pg', 18, 'ImageCatalog')), cluster('waved')], [wave, own, cluster('db', ref('pg', 18, 'ImageCatalog')), cluster('waved')]);
    expect(p.clusters.map((c) => [c.cluster, c.wave])).toEqual([['a/db', undefined], ['a/waved', 'canary']]);
    expect(p.waves).toEqual([expect.objectContaining({ wave: 'canary', clusters: 1 })]);
  });

  test('a major the official catalog lacks breaks the Cluster, naming the official data', () => {
    const p = plan([], [cluster('db', ref('postgresql-minimal-trixie', 19))]);
    expect(p.clusters[0]).toMatchObject({
      action: ClusterAction.BROKEN,
      majorAfter: 19,
      reasons: ['ClusterImageCatalog/postgresql-minimal-trixie (installed elsewhere; the library\'s official data): selected major version is not available in the catalog '
        + '(Cannot find major 19 in ClusterImageCatalog/postgresql-minimal-trixie); the Cluster would be in phase "Cluster has incomplete or invalid image catalog"'],
    });
  });

  test('a catalog removed from the manifests: the whole reason, and the refusal', () => {
    const p = plan([PG, cluster('db')], [cluster('db')]);
    const reason = 'ClusterImageCatalog/pg: catalog ClusterImageCatalog/pg not found; the Cluster would be in phase "Cluster has incomplete or invalid image catalog"';
    expect(p.clusters[0]).toMatchObject({ action: ClusterAction.BROKEN, reasons: [reason], majorAfter: 18 });
    expect(p.refusals).toEqual([{ subject: 'Cluster a/db', message: reason }]);
  });
});

describe('invalid catalogs are reported and still read, never crashed on', () => {
  test.each([
    ['without a spec', { apiVersion: API, kind: 'ClusterImageCatalog', metadata: { name: 'pg' } }, 'spec: required field "spec" is missing'],
    ['with a null image entry', catalog([], 'pg', { spec: { images: [null] } }), 'spec.images[0]: null is null'],
    ['with a null extension', extensionCatalog([null]), 'spec.images[0].extensions[0]: null is null'],
    ['with a null component image', catalog([[18, image('18.1-minimal-trixie')]], 'pg', { spec: { componentImages: [null] } }), 'spec.componentImages[0]: null is null'],
  ])('a catalog %s', (_name, bad, message) => {
    const p = plan([PG], [bad]);
    expect(p.errors[0]).toEqual({ subject: 'ClusterImageCatalog pg', message: expect.stringContaining(`after[0] ClusterImageCatalog/pg ${message}`) });
    expect(p.exitCode).toBe(2);
  });
});

describe('invalid Clusters', () => {
  test('a Cluster defined twice in the "before" manifests says so', () => {
    const p = plan([PG, cluster('db'), cluster('db')], [PG, cluster('db')]);
    expect(p.errors).toEqual([{ subject: 'Cluster a/db', message: expect.stringContaining('defined twice in the before manifests: before[1] and before[2]') }]);
  });

  test('an invalid Cluster is planned as invalid with its messages; a valid one beside it is planned', () => {
    const p = plan([PG, cluster('db'), cluster('ok')], [PG_NEXT, cluster('db', { instances: 0 }), cluster('ok')]);
    expect(p.clusters.map((c) => [c.cluster, c.action, c.reasons])).toEqual([
      ['a/db', ClusterAction.INVALID, ['after[1] Cluster/db spec.instances: 0 is too small; expected at least 1 (CRD schema: "should be greater than or equal to 1")']],
      ['a/ok', ClusterAction.ROLLING_UPDATE, ['image for major 18 changed in ClusterImageCatalog/pg: 18.1-minimal-trixie → 18.2-minimal-trixie']],
    ]);
  });

  test('a Cluster invalid only in the "before" manifests is planned as invalid with the "before" message, not compared', () => {
    const p = plan([PG, cluster('db', { instances: 0 })], [PG_NEXT, cluster('db')]);
    expect(p.clusters.map((c) => [c.cluster, c.action, c.reasons])).toEqual([
      ['a/db', ClusterAction.INVALID, ['before[1] Cluster/db spec.instances: 0 is too small; expected at least 1 (CRD schema: "should be greater than or equal to 1")']],
    ]);
    expect(p.exitCode).toBe(2);
  });

  test('a Cluster without a spec is invalid, not a crash', () => {
    const p = plan([PG], [PG, { apiVersion: API, kind: 'Cluster', metadata: { name: 'db', namespace: 'a' } }]);
    expect(p.clusters.map((c) => c.action)).toEqual([ClusterAction.INVALID]);
  });
});

describe('instances', () => {
  test('a Cluster without spec.instances rolls one pod', () => {
    const p = plan([PG, cluster('db', { instances: undefined })], [PG_NEXT, cluster('db', { instances: undefined })]);
    expect(p.clusters[0]).toMatchObject({ action: ClusterAction.ROLLING_UPDATE, podRollouts: 1 });
    expect(p.timing.podRollouts).toBe(1);
  });
});

describe('the operator configuration', () => {
  test('STANDBY_TCP_USER_TIMEOUT set, changed or unset rolls every Cluster', () => {
    const cases: Array<[any, any, string]> = [
      [{}, { STANDBY_TCP_USER_TIMEOUT: '5000' }, 'unset → 5000'],
      [{ STANDBY_TCP_USER_TIMEOUT: '5000' }, { STANDBY_TCP_USER_TIMEOUT: '9000' }, '5000 → 9000'],
      [{ STANDBY_TCP_USER_TIMEOUT: '5000' }, {}, '5000 → unset'],
    ];
    for (const [before, after, change] of cases) {
      const p = plan([PG, cluster('db'), operatorConfig(before)], [PG, cluster('db'), operatorConfig(after)]);
      expect(p.clusters[0]).toMatchObject({
        action: ClusterAction.ROLLING_UPDATE,
        reasons: [`operator config STANDBY_TCP_USER_TIMEOUT changed (${change}): an environment variable of every pod`],
      });
    }
  });

  test('an OPERATOR_IMAGE_NAME set or unset names the default', () => {
    const operator = (tag?: string) => operatorConfig(tag ? { OPERATOR_IMAGE_NAME: `ghcr.io/cloudnative-pg/cloudnative-pg:${tag}` } : {});
    expect(plan([PG, cluster('db'), operator()], [PG, cluster('db'), operator('1.30.1')]).clusters[0].reasons)
      .toEqual(['operator config OPERATOR_IMAGE_NAME changed (default → 1.30.1): the instance manager image of every pod']);
    expect(plan([PG, cluster('db'), operator('1.30.1')], [PG, cluster('db'), operator()]).clusters[0].reasons)
      .toEqual(['operator config OPERATOR_IMAGE_NAME changed (1.30.1 → default): the instance manager image of every pod']);
  });

  test('a Cluster without an image takes the configured default when it has no image of its own: a new image name of the same major rolls it', () => {
    const defaults = operatorConfig({ POSTGRES_IMAGE_NAME: image('18.1-system-trixie') });
    const noImage = cluster('db', { imageCatalogRef: undefined });
    const named = cluster('db', { imageCatalogRef: undefined, imageName: image('18.2-system-trixie') });
    expect(plan([noImage, defaults], [named, defaults]).clusters[0]).toMatchObject({
      action: ClusterAction.ROLLING_UPDATE,
      reasons: ['image for major 18 changed: 18.1-system-trixie → 18.2-system-trixie'],
      rolledBy: ['spec.imageName'],
    });
    // without a configured default, the operator's own (18.4-system-trixie)
    expect(plan([noImage], [named]).clusters[0].reasons).toEqual(['image for major 18 changed: 18.4-system-trixie → 18.2-system-trixie']);
  });
});

describe('images and majors', () => {
  test('a Cluster moved to another catalog names the new one', () => {
    const other = catalog([[18, image('18.2-minimal-trixie')]], 'pg2');
    const p = plan([PG, other, cluster('db')], [PG, other, cluster('db', ref('pg2', 18))]);
    expect(p.clusters[0]).toMatchObject({
      action: ClusterAction.ROLLING_UPDATE,
      reasons: ['image for major 18 changed (now ClusterImageCatalog/pg2): 18.1-minimal-trixie → 18.2-minimal-trixie'],
      rolledBy: ['spec.imageCatalogRef'],
    });
  });

  test('a Cluster moved from an image name to a catalog names the catalog; back to an image name names none', () => {
    const named = cluster('db', { imageCatalogRef: undefined, imageName: image('18.2-minimal-trixie') });
    expect(plan([PG, named], [PG, cluster('db')]).clusters[0].reasons)
      .toEqual(['image for major 18 changed (now ClusterImageCatalog/pg): 18.2-minimal-trixie → 18.1-minimal-trixie']);
    expect(plan([PG, cluster('db')], [PG, named]).clusters[0]).toMatchObject({
      reasons: ['image for major 18 changed: 18.1-minimal-trixie → 18.2-minimal-trixie'],
      rolledBy: ['spec.imageName'],
    });
  });

  test('a major upgrade to 16 is allowed; to 15 it is refused with the reason', () => {
    const cat = catalog([[14, image('14.19')], [15, image('15.14')], [16, image('16.10')]]);
    const to16 = plan([cat, cluster('db', ref('pg', 15))], [cat, cluster('db', ref('pg', 16))]);
    expect(to16.clusters[0]).toMatchObject({ action: ClusterAction.MAJOR_UPGRADE, majorBefore: 15, majorAfter: 16 });
    const to15 = plan([cat, cluster('db', ref('pg', 14))], [cat, cluster('db', ref('pg', 15))]);
    expect(to15.clusters[0]).toMatchObject({ action: ClusterAction.REFUSED, reasons: ['major 14 → 15: major upgrades are only supported to version 16 or higher'] });
    expect(to15.refusals).toEqual([{ subject: 'Cluster a/db', message: 'major 14 → 15: major upgrades are only supported to version 16 or higher' }]);
  });

  test('a catalog entry of a newer major than its own is refused, without speaking of a downgrade', () => {
    const wrong = catalog([[17, image('18.1-minimal-trixie')]]);
    const p = plan([PG], [wrong, cluster('db', ref('pg', 17))]);
    expect(p.refusals.map((r) => r.message)).toEqual([
      'spec.images major 17 is 18.1-minimal-trixie, an image of PostgreSQL 18: the operator trusts the entry\'s major, so a Cluster on major 17 would run PostgreSQL 18 binaries; expected an image whose tag starts with 17',
      'ClusterImageCatalog/pg maps major 17 to 18.1-minimal-trixie (PostgreSQL 18): the operator trusts the catalog, so the Cluster would run PostgreSQL 18 binaries',
    ]);
  });
});

describe('catalog changes', () => {
  test('images added, removed and updated, by catalog and by major in numeric order', () => {
    const before = catalog([[18, image('18.1')], [9, image('9.6')], [17, image('17.1')], [16, image('16.1')]]);
    const after = catalog([[16, image('16.1')], [18, image('18.2')], [10, image('10.23')], [17, image('17.1')]]);
    const gone = catalog([[15, image('15.1')]], 'gone');
    const added = catalog([[14, image('14.1')]], 'new');
    const digest = catalog([[18, `registry.example.com/postgresql@${DIGEST}`]], 'digest');
    const p = plan([before, gone], [after, added, digest]);
    expect(p.catalogChanges.map((c) => [c.catalog, c.major, c.change, c.summary])).toEqual([
      ['ClusterImageCatalog/digest', 18, 'added', `added @${DIGEST.slice(0, 19)}`],
      ['ClusterImageCatalog/gone', 15, 'removed', 'removed (was 15.1)'],
      ['ClusterImageCatalog/new', 14, 'added', 'added 14.1'],
      ['ClusterImageCatalog/pg', 9, 'removed', 'removed (was 9.6)'],
      ['ClusterImageCatalog/pg', 10, 'added', 'added 10.23'],
      ['ClusterImageCatalog/pg', 18, 'updated', '18.1 → 18.2'],
    ]);
  });

  test('component images added, removed and updated, sorted by key; unchanged ones are not listed', () => {
    const components = (images: Array<[string, string]>, name = 'pg') => catalog([[18, image('18.1')]], name, { spec: { componentImages: images.map(([key, img]) => ({ key, image: img })) } });
    const p = plan(
      [components([['pgbouncer', image('1.24', 'registry.example.com/pgbouncer')], ['barman', image('3.14', 'registry.example.com/barman')], ['zeta', image('1', 'registry.example.com/zeta')]]),
        components([['pgbouncer', image('1.23', 'registry.example.com/pgbouncer')]], 'gone')],
      [components([['zeta', image('1', 'registry.example.com/zeta')], ['pgbouncer', image('1.25', 'registry.example.com/pgbouncer')], ['alpha', image('2', 'registry.example.com/alpha')]]),
        components([['pgbouncer', image('1.22', 'registry.example.com/pgbouncer')]], 'new')],
    );
    expect(p.componentChanges.map((c) => [c.catalog, c.key, c.change, c.summary])).toEqual([
      ['ClusterImageCatalog/gone', 'pgbouncer', 'removed', 'removed (was 1.23)'],
      ['ClusterImageCatalog/new', 'pgbouncer', 'added', 'added 1.22'],
      ['ClusterImageCatalog/pg', 'alpha', 'added', 'added 2'],
      ['ClusterImageCatalog/pg', 'barman', 'removed', 'removed (was 3.14)'],
      ['ClusterImageCatalog/pg', 'pgbouncer', 'updated', '1.24 → 1.25'],
    ]);
  });
});

describe('pod spec changes', () => {
  test('several fields are named in one reason', () => {
    const p = plan([PG, cluster('db')], [PG, cluster('db', { stopDelay: 60, resources: { requests: { memory: '2Gi' } } })]);
    expect(p.clusters[0].reasons).toEqual(['pod spec changed: spec.resources (containers[postgres].resources), spec.stopDelay (terminationGracePeriodSeconds)']);
  });

  test('with cnpg.io/reconcilePodSpec: disabled, a pod field change alone rolls nothing and is warned about', () => {
    const p = plan([PG, cluster('db', {}, DISABLED)], [PG, cluster('db', { resources: { requests: { memory: '2Gi' } }, stopDelay: 60 }, DISABLED)]);
    expect(p.clusters[0]).toMatchObject({ action: ClusterAction.UNCHANGED, rolledBy: [] });
    expect(p.warnings.map((w) => w.message)).toEqual([
      'cnpg.io/reconcilePodSpec: disabled: the operator does not compare the pod spec, so these changes do not reach the running pods: '
      + 'spec.resources (containers[postgres].resources), spec.stopDelay (terminationGracePeriodSeconds)',
    ]);
  });

  test('with cnpg.io/reconcilePodSpec: disabled, a change that is no pod field is not warned about', () => {
    const p = plan([PG, cluster('db', {}, DISABLED)], [PG, cluster('db', { instances: 5 }, DISABLED)]);
    expect(p.clusters[0].action).toBe(ClusterAction.UNCHANGED);
    expect(p.warnings).toEqual([]);
  });

  test('an uncompared field removed is warned about; one kept as it was while another field changes is not', () => {
    const removed = plan([PG, cluster('db', { imagePullPolicy: 'Always' })], [PG, cluster('db')]);
    expect(removed.warnings.map((w) => w.message)).toEqual([
      'spec.imagePullPolicy changed: the operator writes it on new pods but never compares it, so running pods keep the old value until they are recreated for another reason',
    ]);
    const kept = plan([PG, cluster('db', { priorityClassName: 'critical' })], [PG, cluster('db', { priorityClassName: 'critical', instances: 5 })]);
    expect(kept.clusters[0].action).toBe(ClusterAction.UNCHANGED);
    expect(kept.warnings).toEqual([]);
  });

  test('two uncompared fields changed are named in one warning', () => {
    const p = plan([PG, cluster('db')], [PG, cluster('db', { imagePullPolicy: 'Always', priorityClassName: 'critical' })]);
    expect(p.warnings.map((w) => w.message)).toEqual([
      'spec.imagePullPolicy, spec.priorityClassName changed: the operator writes it on new pods but never compares it, so running pods keep the old value until they are recreated for another reason',
    ]);
  });
});

describe('restarts', () => {
  const restarted = (at: string) => ({ annotations: { 'kubectl.kubernetes.io/restartedAt': at } });

  test('a new restartedAt restarts every instance, named by the annotation', () => {
    const p = plan([PG, cluster('db', {}, restarted('2026-08-01T00:00:00Z'))], [PG, cluster('db', {}, restarted('2026-08-24T10:00:00Z'))]);
    expect(p.clusters[0]).toMatchObject({
      action: ClusterAction.ROLLING_UPDATE,
      reasons: ['restart requested (kubectl.kubernetes.io/restartedAt: 2026-08-24T10:00:00Z)'],
      rolledBy: ['metadata.annotations["kubectl.kubernetes.io/restartedAt"]'],
    });
  });

  test('the same restartedAt, or one removed, restarts nothing', () => {
    const same = plan([PG, cluster('db', {}, restarted('2026-08-01T00:00:00Z'))], [PG, cluster('db', {}, restarted('2026-08-01T00:00:00Z'))]);
    expect(same.clusters[0]).toMatchObject({ action: ClusterAction.UNCHANGED, reasons: [], rolledBy: [] });
    const removed = plan([PG, cluster('db', {}, restarted('2026-08-01T00:00:00Z'))], [PG, cluster('db')]);
    expect(removed.clusters[0]).toMatchObject({ action: ClusterAction.UNCHANGED, reasons: [] });
  });
});

describe('deletions and the refused list', () => {
  test('a deleted Cluster is refused unless deletions are allowed; another refusal does not make it refused', () => {
    const before = [PG, cluster('gone'), cluster('down', ref('pg', 18))];
    const after = [catalog([[17, image('17.1')], [18, image('18.1-minimal-trixie')]]), cluster('down', ref('pg', 17))];
    const refused = plan(before, after);
    expect(refused.refused.map((c) => [c.cluster, c.action])).toEqual([['a/down', ClusterAction.REFUSED], ['a/gone', ClusterAction.DELETED]]);
    const allowed = plan(before, after, { allowDelete: true });
    expect(allowed.refused.map((c) => [c.cluster, c.action])).toEqual([['a/down', ClusterAction.REFUSED]]);
    expect(allowed.clusters.find((c) => c.cluster === 'a/gone')).toMatchObject({ action: ClusterAction.DELETED, majorBefore: 18, reasons: ['removed from the manifests'] });
  });
});

describe('the plan as data', () => {
  test('counts unchanged Clusters and Poolers, and lists only the changed ones', () => {
    const p = plan(
      [PG, cluster('a1'), cluster('a2'), cluster('a3'), pooler(), pooler({}, 'steady'), pooler({}, 'idle')],
      [PG, cluster('a1'), cluster('a2'), cluster('a3', { stopDelay: 60 }), pooler({ instances: 3 }), pooler({}, 'steady'), pooler({}, 'idle')],
    );
    const json = p.toJson();
    expect(json.unchangedClusters).toBe(2);
    expect(json.clusters.map((c: any) => c.cluster)).toEqual(['a/a3']);
    expect(json.unchangedPoolers).toBe(2);
    expect(json.poolers.map((x: any) => [x.pooler, x.action])).toEqual([['a/pool', PoolerAction.RECONFIGURED]]);
  });
});

describe('the day of the plan', () => {
  test.each([
    [new Date('not a day'), 'RolloutPlan: today is Invalid Date; expected a valid Date'],
    ['2026-08-24' as any, 'RolloutPlan: today is 2026-08-24; expected a valid Date'],
  ])('today %s is refused', (today, message) => {
    expect(() => RolloutPlan.between([], [], { today })).toThrow(message);
  });
});

describe('waves', () => {
  const WAVE = 'cdk8s-cnpg/wave';
  const wave = (name: string, labels: { [k: string]: string }, img = image('18.1-minimal-trixie'), kind = 'ClusterImageCatalog') => ({
    apiVersion: API, kind, metadata: { name, namespace: kind === 'ImageCatalog' ? 'a' : undefined, labels }, spec: { images: [{ major: 18, image: img }, { major: 17, image: image('17.1-minimal-trixie') }] },
  });

  test('waves are ordered by group, then by order; a wave without an order is first, without a group in the group ""', () => {
    const catalogs = [
      wave('z-late', { [WAVE]: 'late', 'cdk8s-cnpg/wave-order': '2', 'cdk8s-cnpg/wave-group': 'blue' }),
      wave('y-early', { [WAVE]: 'early', 'cdk8s-cnpg/wave-order': '1', 'cdk8s-cnpg/wave-group': 'blue' }),
      wave('x-plain', { [WAVE]: 'plain' }),
      wave('w-numbered', { [WAVE]: 'numbered', 'cdk8s-cnpg/wave-order': '3' }),
    ];
    const p = plan(catalogs, catalogs);
    expect(p.waves.map((w) => [w.group, w.order, w.wave])).toEqual([['', 0, 'plain'], ['', 3, 'numbered'], ['blue', 1, 'early'], ['blue', 2, 'late']]);
  });

  test('a namespaced ImageCatalog labelled as a wave is no wave', () => {
    const catalogs = [wave('pg', { [WAVE]: 'canary' }, image('18.1-minimal-trixie'), 'ImageCatalog')];
    expect(plan(catalogs, catalogs).waves).toEqual([]);
  });

  test('each wave counts its Clusters, rolls, upgrades and refusals; a deleted Cluster keeps its wave but is not counted', () => {
    const before = [wave('pg', { [WAVE]: 'canary' }), cluster('rolls'), cluster('upgrades', ref('pg', 17)), cluster('refused'), cluster('broken', ref('pg', 17)), cluster('gone')];
    const after = [
      wave('pg', { [WAVE]: 'canary' }, image('18.2-minimal-trixie')),
      cluster('rolls'), cluster('upgrades', ref('pg', 18)), cluster('refused', ref('pg', 17)), cluster('broken', ref('pg', 16)),
    ];
    const p = plan(before, after, { allowDelete: true });
    expect(p.clusters.map((c) => [c.cluster, c.action, c.wave])).toEqual([
      ['a/broken', ClusterAction.BROKEN, 'canary'],
      ['a/gone', ClusterAction.DELETED, 'canary'],
      ['a/refused', ClusterAction.REFUSED, 'canary'],
      ['a/rolls', ClusterAction.ROLLING_UPDATE, 'canary'],
      ['a/upgrades', ClusterAction.MAJOR_UPGRADE, 'canary'],
    ]);
    expect(p.waves).toEqual([expect.objectContaining({ wave: 'canary', clusters: 4, rollingClusters: 1, podRollouts: 3, majorUpgrades: 1, refused: 2 })]);
  });
});
