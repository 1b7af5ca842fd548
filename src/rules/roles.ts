import { show, Violation } from '../common/errors';

// Role names the operator and PostgreSQL reserve (pkg/postgres/roles.go, IsRoleReserved), and the
// DatabaseRole CRD's create-time CEL rules (postgresql.cnpg.io_databaseroles.yaml), which spell the same
// reservations out one by one. DatabaseRole has no validating webhook in CloudNativePG 1.30: the construct
// checks these rules at construction, the validator evaluates the CRD's own rules on the manifest at synth.

/** PostgreSQL's largest connection limit of a role or database (a 32-bit integer; -1 means no limit). */
export const MAX_CONNECTION_LIMIT = 2147483647;

/** Role names the operator uses itself. */
export const OPERATOR_ROLES: readonly string[] = ['postgres', 'streaming_replica'];

/** Prefix of the roles PostgreSQL reserves (`pg_monitor`, ...). */
export const POSTGRESQL_ROLE_PREFIX = 'pg_';

/** Prefix of the roles the operator reserves. */
export const OPERATOR_ROLE_PREFIX = 'cnpg_';

/** Whether a role name is reserved for PostgreSQL or the operator (roles.go IsRoleReserved). */
export function isRoleReserved(name: string): boolean {
  return OPERATOR_ROLES.includes(name) || name.startsWith(OPERATOR_ROLE_PREFIX) || name.startsWith(POSTGRESQL_ROLE_PREFIX);
}

/** The DatabaseRole CRD rules on `spec.name`: not empty, not reserved by name or prefix. */
export function databaseRoleNameViolations(name: string, path = 'spec.name'): Violation[] {
  const rule = (message: string, upstream: string): Violation[] => [{ path, message, source: 'CRD rule', upstream }];
  if (name === '') return rule('the role name is empty', 'role name must not be empty');
  if (OPERATOR_ROLES.includes(name)) {
    return rule(`${show(name)} is a role the operator manages itself; choose another name`, `the role name ${name} is reserved`);
  }
  if (name.startsWith(POSTGRESQL_ROLE_PREFIX)) {
    return rule(`${show(name)} starts with "${POSTGRESQL_ROLE_PREFIX}", which PostgreSQL reserves for its own roles; choose another name`, 'role names starting with pg_ are reserved by PostgreSQL');
  }
  if (name.startsWith(OPERATOR_ROLE_PREFIX)) {
    return rule(`${show(name)} starts with "${OPERATOR_ROLE_PREFIX}", which the operator reserves; choose another name`, 'role names starting with cnpg_ are reserved by the operator');
  }
  return [];
}

/** What the DatabaseRole CRD's other create-time rules read of the spec (wire names). */
export interface DatabaseRoleFlags {
  readonly passwordSecret?: unknown;
  readonly disablePassword?: boolean;
  /** `clientCertificate.enabled` (the CRD defaults it to true when the block is present). */
  readonly clientCertificate?: boolean;
  readonly login?: boolean;
}

/** The DatabaseRole CRD rules between fields: a password and no password; a client certificate needs login. */
export function databaseRoleFlagViolations(spec: DatabaseRoleFlags, at = 'spec.'): Violation[] {
  const out: Violation[] = [];
  if (spec.passwordSecret !== undefined && spec.disablePassword === true) {
    out.push({
      path: `${at}disablePassword`,
      message: 'a role with a passwordSecret cannot also disable its password; set one of them',
      source: 'CRD rule',
      upstream: 'passwordSecret and disablePassword are mutually exclusive',
    });
  }
  if (spec.clientCertificate === true && spec.login !== true) {
    out.push({
      path: `${at}clientCertificate`,
      message: `a client certificate is for a role that logs in, but login is ${show(spec.login ?? false)}; set login: true`,
      source: 'CRD rule',
      upstream: 'clientCertificate requires the role to have login enabled',
    });
  }
  return out;
}
