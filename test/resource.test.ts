import { ApiObject, Chart, JsonPatch, Lazy, LazyResolver, ResolutionContext, Size, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as lib from '../src';
import { Cluster, ClusterImage, ClusterImageCatalog, CnpgResource, CnpgValidation, Database, DebianRelease, Extension, ImageType } from '../src';
import { newChart, pinned } from './util';
import { imageReferenceParses } from '../src/common/image-reference';

const size = { size: Size.gibibytes(1) };
const PG18 = pinned('ghcr.io/cloudnative-pg/postgresql', '18.6-202608170814-minimal-trixie');

describe('CnpgResource, the one base of the constructs that write an object', () => {
  test('every exported construct class that writes one object extends it', () => {
    // PostgresFleet, ImageSignaturePolicy and CatalogWaves compose objects (each of which is a resource): they are not one
    const composites = new Set<Function>([lib.PostgresFleet, lib.ImageSignaturePolicy, lib.CatalogWaves]);
    const constructs = (Object.values(lib) as unknown[]).filter((v): v is Function => typeof v === 'function' && v.prototype instanceof Construct);
    expect(constructs.length).toBeGreaterThan(5);
    const outside = constructs.filter((c) => !composites.has(c) && !(c.prototype instanceof CnpgResource) && c !== CnpgResource);
    expect(outside.map((c) => c.name)).toEqual([]);
  });

  test('its L1 is the child with id Resource, and the default child', () => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    const cluster = new Cluster(chart, 'db', { metadata: { name: 'db', namespace: 'apps' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size });
    expect(cluster.node.defaultChild).toBe(cluster.apiObject);
    expect(cluster.node.tryFindChild('Resource')).toBe(cluster.apiObject);
    expect([cluster.name, cluster.namespace, cluster.metadata]).toEqual(['db', 'apps', cluster.apiObject.metadata]);
  });

  test('one kind, namespace and name per app: a second one is refused with both paths', () => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    const a = new Cluster(chart, 'a', { metadata: { name: 'db', namespace: 'one' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size });
    // the same name in another namespace, and another kind with the same name, are different objects
    new Cluster(chart, 'b', { metadata: { name: 'db', namespace: 'two' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size });
    new Database(chart, 'app', { metadata: { name: 'db', namespace: 'one' }, cluster: a, name: 'app', owner: 'app' });
    expect(() => new Cluster(chart, 'c', { metadata: { name: 'db', namespace: 'one' }, image: ClusterImage.fromCatalog(catalog, 17), storage: size }))
      .toThrow('[test/c] metadata.name: Cluster "db" in namespace "one" is already defined by [test/a]; one app can hold only one (library)');
  });

  test('a JSON patch whose parent is absent is a synth error naming the object and the parent, not a TypeError', () => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    const cluster = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size });
    cluster.apiObject.addJsonPatch(JsonPatch.add('/spec/affinity/nodeAffinity', { requiredDuringSchedulingIgnoredDuringExecution: {} }));
    let error: Error | undefined;
    try {
      Testing.synth(chart);
    } catch (e) {
      error = e as Error;
    }
    expect(error).toBeDefined();
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error!.message).toContain('[test/db] JSON patch add "/spec/affinity/nodeAffinity": its parent "/spec/affinity" does not exist in the manifest; a patch does not create parents (RFC 6902): add the parent first, e.g. JsonPatch.add("/spec/affinity", {})');
  });

  test('with the parent added first, the same patch applies', () => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    const cluster = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size });
    cluster.apiObject.addJsonPatch(JsonPatch.add('/spec/affinity', {}), JsonPatch.add('/spec/affinity/nodeSelector', { disk: 'ssd' }));
    const spec = Testing.synth(chart).find((m: any) => m.kind === 'Cluster').spec;
    expect(spec.affinity).toEqual({ nodeSelector: { disk: 'ssd' } });
  });

  test.each([
    ['a remove of an absent field', JsonPatch.remove('/spec/affinity'), '[test/db] JSON patch remove "/spec/affinity": "/spec/affinity" does not exist in the manifest; remove needs an existing value (RFC 6902)'],
    ['a replace of an absent field', JsonPatch.replace('/spec/description', 'x'),
      '[test/db] JSON patch replace "/spec/description": "/spec/description" does not exist in the manifest; replace needs an existing value (RFC 6902): use JsonPatch.add to set a new one'],
    ['a key under a scalar', JsonPatch.add('/spec/instances/x', 1), '[test/db] JSON patch add "/spec/instances/x": its parent "/spec/instances" is 1, not an object or a list;'],
    ['a move from an absent field', JsonPatch.move('/spec/nothing', '/spec/description'), '[test/db] JSON patch move "/spec/description": its source "/spec/nothing" does not exist in the manifest (RFC 6902)'],
    ['a failed test', JsonPatch.test('/spec/instances', 3), '[test/db] JSON patch test "/spec/instances" does not apply to the manifest:'],
  ])('%s is a synth error naming the object and the patch, not a TypeError', (_name, patch, message) => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    const cluster = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size });
    cluster.apiObject.addJsonPatch(patch);
    let error: Error | undefined;
    try {
      Testing.synth(chart);
    } catch (e) {
      error = e as Error;
    }
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error?.message).toContain(message);
  });

  test('what changes after a synth (labels, patches, extensions) reaches the next synth', () => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE, withExtensions: true });
    const cluster = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size });
    const clusterOf = () => Testing.synth(chart).find((m: any) => m.kind === 'Cluster');
    expect(clusterOf().metadata.labels).toBeUndefined();
    cluster.metadata.addLabel('team', 'payments');
    expect(clusterOf().metadata.labels).toEqual({ team: 'payments' });
    cluster.apiObject.addJsonPatch(JsonPatch.add('/spec/description', 'orders'));
    expect(clusterOf().spec.description).toBe('orders');
    cluster.addExtension(Extension.fromCatalog('pgvector'));
    expect(clusterOf().spec.postgresql.extensions).toEqual([{ name: 'pgvector' }]);
  });

  // A validation hands its manifest to the object's next toJson(): any change in between must be seen, even
  // when no validation runs again (another chart's synth validates the whole app; the object's toJson() follows later)
  const clusterBesideAnotherChart = (app = Testing.app()) => {
    const other = new Chart(app, 'other');
    const catalog = ClusterImageCatalog.official(other, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    const cluster = new Cluster(new Chart(app, 'test'), 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size });
    return { other, cluster };
  };

  test.each<[string, (c: Cluster) => void, (m: any) => unknown, unknown]>([
    ['addLabel', (c) => c.metadata.addLabel('team', 'payments'), (m) => m.metadata.labels, { team: 'payments' }],
    ['addAnnotation', (c) => c.metadata.addAnnotation('note', 'x'), (m) => m.metadata.annotations, { note: 'x' }],
    ['addFinalizers', (c) => c.metadata.addFinalizers('example.com/keep'), (m) => m.metadata.finalizers, ['example.com/keep']],
    ['addOwnerReference', (c) => c.metadata.addOwnerReference({ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u1' }),
      (m) => m.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u1' }]],
    ['add', (c) => c.metadata.add('generateName', 'db-'), (m) => m.metadata.generateName, 'db-'],
    ['addJsonPatch', (c) => c.apiObject.addJsonPatch(JsonPatch.add('/spec/description', 'orders')), (m) => m.spec.description, 'orders'],
  ])('a change by %s after a validation reaches the next toJson()', (_name, change, read, expected) => {
    const { other, cluster } = clusterBesideAnotherChart();
    Testing.synth(other); // validates every object of the app, the Cluster's too
    change(cluster);
    expect(read(cluster.apiObject.toJson())).toEqual(expected);
  });

  test('a metadata value that is a token is resolved again at toJson(): its output may change without the metadata changing', () => {
    const { other, cluster } = clusterBesideAnotherChart();
    let team = 'payments';
    cluster.metadata.addLabel('team', Lazy.any({ produce: () => team }) as unknown as string);
    Testing.synth(other);
    team = 'orders';
    expect(cluster.apiObject.toJson().metadata.labels).toEqual({ team: 'orders' });
  });

  test('a metadata value that is a token of a class (cdk8s resolves what has a resolve()) is resolved again at toJson()', () => {
    const { other, cluster } = clusterBesideAnotherChart();
    let team = 'payments';
    class Team {
      public resolve(): string {
        return team;
      }
    }
    cluster.metadata.addLabel('team', new Team() as unknown as string);
    Testing.synth(other);
    team = 'orders';
    expect(cluster.apiObject.toJson().metadata.labels).toEqual({ team: 'orders' });
  });

  test('with resolvers of the app\'s own, plain metadata is resolved again at toJson(): a resolver may read any state', () => {
    const env: { [name: string]: string } = { TEAM: 'payments' };
    const fromEnv = {
      resolve: (context: ResolutionContext) => {
        if (typeof context.value === 'string' && context.value.startsWith('$')) context.replaceValue(env[context.value.slice(1)]);
      },
    };
    const { other, cluster } = clusterBesideAnotherChart(Testing.app({ resolvers: [fromEnv] }));
    cluster.metadata.addLabel('team', '$TEAM');
    Testing.synth(other);
    env.TEAM = 'orders';
    expect(cluster.apiObject.toJson().metadata.labels).toEqual({ team: 'orders' });
  });

  test('metadata that cannot be serialised (a cycle) is a synth error naming the object, not an exception from inside', () => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    const cluster = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size });
    const cycle: any = { a: 1 };
    cycle.self = cycle;
    cluster.metadata.add('x-cycle', cycle);
    expect(() => Testing.synth(chart)).toThrow("Validation failed with the following errors:\n  [test/db] Failed serializing construct at path 'test/db/Resource' with name 'db': RangeError: Maximum call stack size exceeded");
  });

  test('a metadata value JSON cannot carry (a BigInt) is reported as such, with validation off too, not as a failure of the fingerprint', () => {
    const chart = newChart();
    CnpgValidation.disable(chart);
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    const cluster = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size });
    cluster.metadata.add('x-big', 1n);
    expect(() => Testing.synth(chart)).toThrow('[test/db] metadata["x-big"]: 1n is a BigInt; a manifest holds JSON numbers (give a number, or a string for a quantity) (CRD schema)');
  });

  test('with resolvers of the app\'s own, nothing validated is reused: a resolver may rewrite the spec too', () => {
    const env: { [name: string]: string } = { DESC: 'orders' };
    const fromEnv = {
      resolve: (context: ResolutionContext) => {
        if (typeof context.value === 'string' && context.value.startsWith('$')) context.replaceValue(env[context.value.slice(1)]);
      },
    };
    const app = Testing.app({ resolvers: [fromEnv] });
    const other = new Chart(app, 'other');
    const catalog = ClusterImageCatalog.official(other, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    const cluster = new Cluster(new Chart(app, 'test'), 'db', { metadata: { name: 'db' }, description: '$DESC', image: ClusterImage.fromCatalog(catalog, 18), storage: size });
    Testing.synth(other);
    env.DESC = 'payments';
    expect(cluster.apiObject.toJson().spec.description).toBe('payments');
  });

  test('a resolver of the app\'s own that extends one of cdk8s\'s counts as the app\'s own', () => {
    const env: { [name: string]: string } = { TEAM: 'payments' };
    class FromEnv extends LazyResolver {
      public resolve(context: ResolutionContext): void {
        if (typeof context.value === 'string' && context.value.startsWith('$')) context.replaceValue(env[context.value.slice(1)]);
        else super.resolve(context);
      }
    }
    const { other, cluster } = clusterBesideAnotherChart(Testing.app({ resolvers: [new FromEnv()] }));
    cluster.metadata.addLabel('team', '$TEAM');
    Testing.synth(other);
    env.TEAM = 'orders';
    expect(cluster.apiObject.toJson().metadata.labels).toEqual({ team: 'orders' });
  });

  test('a JSON patch whose value changes after addJsonPatch writes the value as it is at toJson(), as cdk8s does', () => {
    const { other, cluster } = clusterBesideAnotherChart();
    const annotations = { team: 'payments' };
    cluster.apiObject.addJsonPatch(JsonPatch.add('/metadata/annotations', annotations));
    Testing.synth(other);
    annotations.team = 'orders';
    expect(cluster.apiObject.toJson().metadata.annotations).toEqual({ team: 'orders' });
  });

  test('a raw ApiObject child is not a resource: the base validates only its own object', () => {
    const chart = newChart();
    new ApiObject(chart, 'raw', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(Testing.synth(chart)).toHaveLength(1);
  });
});

