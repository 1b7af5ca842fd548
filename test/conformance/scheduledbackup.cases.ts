import { ConformanceCase } from './format';

// Upstream's ScheduledBackup webhook specs (internal/webhook/v1/scheduledbackup_webhook_test.go,
// CloudNativePG v1.30.0), in the file's order. Each manifest is a whole ScheduledBackup (scheduled() adds a
// name and the cluster the CRD requires). Format: README.md beside this file.

const UPSTREAM = 'internal/webhook/v1/scheduledbackup_webhook_test.go';

/** A ScheduledBackup manifest: a name and a cluster, then `spec` (shallowly merged). */
export function scheduled(spec: object): object {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'ScheduledBackup',
    metadata: { name: 'scheduled-backup-example' },
    spec: { cluster: { name: 'cluster-example' }, ...spec },
  };
}

function c(test: string, object: object, expect: ConformanceCase['expect'], note?: string): ConformanceCase {
  return { upstream: UPSTREAM, test, kind: 'ScheduledBackup', object, expect, ...(note ? { note } : {}) };
}

const NO_SNAPSHOT_CRD = 'depends on whether the VolumeSnapshot CRD is installed in the Kubernetes cluster (utils.HaveVolumeSnapshot), which a manifest cannot tell';
const T = 'Validate schedule > ';

/** Every spec of scheduledbackup_webhook_test.go. */
export const SCHEDULED_BACKUP_CASES: readonly ConformanceCase[] = [
  c(`${T}doesn't complain if there's a schedule`, scheduled({ schedule: '0 0 0 * * *' }), { allowed: true, warnings: [] }),
  c(`${T}warn the user if the schedule has a wrong number of arguments`, scheduled({ schedule: '1 2 3 4 5' }),
    { allowed: true, warnings: ['Schedule parameter may not have the right number of arguments (usually six arguments are needed)'] },
    'five fields parse (robfig/cron reads them as second minute hour day-of-month month): admitted, with the warning'),
  c(`${T}complain with a wrong time`, scheduled({ schedule: '0 0 0 * * * 1996' }),
    { allowed: false, field: 'spec.schedule', message: 'Expected 5 to 6 fields, found 7: 0 0 0 * * * 1996', count: 1 }),
  c(`${T}doesn't complain if VolumeSnapshot CRD is present`, scheduled({ schedule: '0 0 0 * * *', method: 'volumeSnapshot' }), { allowed: true, warnings: [] },
    'the library cannot see the Kubernetes cluster\'s CRDs: it admits volumeSnapshot, as the webhook does when the CRD is installed'),
  c(`${T}complains if VolumeSnapshot CRD is not present`, scheduled({ schedule: '0 0 0 * * *', method: 'volumeSnapshot' }),
    { notApplicable: NO_SNAPSHOT_CRD }),
  c(`${T}complains if online is set on a barman backup`, scheduled({ method: 'barmanObjectStore', online: true, schedule: '* * * * * *' }),
    { allowed: false, field: 'spec.online', message: 'Online parameter can be specified only if the method is volumeSnapshot', count: 1 }),
  c(`${T}complains if onlineConfiguration is set on a barman backup`, scheduled({ method: 'barmanObjectStore', onlineConfiguration: {}, schedule: '* * * * * *' }),
    { allowed: false, field: 'spec.onlineConfiguration', message: 'OnlineConfiguration parameter can be specified only if the method is volumeSnapshot', count: 1 }),
];
