import { Size } from 'cdk8s';
import { webhook } from './cluster-manifest';
import { backup } from './conformance/backup.cases';
import { scheduled } from './conformance/scheduledbackup.cases';
import { newChart } from './util';
import { BackupSchedule, Cluster, ClusterImage, ClusterImageCatalog, DebianRelease, ImageType, ScheduledBackup } from '../src';
import {
  backupWebhookViolations,
  SCHEDULE_FIELD_COUNT_WARNING,
  scheduledBackupWebhookViolations,
  scheduledBackupWebhookWarnings,
  scheduleViolations,
  VOLUME_SNAPSHOT_DEADLINE_ANNOTATION,
} from '../src/rules/backup';

// The Backup and ScheduledBackup webhooks' rules (src/rules/backup.ts), called directly on manifests in wire
// format: CloudNativePG 1.30.0's BackupCustomValidator.validate (internal/webhook/v1/backup_webhook.go) and
// ScheduledBackupCustomValidator.validate (scheduledbackup_webhook.go). Upstream's own specs are in
// test/conformance/backup.cases.ts and scheduledbackup.cases.ts; the cases here are the ones those specs leave
// out (the schema default of `method`, null pointers, an empty annotation, plugin configuration), each read from
// the Go source. The rules run on any manifest the admission layer hands them, so they also answer for a
// manifest without spec or metadata instead of throwing.

const ONLINE = (value: string, methodWord: string) => webhook('spec.online',
  `online: ${value} applies to volume snapshot backups only; remove it or use method volumeSnapshot`,
  `Online parameter can be specified only if the ${methodWord} is volumeSnapshot`);
const ONLINE_CONFIGURATION = (methodWord: string) => webhook('spec.onlineConfiguration',
  'onlineConfiguration applies to volume snapshot backups only; remove it or use method volumeSnapshot',
  `OnlineConfiguration parameter can be specified only if the ${methodWord} is volumeSnapshot`);
const PLUGIN = webhook('spec.pluginConfiguration',
  'method plugin needs the plugin\'s name; set pluginConfiguration.name (e.g. "barman-cloud.cloudnative-pg.io")',
  'cannot be empty when the backup method is plugin');
const DEADLINE = (value: string) => webhook(`metadata.annotations.${VOLUME_SNAPSHOT_DEADLINE_ANNOTATION}`,
  `${JSON.stringify(value)} is not a whole number of minutes; expected an integer such as "10"`,
  'must be an integer');
const UNPARSABLE = (schedule: string, upstream: string) => webhook('spec.schedule',
  `${JSON.stringify(schedule)} is not a schedule the operator can parse; expected six fields, seconds first ("second minute hour day-of-month month day-of-week", e.g. "0 0 0 * * *" for every midnight) or a descriptor such as "@daily"`,
  upstream);