describe('ImageReference', () => {
  test('one parse per image per synth', () => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE, withExtensions: true });
    for (let i = 0; i < 20; i++) {
      new Cluster(chart, `c${i}`, { metadata: { name: `c${i}` }, image: ClusterImage.fromCatalog(catalog, 18), storage: size, extensions: [Extension.fromCatalog('pgvector')] });
    }
    const extension = pinned('registry.example.com/exts/my-ext', '1.0-18-trixie', 'c');
    new Cluster(chart, 'named', {
      metadata: { name: 'named' },
      image: ClusterImage.fromName(PG18),
      storage: size,
      extensions: [Extension.fromImage({ name: 'my-ext', reference: extension })],
    });
    const before = imageReferenceParses();
    const manifests = Testing.synth(chart);
    const parses = imageReferenceParses() - before;
    // The Clusters' manifests name two images (the named Cluster's imageName and its extension image);
    // the catalog-backed Clusters name none (their images are in the catalog, which the webhook does not read).
    const images = manifests.filter((m: any) => m.kind === 'Cluster').flatMap((m: any) => [
      ...(m.spec.imageName ? [m.spec.imageName] : []),
      ...(m.spec.postgresql?.extensions ?? []).map((e: any) => e.image?.reference).filter((r: any) => r !== undefined),
    ]);
    expect(images).toEqual([PG18, extension]);
    // The operator's webhook reads one of them, the imageName, parsed once for the defaults and every rule;
    // the extension reference is the construct's to check (at construction): the webhook does not parse it.
    expect(parses).toBe(1);
  });
});
