import { cronParseError } from './cron';
import { goAtoiResult, goFields } from './go';
import { show, Violation } from '../common/errors';
import { isObject } from '../common/json';

// CloudNativePG 1.30.0's validating webhooks for Backup (internal/webhook/v1/backup_webhook.go) and
// ScheduledBackup (scheduledbackup_webhook.go), as rules over a manifest in wire format, after the schema
// defaults (`spec.method` defaults to barmanObjectStore). `upstream` quotes the webhook.
//
// Not replayed: both webhooks refuse `method: volumeSnapshot` when the VolumeSnapshot CRD is not installed
// in the Kubernetes cluster (`utils.HaveVolumeSnapshot()`), which a manifest cannot tell.

const W = 'webhook' as const;

/** The annotation that sets a volume snapshot backup's failure deadline, in minutes. */
export const VOLUME_SNAPSHOT_DEADLINE_ANNOTATION = 'cnpg.io/volumeSnapshotDeadline';

/** The method a backup uses after the schema default. */
function methodOf(spec: any): unknown {
  return spec?.method ?? 'barmanObjectStore';
}

/** `online` and `onlineConfiguration` only for volume snapshots (the two webhooks word it differently). */
function onlineViolations(spec: any, methodWord: string): Violation[] {
  if (methodOf(spec) !== 'barmanObjectStore') return [];
  const out: Violation[] = [];
  if (spec?.online !== undefined && spec?.online !== null) {
    out.push({
      path: 'spec.online',
      message: `online: ${show(spec.online)} applies to volume snapshot backups only; remove it or use method volumeSnapshot`,
      source: W,
      upstream: `Online parameter can be specified only if the ${methodWord} is volumeSnapshot`,
    });
  }
  if (spec?.onlineConfiguration !== undefined && spec?.onlineConfiguration !== null) {
    out.push({
      path: 'spec.onlineConfiguration',
      message: 'onlineConfiguration applies to volume snapshot backups only; remove it or use method volumeSnapshot',
      source: W,
      upstream: `OnlineConfiguration parameter can be specified only if the ${methodWord} is volumeSnapshot`,
    });
  }
  return out;
}

/** The Backup webhook's errors for one manifest. */
export function backupWebhookViolations(backup: any): Violation[] {
  const spec = backup?.spec;
  const out = onlineViolations(spec, 'backup method');
  const plugin = spec?.pluginConfiguration;
  if (methodOf(spec) === 'plugin' && !(isObject(plugin) && typeof plugin.name === 'string' && plugin.name !== '')) {
    out.push({
      path: 'spec.pluginConfiguration',
      message: 'method plugin needs the plugin\'s name; set pluginConfiguration.name (e.g. "barman-cloud.cloudnative-pg.io")',
      source: W,
      upstream: 'cannot be empty when the backup method is plugin',
    });
  }
  const deadline = backup?.metadata?.annotations?.[VOLUME_SNAPSHOT_DEADLINE_ANNOTATION];
  if (typeof deadline === 'string' && deadline !== '' && 'error' in goAtoiResult(deadline)) {
    out.push({
      path: `metadata.annotations.${VOLUME_SNAPSHOT_DEADLINE_ANNOTATION}`,
      message: `${show(deadline)} is not a whole number of minutes; expected an integer such as "10"`,
      source: W,
      upstream: 'must be an integer',
    });
  }
  return out;
}

/** The ScheduledBackup webhook's errors for one manifest. */
export function scheduledBackupWebhookViolations(scheduled: any): Violation[] {
  const spec = scheduled?.spec;
  const out: Violation[] = [];
  const schedule = typeof spec?.schedule === 'string' ? spec.schedule : '';
  const error = cronParseError(schedule);
  if (error !== undefined) {
    out.push({
      path: 'spec.schedule',
      message: `${show(schedule)} is not a schedule the operator can parse; expected six fields, seconds first ("second minute hour day-of-month month day-of-week", e.g. "0 0 0 * * *" for every midnight) or a descriptor such as "@daily"`,
      source: W,
      upstream: error,
    });
  }
  out.push(...onlineViolations(spec, 'method'));
  return out;
}

/** The warning the ScheduledBackup webhook returns for a schedule that parses but has not six fields. */
export const SCHEDULE_FIELD_COUNT_WARNING = 'Schedule parameter may not have the right number of arguments (usually six arguments are needed)';

/** The warnings the ScheduledBackup webhook returns with an accepted manifest. */
export function scheduledBackupWebhookWarnings(scheduled: any): string[] {
  const schedule = scheduled?.spec?.schedule;
  if (typeof schedule !== 'string' || cronParseError(schedule) !== undefined) return [];
  return goFields(schedule).length !== 6 ? [SCHEDULE_FIELD_COUNT_WARNING] : [];
}

/**
 * The library's own check of a schedule written with `BackupSchedule.cron()`: what the webhook refuses, and
 * five fields, which the operator admits with a warning but reads SECONDS FIRST. "0 0 * * *" (a CronJob's
 * every midnight) runs at minute 0 of every hour; the message shows both readings and the six-field form.
 */
export function scheduleViolations(expression: unknown, path = 'schedule'): Violation[] {
  if (typeof expression !== 'string') {
    return [{ path, message: `${show(expression)} is not a schedule; expected BackupSchedule.cron("0 0 0 * * *") or BackupSchedule.daily()`, source: 'library' }];
  }
  const error = cronParseError(expression);
  if (error !== undefined) {
    return [{
      path,
      message: `${show(expression)} is not a schedule the operator can parse; expected six fields, seconds first ("second minute hour day-of-month month day-of-week", e.g. "0 0 0 * * *" for every midnight) or a descriptor such as "@daily"`,
      source: W,
      upstream: error,
    }];
  }
  const fields = goFields(expression);
  if (fields.length === 5) {
    const asOperator = `${fields.join(' ')} *`;
    const asCronJob = `0 ${fields.join(' ')}`;
    return [{
      path,
      message: `${show(expression)} has five fields: the operator reads them seconds first ("second minute hour day-of-month month"), i.e. ${show(asOperator)}, not as a Kubernetes CronJob's "minute hour day-of-month month day-of-week". For the CronJob meaning write ${show(asCronJob)}; for the operator's, ${show(asOperator)} (the library's own check: the operator admits five fields with a warning)`,
      source: 'library',
      upstream: SCHEDULE_FIELD_COUNT_WARNING,
    }];
  }
  return [];
}
