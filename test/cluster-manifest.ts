// Cluster manifests and the violations the Cluster rules report, for the tests of src/rules/cluster/.

/** A Cluster manifest on PostgreSQL 18 with a storage size, then `spec`. */
export function cluster(spec: object = {}, annotations?: { [key: string]: string }): any {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: 'pg', ...(annotations ? { annotations } : {}) },
    spec: { imageName: 'ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie', storage: { size: '1Gi' }, ...spec },
  };
}

/** A webhook violation as the rules report it. */
export function webhook(path: string, message: string, upstream: string) {
  return { path, message, source: 'webhook', upstream };
}
