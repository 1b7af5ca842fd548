import { MAX_PUBLICATION_OBJECTS, publicationTargetViolations, withParameterViolations } from '../src/rules/publication';
import { databaseRoleFlagViolations, databaseRoleNameViolations } from '../src/rules/roles';
import { webhookViolations } from '../src/rules/webhook';

// CloudNativePG 1.30.0 has no validating webhook for Publication, Subscription or DatabaseRole (no
// publication_webhook.go / subscription_webhook.go / databaserole_webhook.go in internal/webhook/v1): their
// create-time rules are the CRDs' x-kubernetes-validations, which these rules port.

const MUTUALLY_EXCLUSIVE_OBJECT = 'tablesInSchema and table are mutually exclusive';

describe('publicationTargetViolations', () => {
  // Upstream: crds/cnpg-1.30.0/postgresql.cnpg.io_publications.yaml, spec.target x-kubernetes-validations
  // "allTables and objects are mutually exclusive" (api/v1 PublicationTarget kubebuilder XValidation).
  const neither = {
    path: 'spec.target',
    message: 'neither allTables nor objects is set; publish all tables or a list of objects',
    source: 'CRD rule',
    upstream: 'allTables and objects are mutually exclusive',
  };

  test('refuses a missing target on spec.target (the default path) as neither allTables nor objects', () => {
    expect(publicationTargetViolations(undefined)).toEqual([neither]);
    expect(publicationTargetViolations(null)).toEqual([neither]);
    expect(publicationTargetViolations({})).toEqual([neither]);
  });

  test('refuses allTables together with objects', () => {
    // Upstream: postgresql.cnpg.io_publications.yaml, spec.target rule "allTables and objects are mutually exclusive".
    expect(publicationTargetViolations({ allTables: true, objects: [{ table: { name: 'a' } }] }, 'target')).toEqual([{
      path: 'target',
      message: 'both allTables and objects are set; publish all tables or a list of objects',
      source: 'CRD rule',
      upstream: 'allTables and objects are mutually exclusive',
    }]);
  });

  test('admits allTables alone and a list of tables and schemas', () => {
    // Upstream: postgresql.cnpg.io_publications.yaml, spec.target rules (both satisfied).
    expect(publicationTargetViolations({ allTables: true })).toEqual([]);
    expect(publicationTargetViolations({ objects: [{ table: { name: 'a', columns: ['x'] } }, { table: { name: 'b' } }] })).toEqual([]);
    expect(publicationTargetViolations({ objects: [{ tablesInSchema: 's' }, { table: { name: 'b' } }] })).toEqual([]);
  });

  test('admits exactly the CRD maxItems of objects and refuses one more', () => {
    // Upstream: postgresql.cnpg.io_publications.yaml, spec.target.objects maxItems: 100000.
    const object = { table: { name: 'a' } };
    expect(publicationTargetViolations({ objects: new Array(MAX_PUBLICATION_OBJECTS).fill(object) })).toEqual([]);
    expect(publicationTargetViolations({ objects: new Array(MAX_PUBLICATION_OBJECTS + 1).fill(object) })).toEqual([{
      path: 'spec.target.objects',
      message: '100001 objects; at most 100000 are accepted',
      source: 'CRD schema',
      upstream: 'must have at most 100000 items',
    }]);
  });

  test('refuses an object naming both a table and a schema, or neither', () => {
    // Upstream: postgresql.cnpg.io_publications.yaml, spec.target.objects.items rule
    // "tablesInSchema and table are mutually exclusive".
    expect(publicationTargetViolations({ objects: [{ table: { name: 'a' } }, { table: { name: 'b' }, tablesInSchema: 's' }, {}] })).toEqual([
      {
        path: 'spec.target.objects[1]',
        message: '{"table":{"name":"b"},"tablesInSchema":"s"} must name either a table or a schema (tablesInSchema), not both',
        source: 'CRD rule',
        upstream: MUTUALLY_EXCLUSIVE_OBJECT,
      },
      {
        path: 'spec.target.objects[2]',
        message: '{} must name either a table or a schema (tablesInSchema), not neither',
        source: 'CRD rule',
        upstream: MUTUALLY_EXCLUSIVE_OBJECT,
      },
    ]);
  });

  test('refuses a null object as naming neither a table nor a schema, without throwing', () => {
    // Upstream: postgresql.cnpg.io_publications.yaml, spec.target.objects.items rule
    // "tablesInSchema and table are mutually exclusive" (a null item has neither).
    expect(publicationTargetViolations({ objects: [null] })).toEqual([{
      path: 'spec.target.objects[0]',
      message: 'null must name either a table or a schema (tablesInSchema), not neither',
      source: 'CRD rule',
      upstream: MUTUALLY_EXCLUSIVE_OBJECT,
    }]);
  });

  test('refuses a column list beside tablesInSchema, reading past a null object', () => {
    // Upstream: postgresql.cnpg.io_publications.yaml, spec.target.objects rule "specifying a column list when
    // the publication also publishes tablesInSchema is not supported".
    const columns = {
      path: 'spec.target.objects[1].table.columns',
      message: 'table "t" has a column list, and the publication also publishes tablesInSchema; PostgreSQL refuses the two together: publish the schema\'s tables one by one, or drop the column list',
      source: 'CRD rule',
      upstream: 'specifying a column list when the publication also publishes tablesInSchema is not supported',
    };
    expect(publicationTargetViolations({ objects: [{ tablesInSchema: 's' }, { table: { name: 't', columns: ['c'] } }] })).toEqual([columns]);
    expect(publicationTargetViolations({ objects: [{ table: { name: 't', columns: ['c'] } }, null] })).toEqual([{
      path: 'spec.target.objects[1]',
      message: 'null must name either a table or a schema (tablesInSchema), not neither',
      source: 'CRD rule',
      upstream: MUTUALLY_EXCLUSIVE_OBJECT,
    }]);
  });
});

