import * as fs from 'fs';
import * as path from 'path';
import { Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { generatePropShapes } from '../scripts/generate-prop-shapes';
import * as library from '../src';
import { CONSTRUCT_PROPS, PROP_SHAPES } from '../src/resource/prop-shapes.generated';
import { editDistance, got, propViolations } from '../src/resource/props-check';

// The description of the public API's types is generated from the jsii assembly, and the resource base
// checks every construct's props against it.

const ROOT = path.resolve(__dirname, '..');
const JSII = path.join(ROOT, '.jsii');
// .jsii is written by `npx projen compile` (CI runs this test again after it, see .ci/run)
const withJsii = fs.existsSync(JSII) ? test : test.skip;

describe('the generated description', () => {
  withJsii('is what `npx projen prop-shapes` generates from .jsii (needs .jsii: npx projen compile)', () => {
    const regenerated = generatePropShapes({ jsiiFile: JSII, library: library as any, write: false });
    const committed = fs.readFileSync(path.join(ROOT, 'src', 'resource', 'prop-shapes.generated.ts'), 'utf8');
    expect(regenerated === committed).toBe(true);
  }, 60_000);

  test('describes the props of every construct, and every type they refer to', () => {
    expect(Object.keys(CONSTRUCT_PROPS)).toEqual(expect.arrayContaining(['Cluster', 'Database', 'ImageCatalog', 'ClusterImageCatalog', 'OperatorConfig', 'PostgresFleet']));
    const refs = (t: string) => t.replace(/\?$/, '').split('|').map((r) => r.replace(/\[\]$/, '').replace(/^\{(.*)\}$/, '$1'));
    for (const shape of Object.values(PROP_SHAPES)) {
      for (const field of Object.values(shape.f ?? {})) {
        for (const ref of refs(field)) {
          if (!['string', 'number', 'boolean', 'date', 'any', 'json'].includes(ref)) expect(PROP_SHAPES[ref]).toBeDefined();
        }
      }
    }
  });

  test('has the values of the library\'s enums', () => {
    expect(PROP_SHAPES.PrimaryUpdateStrategy).toStrictEqual({
      k: 'e', d: 'a PrimaryUpdateStrategy', v: ['unsupervised', 'supervised'], n: ['UNSUPERVISED', 'SUPERVISED'],
    });
  });
});

describe('every construct checks its props', () => {
  test.each(Object.entries(CONSTRUCT_PROPS))('%s refuses an unknown prop, naming it', (className, propsType) => {
    const Construct = (library as any)[className];
    expect(() => new Construct(Testing.chart(), 'it', { notAProp: 1 })).toThrow(`[test/it] props.notAProp: unknown property of ${propsType}`);
  });
});

describe('the check', () => {
  test('accepts valid props of every kind', () => {
    const chart = Testing.chart();
    expect(propViolations('ClusterStorage', { size: Size.gibibytes(1), storageClass: 'fast' })).toStrictEqual([]);
    expect(propViolations('MonitoringOptions', { metricsQueriesTtl: Duration.seconds(1), customQueriesSecrets: [{ secret: kplus.Secret.fromSecretName(chart, 's', 's'), key: 'k' }] })).toStrictEqual([]);
    expect(propViolations('PostgresConfiguration', { parameters: { a: '1' }, pgHba: ['host all all all trust'] })).toStrictEqual([]);
  });

  test('an undefined optional prop is no prop; an undefined required one is missing', () => {
    expect(propViolations('ClusterStorage', { size: Size.gibibytes(1), storageClass: undefined })).toStrictEqual([]);
    expect(propViolations('SecretKey', { key: 'k' }, 'p')).toStrictEqual([{ path: 'p.secret', message: expect.stringMatching(/^is missing; expected a Secret reference/) }]);
  });

  test('an object literal never passes for a class: the factories set up what a literal lacks', () => {
    expect(propViolations('cdk8s.Size', { amount: 1, unit: 'Gi' }, 'size')).toStrictEqual([{
      path: 'size', message: 'expected a cdk8s Size (e.g. Size.gibibytes(10)), got an object {"amount":1,"unit":"Gi"}',
    }]);
  });

  test('an instance of the right class whose required property is unset says which, from plain JavaScript', () => {
    expect(propViolations('BackupSchedule', library.BackupSchedule.cron(undefined as any), 'props.schedule')).toStrictEqual([{
      path: 'props.schedule',
      message: 'expected a BackupSchedule (BackupSchedule.cron(expression) or BackupSchedule.daily(hour, minute) or BackupSchedule.every(interval)), '
        + 'got a BackupSchedule whose expression is undefined',
    }]);
  });

  test('a class instance never passes for a struct', () => {
    expect(propViolations('ClusterStorage', Size.gibibytes(1), 'storage')[0].message).toBe('expected a ClusterStorage object literal { pvcTemplate?, resizeInUseVolumes?, size?, storageClass? }, got a Size');
  });

  test('metadata takes the keys cdk8s passes through (its index signature), and checks the ones it types', () => {
    expect(propViolations('cdk8s.ApiObjectMetadata', { name: 'db', generateName: 'db-' })).toStrictEqual([]);
    expect(propViolations('cdk8s.ApiObjectMetadata', { labels: ['a'] }, 'metadata')[0].path).toBe('metadata.labels');
  });

  test('reports at most 20 problems, and stops at any size of input', () => {
    const many = Array.from({ length: 100_000 }, () => 1);
    const violations = propViolations('PostgresConfiguration', { pgHba: many }, 'p');
    expect(violations).toHaveLength(20);
    expect(violations[0]).toStrictEqual({ path: 'p.pgHba[0]', message: 'expected a string, got the number 1' });
  });

  test('a value that refers to itself does not loop', () => {
    const cyclic: any = { parameters: {} };
    cyclic.parameters.self = cyclic;
    expect(propViolations('PostgresConfiguration', cyclic, 'p')[0].message).toMatch(/^expected a string, got an object/);
  });

  test('describes what it got', () => {
    expect([got('x'), got(1), got(Number.NaN), got(true), got(null), got([1, 2]), got({ a: 1 }), got(Size.gibibytes(1)), got(new Date('x')), got(() => 1)])
      .toStrictEqual(['the string "x"', 'the number 1', 'NaN', 'the boolean true', 'null', 'an array of 2 items', 'an object {"a":1}', 'a Size', 'an invalid Date', 'a function']);
  });

  test('suggests the closest name: one edit, a transposition, case and underscores', () => {
    expect(editDistance('instance', 'instances')).toBe(1);
    expect(editDistance('isntances', 'instances')).toBe(1);
    const misspelt = (key: string) => propViolations('ClusterStorage', { size: Size.gibibytes(1), [key]: 'x' })[0].message;
    expect(misspelt('storageclass')).toBe('unknown property of ClusterStorage; did you mean "storageClass"?');
    expect(misspelt('storage_class')).toBe('unknown property of ClusterStorage; did you mean "storageClass"?');
    expect(misspelt('sotrageClass')).toBe('unknown property of ClusterStorage; did you mean "storageClass"?');
    expect(misspelt('colour')).toBe('unknown property of ClusterStorage; the properties are pvcTemplate, resizeInUseVolumes, size, storageClass');
  });
});