describe('BackupCustomValidator.validate (backupWebhookViolations)', () => {
  test('admits a manifest without spec, metadata or annotations (nothing to refuse), and no manifest at all', () => {
    for (const manifest of [undefined, null, {}, { kind: 'Backup' }, { metadata: {}, spec: {} }, { metadata: null, spec: null }]) {
      expect({ manifest, found: backupWebhookViolations(manifest) }).toEqual({ manifest, found: [] });
    }
  });

  // backup_webhook.go: `r.Spec.Method == BackupMethodBarmanObjectStore && r.Spec.Online != nil`, after the
  // schema default `method: barmanObjectStore` (the CRD's `default:`)
  test('refuses online and onlineConfiguration without a method: the schema default barmanObjectStore applies', () => {
    expect(backupWebhookViolations(backup({ online: false, onlineConfiguration: {} })))
      .toEqual([ONLINE('false', 'backup method'), ONLINE_CONFIGURATION('backup method')]);
  });

  test('admits online and onlineConfiguration with method volumeSnapshot (and plugin)', () => {
    for (const method of ['volumeSnapshot', 'plugin']) {
      const found = backupWebhookViolations(backup({ method, online: true, onlineConfiguration: { immediateCheckpoint: true }, pluginConfiguration: { name: 'p' } }));
      expect({ method, found }).toEqual({ method, found: [] });
    }
  });

  // Go reads `online: null` and `onlineConfiguration: null` as nil pointers: not set, nothing to refuse
  test('admits online: null and onlineConfiguration: null on a barmanObjectStore backup', () => {
    expect(backupWebhookViolations(backup({ method: 'barmanObjectStore', online: null, onlineConfiguration: null }))).toEqual([]);
    expect(backupWebhookViolations(backup({ online: null }))).toEqual([]);
    expect(backupWebhookViolations(backup({ onlineConfiguration: null }))).toEqual([]);
  });

  // backup_webhook.go: `r.Spec.Method == BackupMethodPlugin && r.Spec.PluginConfiguration.IsEmpty()`;
  // backup_funcs.go, BackupPluginConfiguration.IsEmpty: `configuration == nil || len(configuration.Name) == 0`
  test('refuses method plugin without pluginConfiguration, or with an empty or missing name', () => {
    for (const pluginConfiguration of [undefined, null, {}, { name: '' }, { parameters: { a: 'b' } }, 'barman-cloud.cloudnative-pg.io']) {
      const found = backupWebhookViolations(backup({ method: 'plugin', ...(pluginConfiguration === undefined ? {} : { pluginConfiguration }) }));
      expect({ pluginConfiguration, found }).toEqual({ pluginConfiguration, found: [PLUGIN] });
    }
  });

  test('admits method plugin with a plugin name, and no pluginConfiguration with the other methods', () => {
    expect(backupWebhookViolations(backup({ method: 'plugin', pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' } }))).toEqual([]);
    expect(backupWebhookViolations(backup({ method: 'plugin', pluginConfiguration: { name: 'x', parameters: { level: 'full' } } }))).toEqual([]);
    for (const spec of [{}, { method: 'barmanObjectStore' }, { method: 'volumeSnapshot' }]) {
      expect({ spec, found: backupWebhookViolations(backup(spec)) }).toEqual({ spec, found: [] });
    }
  });

  // backup_webhook.go: `if value := r.Annotations[BackupVolumeSnapshotDeadlineAnnotationName]; value != ""`,
  // then strconv.Atoi(value)
  test('admits an empty deadline annotation: the webhook skips it', () => {
    expect(backupWebhookViolations(backup({}, { [VOLUME_SNAPSHOT_DEADLINE_ANNOTATION]: '' }))).toEqual([]);
  });

  test('admits a deadline strconv.Atoi reads (a sign is allowed), refuses one it cannot, with the whole message', () => {
    for (const value of ['10', '+10', '-5', '0']) {
      const found = backupWebhookViolations(backup({}, { [VOLUME_SNAPSHOT_DEADLINE_ANNOTATION]: value }));
      expect({ value, found }).toEqual({ value, found: [] });
    }
    for (const value of ['not-an-integer', '10m', '1.5', ' 10', '99999999999999999999']) {
      const found = backupWebhookViolations(backup({}, { [VOLUME_SNAPSHOT_DEADLINE_ANNOTATION]: value }));
      expect({ value, found }).toEqual({ value, found: [DEADLINE(value)] });
    }
  });

  test('reports every error of one manifest, in the webhook\'s order', () => {
    expect(backupWebhookViolations(backup({ method: 'barmanObjectStore', online: true, onlineConfiguration: {} }, { [VOLUME_SNAPSHOT_DEADLINE_ANNOTATION]: 'x' })))
      .toEqual([ONLINE('true', 'backup method'), ONLINE_CONFIGURATION('backup method'), DEADLINE('x')]);
    expect(backupWebhookViolations(backup({ method: 'plugin' }, { [VOLUME_SNAPSHOT_DEADLINE_ANNOTATION]: '1h' })))
      .toEqual([PLUGIN, DEADLINE('1h')]);
  });
});

describe('ScheduledBackupCustomValidator.validate (scheduledBackupWebhookViolations)', () => {
  // scheduledbackup_webhook.go: cron.Parse(r.GetSchedule()); a missing schedule is Go's zero value "", which
  // robfig/cron refuses with "Empty spec string" (the CRD requires the field; the rule alone still answers)
  test('refuses a missing or non-string schedule as the empty one, with robfig/cron\'s error', () => {
    for (const manifest of [undefined, null, {}, { spec: null }, scheduled({}), scheduled({ schedule: 5 })]) {
      expect({ manifest, found: scheduledBackupWebhookViolations(manifest) }).toEqual({ manifest, found: [UNPARSABLE('', 'Empty spec string')] });
    }
  });

  test('refuses an unparsable schedule with robfig/cron\'s error, and admits six fields or a descriptor', () => {
    expect(scheduledBackupWebhookViolations(scheduled({ schedule: '0 0 24 * * *' }))).toEqual([UNPARSABLE('0 0 24 * * *', 'End of range (24) above maximum (23): 24')]);
    for (const schedule of ['0 0 0 * * *', '@daily', '1 2 3 4 5']) {
      expect({ schedule, found: scheduledBackupWebhookViolations(scheduled({ schedule })) }).toEqual({ schedule, found: [] });
    }
  });

  // scheduledbackup_webhook.go: the same online checks as the Backup webhook, worded "the method"
  test('refuses online and onlineConfiguration without a method (the schema default barmanObjectStore), after the schedule', () => {
    expect(scheduledBackupWebhookViolations(scheduled({ schedule: '@daily', online: true, onlineConfiguration: {} })))
      .toEqual([ONLINE('true', 'method'), ONLINE_CONFIGURATION('method')]);
    expect(scheduledBackupWebhookViolations(scheduled({ schedule: 'x', online: false })))
      .toEqual([UNPARSABLE('x', 'Expected 5 to 6 fields, found 1: x'), ONLINE('false', 'method')]);
  });

  test('admits online: null and onlineConfiguration: null, and both with method volumeSnapshot', () => {
    expect(scheduledBackupWebhookViolations(scheduled({ schedule: '@daily', online: null, onlineConfiguration: null }))).toEqual([]);
    expect(scheduledBackupWebhookViolations(scheduled({ schedule: '@daily', method: 'volumeSnapshot', online: true, onlineConfiguration: {} }))).toEqual([]);
  });

  // upstream does not check pluginConfiguration in the ScheduledBackup webhook (only the Backup one does)
  test('admits method plugin without pluginConfiguration, as the ScheduledBackup webhook does', () => {
    expect(scheduledBackupWebhookViolations(scheduled({ schedule: '@daily', method: 'plugin' }))).toEqual([]);
  });
});

describe('ScheduledBackupCustomValidator.validate warnings (scheduledBackupWebhookWarnings)', () => {
  // scheduledbackup_webhook.go: `else if len(strings.Fields(r.Spec.Schedule)) != 6`: the warning only when
  // cron.Parse succeeds; a schedule it refuses is an error, not a warning
  test('warns about a schedule that parses with other than six fields, descriptors included', () => {
    for (const schedule of ['1 2 3 4 5', '@daily', '@every 1h']) {
      const warnings = scheduledBackupWebhookWarnings(scheduled({ schedule }));
      expect({ schedule, warnings }).toEqual({ schedule, warnings: [SCHEDULE_FIELD_COUNT_WARNING] });
    }
    expect(scheduledBackupWebhookWarnings(scheduled({ schedule: '0 0 0 * * *' }))).toEqual([]);
  });

  test('returns no warning for a schedule the webhook refuses, whatever its field count', () => {
    for (const schedule of ['0 0 0 * * * 1996', '1 2 3 4', '0 0 24 * * *', '', '@weekdays']) {
      expect({ schedule, warnings: scheduledBackupWebhookWarnings(scheduled({ schedule })) }).toEqual({ schedule, warnings: [] });
    }
  });

  test('returns no warning for a manifest without a string schedule (the error says why)', () => {
    for (const manifest of [undefined, null, {}, { spec: null }, scheduled({}), scheduled({ schedule: 5 })]) {
      expect({ manifest, warnings: scheduledBackupWebhookWarnings(manifest) }).toEqual({ manifest, warnings: [] });
    }
  });
});

describe('scheduleViolations (the library\'s check of BackupSchedule.cron())', () => {
  test('refuses an expression that is not a string, at the given path', () => {
    expect(scheduleViolations(5)).toEqual([{ path: 'schedule', message: '5 is not a schedule; expected BackupSchedule.cron("0 0 0 * * *") or BackupSchedule.daily()', source: 'library' }]);
    expect(scheduleViolations(null, 'props.schedule')).toEqual([{ path: 'props.schedule', message: 'null is not a schedule; expected BackupSchedule.cron("0 0 0 * * *") or BackupSchedule.daily()', source: 'library' }]);
  });

  test('plain JavaScript: ScheduledBackup refuses BackupSchedule.cron() of a number', () => {
    const chart = newChart({ namespace: 'db' });
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    const cluster = new Cluster(chart, 'pg', { metadata: { name: 'pg' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) } });
    expect(() => new ScheduledBackup(chart, 'nightly', { cluster, schedule: BackupSchedule.cron(5 as any) })).toThrow(
      '[test/nightly] schedule: 5 is not a schedule; expected BackupSchedule.cron("0 0 0 * * *") or BackupSchedule.daily() (library)',
    );
  });

  test('admits six fields and descriptors, refuses five fields and what the operator cannot parse', () => {
    for (const expression of ['0 0 0 * * *', '@daily', '@every 1h30m']) {
      expect({ expression, found: scheduleViolations(expression) }).toEqual({ expression, found: [] });
    }
    expect(scheduleViolations('0 0 * * *').map((v) => [v.path, v.source, v.upstream])).toEqual([['schedule', 'library', SCHEDULE_FIELD_COUNT_WARNING]]);
    expect(scheduleViolations('@weekdays', 'spec.schedule')).toEqual([UNPARSABLE('@weekdays', 'Unrecognized descriptor: @weekdays')]);
  });
});
