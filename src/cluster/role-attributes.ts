import { RoleAttributes } from './cluster-options';
import * as cnpg from '../../imports/postgresql.cnpg.io';
import { l1Date } from '../resource/l1';

// The role attributes in the bindings' shape, shared by the Cluster's managed roles and DatabaseRole.

/**
 * The attributes in the bindings' shape (the same field names in `managed.roles[]` and a DatabaseRole's
 * spec), the password Secret by name (checked by the caller).
 */
export function roleAttributesToKube(r: RoleAttributes): Omit<cnpg.DatabaseRoleSpec & cnpg.ClusterSpecManagedRoles, 'name' | 'cluster'> {
  return {
    login: r.login,
    superuser: r.superuser,
    createdb: r.createdb,
    createrole: r.createrole,
    inherit: r.inherit,
    replication: r.replication,
    bypassrls: r.bypassrls,
    connectionLimit: r.connectionLimit,
    validUntil: l1Date(r.validUntil),
    inRoles: r.inRoles,
    passwordSecret: r.passwordSecret ? { name: r.passwordSecret.name } : undefined,
    disablePassword: r.disablePassword,
    comment: r.comment,
  };
}
