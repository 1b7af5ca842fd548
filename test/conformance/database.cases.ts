import { ConformanceCase } from './format';

// Upstream's Database webhook specs (internal/webhook/v1/database_webhook_test.go, CloudNativePG v1.30.0),
// in the file's order. Upstream builds a Database with only the lists under test and calls the validator;
// each manifest here is a whole Database (database() adds the cluster, name and owner the CRD requires) so
// that it also passes the schema and CEL rules, and the case checks the whole admission path. Upstream's
// helpers give every extension, schema and FDW `ensure: present` (the CRD default), kept here. Format:
// README.md beside this file.

const UPSTREAM = 'internal/webhook/v1/database_webhook_test.go';
const D = 'Database validation > ';

/** A Database manifest: the cluster, name and owner upstream's partial objects leave out, then `spec`. */
export function database(spec: object = {}): object {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Database',
    metadata: { name: 'db-app' },
    spec: { cluster: { name: 'cluster-example' }, name: 'app', owner: 'app', ...spec },
  };
}

const present = (name: string) => ({ name, ensure: 'present' });

function c(test: string, object: object, expect: ConformanceCase['expect'], note?: string): ConformanceCase {
  return { upstream: UPSTREAM, test: D + test, kind: 'Database', object, expect, ...(note ? { note } : {}) };
}

const ok = { allowed: true } as const;

/** One duplicate error per entry (`field` → bad value), and exactly as many errors: upstream's expectDuplicateErrors. */
function duplicates(test: string, object: object, expected: { [field: string]: string }, note?: string): ConformanceCase[] {
  const fields = Object.keys(expected);
  return fields.map((field) => c(test, object, {
    allowed: false,
    field,
    message: `Duplicate value: ${JSON.stringify(expected[field])}`,
    count: fields.length,
  }, note));
}

const USAGE_PATH = 'upstream reports the Go field path `usages`; the wire field, and the path here, is `usage`';

/** Every spec of database_webhook_test.go. */
export const DATABASE_CASES: readonly ConformanceCase[] = [
  c('doesn\'t complain when extensions and schemas are null', database(), ok),
  c('doesn\'t complain if there are no duplicate extensions and no duplicate schemas',
    database({ extensions: [present('postgis')], schemas: [present('test_schema')] }), ok),
  ...duplicates('complains if there are duplicate extensions',
    database({ extensions: [present('postgis'), present('postgis'), present('cube')] }),
    { 'spec.extensions[1].name': 'postgis' }),
  ...duplicates('complains if there are duplicate schemas',
    database({ schemas: [present('test_one'), present('test_two'), present('test_two')] }),
    { 'spec.schemas[2].name': 'test_two' }),
  c('doesn\'t complain with distinct FDWs and usage names', database({
    fdws: [
      // OptionSpec.value is required by the CRD; upstream's Go options leave it empty
      { ...present('fdw1'), usage: [{ name: 'usage1' }, { name: 'usage2' }], options: [{ name: 'option1', value: '' }, { name: 'option2', value: '' }] },
      { ...present('fdw2'), usage: [{ name: 'usage3' }, { name: 'usage4' }], options: [{ name: 'option3', value: '' }, { name: 'option4', value: '' }] },
    ],
  }), ok),
  ...duplicates('complains if there are duplicate FDWs',
    database({ fdws: [present('postgres_fdw'), present('mysql_fdw'), present('postgres_fdw')] }),
    { 'spec.fdws[2].name': 'postgres_fdw' }),
  ...duplicates('complains if there are duplicate usage names within an FDW',
    database({ fdws: [{ ...present('postgre_fdw'), usage: [{ name: 'usage1' }, { name: 'usage2' }, { name: 'usage1' }] }] }),
    { 'spec.fdws[0].usage[2].name': 'usage1' }, USAGE_PATH),
  ...duplicates('complains for duplicate FDW and duplicate usage and option names',
    database({
      fdws: [
        { ...present('duplicate_fdw'), usage: [{ name: 'dup_usage' }, { name: 'dup_usage' }], options: [{ name: 'dup_option', value: '' }, { name: 'dup_option', value: '' }] },
        present('duplicate_fdw'),
      ],
    }),
    { 'spec.fdws[0].options[1].name': 'dup_option', 'spec.fdws[0].usage[1].name': 'dup_usage', 'spec.fdws[1].name': 'duplicate_fdw' }, USAGE_PATH),
  c('doesn\'t complain with distinct foreign servers', database({
    fdws: [{ name: 'fdw1' }, { name: 'fdw2' }],
    servers: [{ ...present('server1'), fdw: 'fdw1' }, { ...present('server2'), fdw: 'fdw2' }],
  }), ok),
  ...duplicates('complains for duplicate foreign servers', database({
    fdws: [{ name: 'fdw1' }],
    servers: [{ ...present('dup_server'), fdw: 'fdw1' }, { ...present('dup_server'), fdw: 'fdw1' }],
  }), { 'spec.servers[1].name': 'dup_server' }),
  ...duplicates('complains for duplicate options within a single foreign server', database({
    fdws: [{ name: 'fdw1' }],
    servers: [{ ...present('server1'), fdw: 'fdw1', options: [{ name: 'duplicate_option', value: '' }, { name: 'duplicate_option', value: '' }] }],
  }), { 'spec.servers[0].options[1].name': 'duplicate_option' }),
  ...duplicates('complains for duplicate usages within a single foreign server', database({
    fdws: [{ name: 'fdw1' }],
    servers: [{ ...present('server1'), fdw: 'fdw1', usage: [{ name: 'duplicate_usage' }, { name: 'duplicate_usage' }] }],
  }), { 'spec.servers[0].usage[1].name': 'duplicate_usage' }, USAGE_PATH),
  ...duplicates('complains for a combination of duplicate servers, options, and usages', database({
    fdws: [{ name: 'fdw1' }],
    servers: [
      {
        ...present('server1'),
        fdw: 'fdw1',
        options: [{ name: 'dup_option', value: '' }, { name: 'dup_option', value: '' }],
        usage: [{ name: 'dup_usage' }, { name: 'dup_usage' }],
      },
      { ...present('server1'), fdw: 'fdw1' },
    ],
  }), { 'spec.servers[0].options[1].name': 'dup_option', 'spec.servers[0].usage[1].name': 'dup_usage', 'spec.servers[1].name': 'server1' }, USAGE_PATH),
];
