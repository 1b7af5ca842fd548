import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  Cluster, ClusterImage, ClusterImageCatalog, CnpgValidation, DatabaseRole, DebianRelease, ImageType, ReclaimPolicy,
} from '../src';
import { newChart } from './util';

const roleOf = (chart: Chart) => Testing.synth(chart).find((m: any) => m.kind === 'DatabaseRole');
const legacy = (chart: Chart) => Cluster.fromClusterName(chart, 'cluster', 'pg');

describe('DatabaseRole', () => {
  test('a minimal role: the role name and its Cluster', () => {
    // GIVEN
    const chart = newChart({ namespace: 'app' });
    // WHEN
    new DatabaseRole(chart, 'role', { metadata: { name: 'pg-reader' }, cluster: legacy(chart), name: 'reader' });
    // THEN
    expect(roleOf(chart)).toStrictEqual({
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'DatabaseRole',
      metadata: { name: 'pg-reader', namespace: 'app' },
      spec: { name: 'reader', cluster: { name: 'pg' } },
    });
  });

  test('every attribute, a password Secret, a client certificate and the reclaim policy', () => {
    const chart = newChart({ namespace: 'app' });
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    const cluster = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) } });
    const role = new DatabaseRole(chart, 'role', {
      metadata: { name: 'db-analyst' },
      cluster,
      name: 'analyst',
      login: true,
      superuser: false,
      createdb: true,
      createrole: false,
      inherit: true,
      replication: false,
      bypassrls: false,
      connectionLimit: 10,
      validUntil: new Date('2027-06-30T00:00:00Z'),
      inRoles: ['pg_read_all_data', 'reporting'],
      passwordSecret: kplus.Secret.fromSecretName(chart, 'pw', 'analyst-credentials'),
      clientCertificate: true,
      comment: 'BI analysts',
      databaseRoleReclaimPolicy: ReclaimPolicy.DELETE,
    });
    const manifest = roleOf(chart);
    expect(manifest).toMatchSnapshot();
    expect(manifest.spec.passwordSecret).toStrictEqual({ name: 'analyst-credentials' });
    expect(manifest.spec.validUntil).toBe('2027-06-30T00:00:00.000Z');
    expect(role.postgresName).toBe('analyst');
    expect(role.clientCertificateSecretName).toBe('db-analyst-client-cert');
    expect(CnpgValidation.validateManifest(manifest)).toEqual([]);
  });
});

/** A raw DatabaseRole manifest, for the CRD's own rules. */
function rawRole(spec: object): object {
  return { apiVersion: 'postgresql.cnpg.io/v1', kind: 'DatabaseRole', metadata: { name: 'r', namespace: 'app' }, spec: { cluster: { name: 'pg' }, name: 'reader', ...spec } };
}

