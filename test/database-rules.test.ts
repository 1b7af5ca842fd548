import { webhook } from './cluster-manifest';
import { database } from './conformance/database.cases';
import { databaseLocaleViolations, databaseWebhookViolations, fdwViolations, serverViolations } from '../src/rules/database';

// The Database webhook's rules (src/rules/database.ts), each called by its upstream Go name
// (internal/webhook/v1/database_webhook.go, CloudNativePG 1.30.0), and the Database CRD's locale rules.
// Upstream's own cases (database_webhook_test.go) are in test/conformance/database.cases.ts; they check the
// upstream text and the field; here: the library's whole messages, the order of the violations, and inputs
// the conformance suite does not have.

const duplicate = (path: string, what: string, name: string, earlier: string) =>
  webhook(path, `${what} "${name}" is listed twice (also at ${earlier}); each name may appear once`, `Duplicate value: "${name}"`);

describe('validateExtensions and validateSchemas: duplicate names', () => {
  // database_webhook_test.go "complains if there are duplicate extensions"
  test('reports a repeated extension at the repeat, naming the first', () => {
    expect(databaseWebhookViolations(database({ extensions: [{ name: 'postgis' }, { name: 'postgis' }, { name: 'cube' }] }))).toEqual([
      duplicate('spec.extensions[1].name', 'extension', 'postgis', 'spec.extensions[0]'),
    ]);
  });

  // database_webhook_test.go "complains if there are duplicate schemas"
  test('reports a repeated schema at the repeat, naming the first', () => {
    expect(databaseWebhookViolations(database({ schemas: [{ name: 'test_one' }, { name: 'test_two' }, { name: 'test_two' }] }))).toEqual([
      duplicate('spec.schemas[2].name', 'schema', 'test_two', 'spec.schemas[1]'),
    ]);
  });
});

describe('validateServerFDWReference: a server names a wrapper of spec.fdws', () => {
  const undefinedWrapper = (fdw: string, defines: string) => webhook('spec.servers[0].fdw',
    `foreign server "remote" uses foreign data wrapper "${fdw}", which the Database does not define${defines}; declare the wrapper in the same Database`,
    `Invalid value: "${fdw}": referenced fdw not defined in spec.fdws`);

  // database_webhook.go, validateForeignServers: fdwNames is built from d.Spec.FDWs, empty when there are none
  test('refuses a server when the Database defines no wrapper at all, without listing any', () => {
    expect(databaseWebhookViolations(database({ servers: [{ name: 'remote', fdw: 'postgres_fdw' }] }))).toEqual([
      undefinedWrapper('postgres_fdw', ''),
    ]);
  });

  test('refuses a server whose wrapper is not among those defined, listing them in order', () => {
    const spec = { fdws: [{ name: 'mysql_fdw' }, { name: 'oracle_fdw' }], servers: [{ name: 'remote', fdw: 'postgres_fdw' }] };
    expect(databaseWebhookViolations(database(spec))).toEqual([
      undefinedWrapper('postgres_fdw', ' (it defines "mysql_fdw", "oracle_fdw")'),
    ]);
  });

  // database_webhook.go, validateServerFDWReference: server.GetEnsure() == EnsureAbsent returns nil
  test('admits a server being dropped whose wrapper is not defined', () => {
    expect(databaseWebhookViolations(database({ servers: [{ name: 'remote', fdw: 'postgres_fdw', ensure: 'absent' }] }))).toEqual([]);
  });
});

describe('order of the violations: item order, then field', () => {
  // database_webhook_test.go "complains for duplicate FDW and duplicate usage and option names": upstream
  // reports item by item (validateNameOptionsUsages per FDW); so does the library
  test('reports an FDW\'s duplicate option before a later FDW\'s duplicate name', () => {
    const fdws = [{ name: 'w', options: [{ name: 'o', value: '1' }, { name: 'o', value: '2' }] }, { name: 'w' }];
    expect(databaseWebhookViolations(database({ fdws }))).toEqual([
      duplicate('spec.fdws[0].options[1].name', 'option', 'o', 'spec.fdws[0].options[0]'),
      duplicate('spec.fdws[1].name', 'foreign data wrapper', 'w', 'spec.fdws[0]'),
    ]);
  });

  test('reports a server\'s missing wrapper and duplicate option before a later server\'s duplicate name', () => {
    const servers = [
      { name: 's', fdw: 'gone', options: [{ name: 'host', value: 'a' }, { name: 'host', value: 'b' }] },
      { name: 's', fdw: 'w' },
    ];
    expect(databaseWebhookViolations(database({ fdws: [{ name: 'w' }], servers }))).toEqual([
      webhook('spec.servers[0].fdw',
        'foreign server "s" uses foreign data wrapper "gone", which the Database does not define (it defines "w"); declare the wrapper in the same Database',
        'Invalid value: "gone": referenced fdw not defined in spec.fdws'),
      duplicate('spec.servers[0].options[1].name', 'option', 'host', 'spec.servers[0].options[0]'),
      duplicate('spec.servers[1].name', 'foreign server', 's', 'spec.servers[0]'),
    ]);
  });

  test('orders items by number, not by text: [9] before [10] before [100]', () => {
    const fdws = Array.from({ length: 101 }, (_, i) => ({ name: [0, 9, 10, 100].includes(i) ? 'dup' : `w${i}` }));
    expect(fdwViolations(fdws).map((v) => v.path)).toEqual(['spec.fdws[9].name', 'spec.fdws[10].name', 'spec.fdws[100].name']);
    const servers = fdws.map((f) => ({ ...f, fdw: 'x' }));
    expect(serverViolations(servers, undefined).map((v) => v.path)).toEqual(['spec.servers[9].name', 'spec.servers[10].name', 'spec.servers[100].name']);
  });
});

describe('databaseWebhookViolations on malformed input (the CRD schema reports it; the rules do not fail)', () => {
  test('a missing manifest or spec has no violation', () => {
    expect(databaseWebhookViolations(undefined)).toEqual([]);
    expect(databaseWebhookViolations(null)).toEqual([]);
    expect(databaseWebhookViolations({ kind: 'Database' })).toEqual([]);
  });

  test('null items of the lists have no name, options or usages', () => {
    expect(databaseWebhookViolations(database({ extensions: [null, { name: 'a' }], schemas: [null], fdws: [null], servers: [null] }))).toEqual([]);
  });

  test('a null server next to defined wrappers names no wrapper', () => {
    expect(databaseWebhookViolations(database({ fdws: [{ name: 'w' }], servers: [null] }))).toEqual([
      webhook('spec.servers[0].fdw',
        'foreign server undefined uses foreign data wrapper undefined, which the Database does not define (it defines "w"); declare the wrapper in the same Database',
        'Invalid value: undefined: referenced fdw not defined in spec.fdws'),
    ]);
  });
});

describe('databaseLocaleViolations: the Database CRD\'s locale provider rules', () => {
  test('reports on the manifest\'s spec by default', () => {
    expect(databaseLocaleViolations({ icuLocale: 'en-US', localeProvider: 'libc' })).toEqual([{
      path: 'spec.icuLocale',
      message: 'icuLocale "en-US" needs localeProvider "icu", but localeProvider is "libc"',
      source: 'CRD rule',
      upstream: 'icuLocale is only available when localeProvider is set to `icu`',
    }]);
  });

  test('a missing spec has no violation', () => {
    expect(databaseLocaleViolations(undefined)).toEqual([]);
  });
});
