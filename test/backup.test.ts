import { Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import {
  Backup,
  BackupMethod,
  BackupOwnerReference,
  BackupSchedule,
  BackupTarget,
  Cluster,
  ClusterImage,
  ClusterImageCatalog,
  CnpgValidation,
  DebianRelease,
  ImageType,
  ObjectStore,
  ObjectStoreCredentials,
  ScheduledBackup,
} from '../src';
import { newChart, synthErrors } from './util';

/** A chart with an ObjectStore and a Cluster `pg` archiving to it (or without Barman Cloud). */
function platform(withBarman = true, namespace = 'db') {
  const chart = newChart({ namespace });
  const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
  const store = new ObjectStore(chart, 'store', { metadata: { name: 'backups' }, destinationPath: 's3://b/pg', credentials: ObjectStoreCredentials.s3InheritFromIamRole() });
  const cluster = new Cluster(chart, 'pg', {
    metadata: { name: 'pg' },
    image: ClusterImage.fromCatalog(catalog, 18),
    storage: { size: Size.gibibytes(1) },
    barmanCloud: withBarman ? { objectStore: store } : undefined,
  });
  return { chart, cluster, store };
}

const ofKind = (chart: Chart, kind: string) => Testing.synth(chart).filter((m: any) => m.kind === kind);

describe('ScheduledBackup', () => {
  test('nightly through the Barman Cloud plugin (the default method)', () => {
    const { chart, cluster } = platform();
    cluster.addScheduledBackup('nightly', { metadata: { name: 'pg-nightly' }, schedule: BackupSchedule.daily(2, 30) });
    const [scheduled] = ofKind(chart, 'ScheduledBackup');
    expect(scheduled).toMatchSnapshot();
    expect(scheduled).toStrictEqual({
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'ScheduledBackup',
      metadata: { name: 'pg-nightly', namespace: 'db' },
      spec: { cluster: { name: 'pg' }, schedule: '0 30 2 * * *', method: 'plugin', pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' } },
    });
    expect(CnpgValidation.validateManifest(scheduled)).toEqual([]);
  });

  test('volume snapshots, with every option', () => {
    const { chart, cluster } = platform();
    new ScheduledBackup(chart, 'snap', {
      metadata: { name: 'pg-snapshots' },
      cluster,
      schedule: BackupSchedule.cron('0 0 */6 * * *'),
      method: BackupMethod.volumeSnapshot({ online: true, immediateCheckpoint: true, waitForArchive: false }),
      immediate: true,
      suspend: false,
      backupOwnerReference: BackupOwnerReference.SELF,
      target: BackupTarget.PRIMARY,
    });
    const [scheduled] = ofKind(chart, 'ScheduledBackup');
    expect(scheduled).toMatchSnapshot();
    expect(scheduled.spec).toStrictEqual({
      cluster: { name: 'pg' },
      schedule: '0 0 */6 * * *',
      method: 'volumeSnapshot',
      online: true,
      onlineConfiguration: { immediateCheckpoint: true, waitForArchive: false },
      immediate: true,
      suspend: false,
      backupOwnerReference: 'self',
      target: 'primary',
    });
    expect(CnpgValidation.validateManifest(scheduled)).toEqual([]);
  });

  test('another plugin, with parameters', () => {
    const chart = newChart({ namespace: 'db' });
    const cluster = Cluster.fromClusterName(chart, 'pg', 'pg', 'db');
    new ScheduledBackup(chart, 'other', { metadata: { name: 'pg-other' }, cluster, schedule: BackupSchedule.cron('@daily'), method: BackupMethod.plugin('backup.example.com', { level: 'full' }) });
    const [scheduled] = ofKind(chart, 'ScheduledBackup');
    expect(scheduled.spec).toStrictEqual({
      cluster: { name: 'pg' }, schedule: '@daily', method: 'plugin', pluginConfiguration: { name: 'backup.example.com', parameters: { level: 'full' } },
    });
  });

  test('schedules: cron, daily, every', () => {
    expect([BackupSchedule.cron('0 0 0 * * 0').expression, BackupSchedule.daily().expression, BackupSchedule.every(Duration.hours(6)).expression])
      .toEqual(['0 0 0 * * 0', '0 0 0 * * *', '@every 21600s']);
  });

  test('five fields are refused, showing how the operator reads them and the six-field form', () => {
    const { cluster } = platform();
    expect(() => cluster.addScheduledBackup('nightly', { schedule: BackupSchedule.cron('0 0 * * *') })).toThrow(
      '[test/pg/nightly] schedule: "0 0 * * *" has five fields: the operator reads them seconds first ("second minute hour day-of-month month"), i.e. "0 0 * * * *", not as a Kubernetes CronJob\'s "minute hour day-of-month month day-of-week". For the CronJob meaning write "0 0 0 * * *"; for the operator\'s, "0 0 * * * *" (the library\'s own check: the operator admits five fields with a warning) (library: "Schedule parameter may not have the right number of arguments (usually six arguments are needed)")',
    );
  });

  test('a schedule the operator cannot parse is refused with robfig/cron\'s error', () => {
    const { cluster } = platform();
    expect(() => cluster.addScheduledBackup('nightly', { schedule: BackupSchedule.daily(24) })).toThrow(
      '[test/pg/nightly] schedule: "0 0 24 * * *" is not a schedule the operator can parse; expected six fields, seconds first ("second minute hour day-of-month month day-of-week", e.g. "0 0 0 * * *" for every midnight) or a descriptor such as "@daily" (webhook: "End of range (24) above maximum (23): 24")',
    );
  });

  test('plain JavaScript: a string schedule, a method, an owner reference or a target that is not one', () => {
    const { chart, cluster } = platform();
    let n = 0;
    const make = (props: object) => () => new ScheduledBackup(chart, `x${n++}`, { cluster, schedule: BackupSchedule.daily(), ...props } as any);
    expect(make({ schedule: '0 0 0 * * *' })).toThrow('[test/x0] schedule: "0 0 0 * * *" is not a BackupSchedule; expected BackupSchedule.cron("0 0 0 * * *") or BackupSchedule.daily() (library)');
    expect(make({ method: 'plugin' })).toThrow('method: "plugin" is not a BackupMethod; expected BackupMethod.barmanCloud(), BackupMethod.plugin(name) or BackupMethod.volumeSnapshot() (library)');
    expect(make({ backupOwnerReference: 'backup' })).toThrow('backupOwnerReference: "backup" is not accepted; expected one of none, self, cluster (CRD schema)');
    expect(make({ target: 'standby' })).toThrow('target: "standby" is not a backup target; expected one of primary, prefer-standby (CRD schema)');
    expect(make({ method: BackupMethod.plugin('') })).toThrow('method: "" is not a plugin name; expected e.g. "barman-cloud.cloudnative-pg.io" (webhook: "cannot be empty when the backup method is plugin")');
  });

  test('a Barman Cloud backup of a Cluster without the plugin is reported at synth', () => {
    const { chart, cluster } = platform(false);
    cluster.addScheduledBackup('nightly', { metadata: { name: 'pg-nightly' }, schedule: BackupSchedule.daily() });
    expect(synthErrors(chart)).toContain(
      '[test/pg/nightly] method: Cluster "pg" does not enable the plugin "barman-cloud.cloudnative-pg.io" (it enables none); set barmanCloud: { objectStore } on the Cluster, or every backup would fail (operator)',
    );
  });

  test('a backup outside its Cluster\'s namespace is reported at synth', () => {
    const { chart, cluster } = platform();
    new ScheduledBackup(chart, 'nightly', { metadata: { name: 'pg-nightly', namespace: 'other' }, cluster, schedule: BackupSchedule.daily() });
    expect(synthErrors(chart)).toContain(
      '[test/nightly] cluster: the ScheduledBackup is in namespace "other" but Cluster "pg" is in "db"; a ScheduledBackup must be in its Cluster\'s namespace (operator)',
    );
  });

  test('the webhook runs at synth on the manifest as written, even with cnpg.io/validation: disabled', () => {
    const { chart, cluster } = platform();
    const scheduled = cluster.addScheduledBackup('nightly', { metadata: { name: 'pg-nightly', annotations: { 'cnpg.io/validation': 'disabled' } }, schedule: BackupSchedule.daily() });
    scheduled.apiObject.addJsonPatch(JsonPatch.replace('/spec/schedule', '0 0 0 * * * *'));
    expect(synthErrors(chart)).toContain('spec.schedule: "0 0 0 * * * *" is not a schedule the operator can parse');
  });
});

describe('Backup', () => {
  test.each([
    ['Barman Cloud (the default)', undefined, { method: 'plugin', pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' } }],
    ['volume snapshot', BackupMethod.volumeSnapshot(), { method: 'volumeSnapshot' }],
    ['cold volume snapshot', BackupMethod.volumeSnapshot({ online: false }), { method: 'volumeSnapshot', online: false }],
  ])('%s', (_name, method, expected) => {
    const { chart, cluster } = platform();
    new Backup(chart, 'now', { metadata: { name: 'pg-now' }, cluster, method, target: BackupTarget.PREFER_STANDBY });
    const [backup] = ofKind(chart, 'Backup');
    expect(backup).toMatchSnapshot();
    expect(backup.spec).toStrictEqual({ cluster: { name: 'pg' }, ...expected, target: 'prefer-standby' });
    expect(CnpgValidation.validateManifest(backup)).toEqual([]);
  });

  test('a plain-JavaScript method is refused', () => {
    const { chart, cluster } = platform();
    expect(() => new Backup(chart, 'now', { cluster, method: 'volumeSnapshot' as any })).toThrow('[test/now] method: "volumeSnapshot" is not a BackupMethod');
  });

  test('a plugin the Cluster does not enable is reported at synth', () => {
    const { chart, cluster } = platform();
    new Backup(chart, 'now', { metadata: { name: 'pg-now' }, cluster, method: BackupMethod.plugin('backup.example.com') });
    expect(synthErrors(chart)).toContain(
      '[test/now] method: Cluster "pg" does not enable the plugin "backup.example.com" (it enables "barman-cloud.cloudnative-pg.io"); add the plugin to the Cluster\'s plugins, or every backup would fail (operator)',
    );
  });

  test('a deadline annotation that is not an integer is refused at synth with the webhook\'s message', () => {
    const { chart, cluster } = platform();
    new Backup(chart, 'now', { metadata: { name: 'pg-now', annotations: { 'cnpg.io/volumeSnapshotDeadline': '10m' } }, cluster, method: BackupMethod.volumeSnapshot() });
    expect(synthErrors(chart)).toContain(
      '[test/now] metadata.annotations.cnpg.io/volumeSnapshotDeadline: "10m" is not a whole number of minutes; expected an integer such as "10" (webhook: "must be an integer")',
    );
  });

  test('a Backup of a Cluster managed elsewhere is not checked for plugins', () => {
    const chart = newChart({ namespace: 'db' });
    new Backup(chart, 'now', { metadata: { name: 'legacy-now' }, cluster: Cluster.fromClusterName(chart, 'legacy', 'legacy', 'db') });
    expect(synthErrors(chart)).toBe('');
  });
});

describe('backup cluster reference', () => {
  test('a Cluster given as a string is refused, naming the factory to use', () => {
    const chart = newChart();
    expect(() => new Backup(chart, 'now', { cluster: 'pg' as any })).toThrow(
      '[test/now] cluster: "pg" is a string; expected a Cluster construct or Cluster.fromClusterName(scope, id, "pg") (library)',
    );
    expect(() => new ScheduledBackup(chart, 'nightly', { cluster: undefined as any, schedule: BackupSchedule.daily() })).toThrow(
      '[test/nightly] cluster: is missing; expected a Cluster construct or Cluster.fromClusterName(scope, id, name) (library)',
    );
  });
});
