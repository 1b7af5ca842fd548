import { ConformanceCase } from './format';

// Upstream's Backup webhook specs (internal/webhook/v1/backup_webhook_test.go, CloudNativePG v1.30.0), in
// the file's order. Each manifest is a whole Backup (backup() adds a name and the cluster the CRD requires).
// Format: README.md beside this file.

const UPSTREAM = 'internal/webhook/v1/backup_webhook_test.go';

/** A Backup manifest: a name and a cluster, then `spec` (shallowly merged) and annotations. */
export function backup(spec: object = {}, annotations?: { [key: string]: string }): object {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Backup',
    metadata: { name: 'backup-example', ...(annotations ? { annotations } : {}) },
    spec: { cluster: { name: 'cluster-example' }, ...spec },
  };
}

function c(test: string, object: object, expect: ConformanceCase['expect'], note?: string): ConformanceCase {
  return { upstream: UPSTREAM, test, kind: 'Backup', object, expect, ...(note ? { note } : {}) };
}

const NO_SNAPSHOT_CRD = 'depends on whether the VolumeSnapshot CRD is installed in the Kubernetes cluster (utils.HaveVolumeSnapshot), which a manifest cannot tell';
const T = 'Backup webhook validate > ';
const DEADLINE = 'cnpg.io/volumeSnapshotDeadline';

/** Every spec of backup_webhook_test.go. */
export const BACKUP_CASES: readonly ConformanceCase[] = [
  c(`${T}doesn't complain if VolumeSnapshot CRD is present`, backup({ method: 'volumeSnapshot' }), { allowed: true },
    'the library cannot see the Kubernetes cluster\'s CRDs: it admits volumeSnapshot, as the webhook does when the CRD is installed'),
  c(`${T}complains if VolumeSnapshot CRD is not present`, backup({ method: 'volumeSnapshot' }),
    { notApplicable: NO_SNAPSHOT_CRD }),
  c(`${T}complains if online is set on a barman backup`, backup({ method: 'barmanObjectStore', online: true }),
    { allowed: false, field: 'spec.online', message: 'Online parameter can be specified only if the backup method is volumeSnapshot', count: 1 }),
  c(`${T}complains if onlineConfiguration is set on a barman backup`, backup({ method: 'barmanObjectStore', onlineConfiguration: {} }),
    { allowed: false, field: 'spec.onlineConfiguration', message: 'OnlineConfiguration parameter can be specified only if the backup method is volumeSnapshot', count: 1 }),
  c(`${T}returns error if BackupVolumeSnapshotDeadlineAnnotationName is not an integer`, backup({}, { [DEADLINE]: 'not-an-integer' }),
    { allowed: false, field: `metadata.annotations.${DEADLINE}`, message: 'must be an integer', count: 1 }),
  c(`${T}does not return error if BackupVolumeSnapshotDeadlineAnnotationName is an integer`, backup({}, { [DEADLINE]: '123' }), { allowed: true }),
  c(`${T}does not return error if BackupVolumeSnapshotDeadlineAnnotationName is not set`, backup({}, {}), { allowed: true }),
];