describe('withParameterViolations', () => {
  // Upstream: postgresql.cnpg.io_publications.yaml / postgresql.cnpg.io_subscriptions.yaml,
  // spec.parameters additionalProperties: type string (the name rule is the library's own).
  test('refuses a value that is not a string', () => {
    expect(withParameterViolations({ publish: true }, 'parameters')).toEqual([{
      path: 'parameters["publish"]',
      message: 'true is not a string; parameter values are strings (e.g. "true")',
      source: 'CRD schema',
    }]);
  });

  test('refuses a name that is not an identifier, and admits string values', () => {
    expect(withParameterViolations({ 'a b': 'x', 'publish': 'insert' }, 'spec.parameters')).toEqual([{
      path: 'spec.parameters["a b"]',
      message: '"a b" is not a parameter name; expected a plain identifier (letters, digits, "_")',
      source: 'library',
    }]);
    expect(withParameterViolations(undefined, 'spec.parameters')).toEqual([]);
  });
});

describe('DatabaseRole rules', () => {
  test('refuses a reserved name on spec.name by default', () => {
    // Upstream: postgresql.cnpg.io_databaseroles.yaml, spec rule "the role name postgres is reserved"
    // (pkg/postgres/roles.go IsRoleReserved).
    expect(databaseRoleNameViolations('postgres')).toEqual([{
      path: 'spec.name',
      message: '"postgres" is a role the operator manages itself; choose another name',
      source: 'CRD rule',
      upstream: 'the role name postgres is reserved',
    }]);
  });

  test('refuses passwordSecret with disablePassword on spec.disablePassword by default', () => {
    // Upstream: postgresql.cnpg.io_databaseroles.yaml, spec rule "passwordSecret and disablePassword are mutually exclusive".
    expect(databaseRoleFlagViolations({ passwordSecret: { name: 's' }, disablePassword: true })).toEqual([{
      path: 'spec.disablePassword',
      message: 'a role with a passwordSecret cannot also disable its password; set one of them',
      source: 'CRD rule',
      upstream: 'passwordSecret and disablePassword are mutually exclusive',
    }]);
  });

  test('admits disablePassword without a passwordSecret, and a passwordSecret with disablePassword false', () => {
    // Upstream: postgresql.cnpg.io_databaseroles.yaml, rule '!has(self.passwordSecret) || !has(self.disablePassword) || !self.disablePassword'.
    expect(databaseRoleFlagViolations({ disablePassword: true })).toEqual([]);
    expect(databaseRoleFlagViolations({ passwordSecret: { name: 's' }, disablePassword: false })).toEqual([]);
  });
});

describe('webhookViolations on logical replication and DatabaseRole manifests', () => {
  // Upstream: internal/webhook/v1 of CloudNativePG 1.30.0 registers no validating webhook for these kinds
  // (only Cluster, Pooler, Backup, ScheduledBackup and Database); their rules are CRD rules.
  const meta = { apiVersion: 'postgresql.cnpg.io/v1', metadata: { name: 'x', namespace: 'app' } };
  test.each([
    ['Publication', { cluster: { name: 'pg' }, dbname: 'app', name: 'p', target: { allTables: true, objects: [] } }],
    ['Subscription', { cluster: { name: 'pg' }, dbname: 'app', name: 's', publicationName: 'p', externalClusterName: 'src', parameters: { x: 1 } }],
    ['DatabaseRole', { cluster: { name: 'pg' }, name: 'postgres', passwordSecret: { name: 's' }, disablePassword: true }],
  ])('returns no webhook violation for a %s, even one the CRD refuses', (kind, spec) => {
    expect(webhookViolations({ ...meta, kind, spec })).toEqual([]);
  });
});