describe('DatabaseRole: the CRD rules, at construction with the CRD\'s messages', () => {
  test.each([
    ['postgres', 'name: "postgres" is a role the operator manages itself; choose another name (CRD rule: "the role name postgres is reserved")'],
    ['streaming_replica', 'name: "streaming_replica" is a role the operator manages itself; choose another name (CRD rule: "the role name streaming_replica is reserved")'],
    ['pg_monitor', 'name: "pg_monitor" starts with "pg_", which PostgreSQL reserves for its own roles; choose another name (CRD rule: "role names starting with pg_ are reserved by PostgreSQL")'],
    ['cnpg_pooler', 'name: "cnpg_pooler" starts with "cnpg_", which the operator reserves; choose another name (CRD rule: "role names starting with cnpg_ are reserved by the operator")'],
    ['', 'name: the role name is empty (CRD rule: "role name must not be empty")'],
  ])('refuses the reserved or empty role name %p', (name, message) => {
    const chart = newChart();
    expect(() => new DatabaseRole(chart, 'role', { cluster: legacy(chart), name })).toThrow(`[test/role] ${message}`);
    // the CRD says the same of the manifest
    const upstream = /CRD rule: "(.*)"\)$/.exec(message)![1];
    expect(CnpgValidation.validateManifest(rawRole({ name })).map((i) => i.upstream)).toContain(upstream);
  });

  test('admits names that only contain the reserved prefixes', () => {
    const chart = newChart();
    const cluster = legacy(chart);
    new DatabaseRole(chart, 'a', { metadata: { name: 'a' }, cluster, name: 'app_pg_reader' });
    new DatabaseRole(chart, 'b', { metadata: { name: 'b' }, cluster, name: 'PG_admin' });
    expect(Testing.synth(chart).map((m: any) => m.spec.name)).toEqual(['app_pg_reader', 'PG_admin']);
  });

  test('refuses a password Secret together with disablePassword', () => {
    const chart = newChart();
    expect(() => new DatabaseRole(chart, 'role', {
      cluster: legacy(chart), name: 'reader', passwordSecret: kplus.Secret.fromSecretName(chart, 'pw', 'reader'), disablePassword: true,
    })).toThrow('[test/role] disablePassword: a role with a passwordSecret cannot also disable its password; set one of them (CRD rule: "passwordSecret and disablePassword are mutually exclusive")');
    expect(CnpgValidation.validateManifest(rawRole({ passwordSecret: { name: 'reader' }, disablePassword: true })).map((i) => i.upstream))
      .toContain('passwordSecret and disablePassword are mutually exclusive');
  });

  test.each([undefined, false])('refuses a client certificate for a role whose login is %p', (login) => {
    const chart = newChart();
    expect(() => new DatabaseRole(chart, 'role', { cluster: legacy(chart), name: 'reader', login, clientCertificate: true })).toThrow(
      '[test/role] clientCertificate: a client certificate is for a role that logs in, but login is false; set login: true (CRD rule: "clientCertificate requires the role to have login enabled")',
    );
    expect(CnpgValidation.validateManifest(rawRole({ login, clientCertificate: {} })).map((i) => i.upstream))
      .toContain('clientCertificate requires the role to have login enabled');
  });

  test('the CRD refuses ensure: absent, which the construct does not offer', () => {
    expect(CnpgValidation.validateManifest(rawRole({ ensure: 'absent' })).map((i) => i.upstream))
      .toContain('ensure: absent is not supported for DatabaseRole; delete the resource with databaseRoleReclaimPolicy: delete instead');
  });
});

describe('DatabaseRole: props of the wrong type, also from plain JavaScript', () => {
  test.each([
    ['cluster', { cluster: 'pg' }, 'cluster: "pg" is a string; expected a Cluster construct or Cluster.fromClusterName(scope, id, "pg") (library)'],
    ['name', { name: undefined }, 'name: is missing; expected a non-empty string (library)'],
    ['password', { passwordSecret: 's3cret' }, 'passwordSecret: a plain string is not a Secret reference; secrets are never accepted in plain text: pass a cdk8s-plus Secret (e.g. Secret.fromSecretName(this, \'id\', \'my-secret\')) (library)'],
    ['connection limit', { connectionLimit: -5 }, 'connectionLimit: -5 is not an integer from -1 to 2147483647; PostgreSQL refuses it in CREATE ROLE (-1 means no limit) (library)'],
    ['validUntil string', { validUntil: '2027-01-01' }, 'validUntil: 2027-01-01 is not a valid Date; expected e.g. new Date(\'2027-01-01T00:00:00Z\') (library)'],
    ['validUntil invalid date', { validUntil: new Date('not a date') }, 'validUntil: Invalid Date is not a valid Date; expected e.g. new Date(\'2027-01-01T00:00:00Z\') (library)'],
    ['inRoles entry', { inRoles: ['reporting', ''] }, 'inRoles[1]: is empty; expected a non-empty string (library)'],
    ['comment', { comment: 7 }, 'comment: 7 is an integer; expected a non-empty string (library)'],
  ])('refuses a bad %s', (_what, override, message) => {
    const chart = newChart();
    expect(() => new DatabaseRole(chart, 'role', { cluster: legacy(chart), name: 'reader', ...(override as any) })).toThrow(`[test/role] ${message}`);
  });

  test('refuses a role outside its Cluster\'s namespace, at synth', () => {
    const app = Testing.app();
    const data = new Chart(app, 'data', { namespace: 'data' });
    const other = new Chart(app, 'other', { namespace: 'other' });
    const cluster = Cluster.fromClusterName(data, 'c', 'pg', 'data');
    new DatabaseRole(other, 'role', { cluster, name: 'reader' });
    expect(() => other.toJson()).toThrow('[other/role] cluster: the DatabaseRole is in namespace "other" but Cluster "pg" is in "data"; a DatabaseRole must be in its Cluster\'s namespace (operator)');
  });
});
