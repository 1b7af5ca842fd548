import '../src/admission/schemas';
import { SHALLOW_VALIDATORS as BARMAN_CLOUD_VALIDATORS } from '../imports/barmancloud.cnpg.io.validators';
import { SHALLOW_VALIDATORS as KYVERNO_VALIDATORS } from '../imports/kyverno.io.validators';
import { SHALLOW_VALIDATORS as KYVERNO_POLICIES_VALIDATORS } from '../imports/policies.kyverno.io.validators';
import { SHALLOW_VALIDATORS as POLICY_CONTROLLER_VALIDATORS } from '../imports/policy.sigstore.dev.validators';
import { SHALLOW_VALIDATORS as CNPG_VALIDATORS } from '../imports/postgresql.cnpg.io.validators';
import { formatViolation } from '../src/common/errors';
import { forEachNode, kindSchema, schemaTree } from '../src/validator/crd-schema';
import { checkStructure, compileShallow, precompiledShallow } from '../src/validator/schema-validator';
import { shallowKey, shallowSchema } from '../src/validator/shallow-schema';

// The shallow validators `npx projen import` precompiles (imports/postgresql.cnpg.io.validators.ts) stand
// for the ones ajv would compile at run time: every node of every bound kind has one, and each accepts and
// reports exactly what the run-time compiled validator of its schema does.

const CNPG_KINDS = ['Backup', 'Cluster', 'ClusterImageCatalog', 'Database', 'DatabaseRole', 'FailoverQuorum', 'ImageCatalog', 'Pooler', 'Publication', 'ScheduledBackup', 'Subscription'];
const POLICY_KINDS: Array<[string, string]> = [['policy.sigstore.dev', 'ClusterImagePolicy'], ['kyverno.io', 'ClusterPolicy'], ['policies.kyverno.io', 'ImageValidatingPolicy']];
const BOUND_KINDS: Array<[string, string]> = [...CNPG_KINDS.map((k): [string, string] => ['postgresql.cnpg.io', k]), ['barmancloud.cnpg.io', 'ObjectStore'], ...POLICY_KINDS];

/** Values that exercise a shallow schema's keywords: types, enums, bounds, formats, lengths, fields. */
function probes(schema: any): unknown[] {
  const out: unknown[] = [
    null, true, false, 0, 1, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 63, '', 'x', 'a-b', 'ABC', 'x'.repeat(300),
    '2026-01-31T12:00:00Z', '2026-02-30T12:00:00Z', 'not a date', 'YWJj', 'YWJjZA==', '@@@', '10Gi', '100m',
    [], [1], [1, 1], ['a', 'a'], ['a', 'b'], [{}], Array.from({ length: 40 }, (_, i) => i), {}, { unknownField: 1 },
  ];
  if (Array.isArray(schema.enum)) out.push(...schema.enum, 'not-in-the-enum');
  for (const bound of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']) {
    if (typeof schema[bound] === 'number') out.push(schema[bound] - 1, schema[bound], schema[bound] + 1);
  }
  if (schema.properties) {
    const keys = Object.keys(schema.properties);
    const all = (value: unknown) => Object.fromEntries(keys.map((k) => [k, value]));
    out.push(all('x'), all(1), all({}), all([]), { ...all('x'), unknownField: 'x', kindd: 'x' });
    for (const k of keys) out.push({ [k]: 'x' }, { [k]: null });
  }
  if (Array.isArray(schema.required)) out.push(Object.fromEntries(schema.required.map((k: string) => [k, 'x'])));
  return out;
}

describe('precompiled shallow validators', () => {
  test.each(BOUND_KINDS)('every node of %s %s has one', (group, kind) => {
    const root = kindSchema(group, kind)!.root;
    const missing: string[] = [];
    forEachNode(root, (node) => {
      if (!precompiledShallow(shallowKey(shallowSchema(node, node === root)), node.group)) missing.push(node.where || '<root>');
    });
    expect(missing).toEqual([]);
  });

  test('agree with the validators ajv compiles at run time, errors included', () => {
    const tables: Array<[{ [key: string]: unknown }, string | undefined]> = [
      [CNPG_VALIDATORS, undefined], [BARMAN_CLOUD_VALIDATORS, undefined],
      [POLICY_CONTROLLER_VALIDATORS, 'policy.sigstore.dev'], [KYVERNO_VALIDATORS, 'kyverno.io'], [KYVERNO_POLICIES_VALIDATORS, 'policies.kyverno.io'],
    ];
    const keys = [...new Map(tables.flatMap(([table, group]) => Object.keys(table).map((key) => [key, group] as const))).entries()];
    expect(keys.length).toBeGreaterThan(100);
    let checked = 0;
    for (const [key, group] of keys) {
      const schema = JSON.parse(key);
      const precompiled = precompiledShallow(key, group)!;
      const compiled = compileShallow(schema);
      for (const value of probes(schema)) {
        const ok = compiled(value);
        expect({ key, value, ok: precompiled(value), errors: precompiled.errors }).toEqual({ key, value, ok, errors: compiled.errors });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5_000);
  });

  test('formats and their messages are the same as at run time', () => {
    // a node of the bound kinds for each format they use
    const formats = new Map<string, [string, string | undefined]>();
    for (const [group, kind] of BOUND_KINDS) {
      const root = kindSchema(group, kind)!.root;
      forEachNode(root, (node) => {
        const format = node.raw.format;
        if (typeof format === 'string' && !formats.has(format)) formats.set(format, [shallowKey(shallowSchema(node, node === root)), node.group]);
      });
    }
    expect([...formats.keys()].sort()).toEqual(expect.arrayContaining(['date-time', 'int32', 'int64']));
    for (const [key, group] of formats.values()) {
      const precompiled = precompiledShallow(key, group)!;
      const compiled = compileShallow(JSON.parse(key));
      for (const value of [2 ** 31, 2 ** 31 - 1, 2 ** 64, 'not a date', '2026-01-31T12:00:00Z', '2026-13-01T00:00:00Z', 'YWJj', '@']) {
        expect(precompiled(value)).toBe(compiled(value));
        expect(precompiled.errors).toEqual(compiled.errors);
      }
    }
  });

  test('a schema of another origin has none and is compiled at run time', () => {
    const node = schemaTree({ type: 'object', properties: { size: { type: 'integer', format: 'int32', maximum: 5 } } });
    expect(precompiledShallow(shallowKey(shallowSchema(node.child('size')!, false)))).toBeUndefined();
    expect(checkStructure({ size: 2 ** 31 }, node).violations.map(formatViolation)).toEqual([
      'size: 2147483648 is too large; expected at most 5 (CRD schema: "should be less than or equal to 5")',
      'size: 2147483648 is not a 32-bit integer (-2147483648 to 2147483647) (CRD schema: "must be of type int32")',
    ]);
  });
});
