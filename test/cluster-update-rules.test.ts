// The Cluster webhook's UPDATE rules (src/rules/cluster/update.ts), against CloudNativePG 1.30.0's
// internal/webhook/v1/cluster_webhook.go (validateClusterChanges and the validators it calls) and the cases of
// cluster_webhook_test.go.
import { cluster, webhook } from './cluster-manifest';
import {
  validateConfigurationChange, validateImageChange, validateReplicaClusterChange, validateReplicationSlotsChange,
  validateTablespacesChange, validateWalStorageChange, validateWALLevelChange,
} from '../src/rules/cluster/update';
import { webhookUpdateViolations } from '../src/rules/webhook';

const image = (tag: string) => `ghcr.io/cloudnative-pg/postgresql:${tag}`;
const withStatus = (manifest: any, status: object) => ({ ...manifest, status });

describe('validateImageChange', () => {
  const upgradeTo = (from: number, to: number) => webhook('spec.imageName',
    `an in-place major upgrade from ${from} to ${to} is not supported; upgrade to 16 or later`,
    'major upgrades are only supported to version 16 or higher');

  // cluster_webhook.go validateImageChange; cluster_webhook_test.go "complains if it can't upgrade between mayor versions"
  test('refuses a major downgrade with the major of the stored status', () => {
    const old = withStatus(cluster({ imageName: image('17.0') }), { pgDataImageInfo: { majorVersion: 17 } });
    expect(validateImageChange(cluster({ imageName: image('16.0') }), old)).toEqual([webhook('spec.imageName',
      'PostgreSQL 17 cannot go back to 16; a major downgrade needs a new Cluster restored from a logical backup',
      "can't downgrade from major 17 to 16")]);
  });

  // cluster_webhook.go validateImageChange: the old major is status.pgDataImageInfo.majorVersion, not the old spec's
  test('compares the new major with the status major, not with the old spec', () => {
    const old = withStatus(cluster({ imageName: image('18.1') }), { pgDataImageInfo: { majorVersion: 17 } });
    expect(validateImageChange(cluster({ imageName: image('16.0') }), old)).toEqual([webhook('spec.imageName',
      'PostgreSQL 17 cannot go back to 16; a major downgrade needs a new Cluster restored from a logical backup',
      "can't downgrade from major 17 to 16")]);
  });

  // cluster_webhook_test.go "doesn't complain if image change is valid"
  test('admits a minor change within the same major', () => {
    const old = withStatus(cluster({ imageName: image('17.1') }), { pgDataImageInfo: { majorVersion: 17 } });
    expect(validateImageChange(cluster({ imageName: image('17.0') }), old)).toEqual([]);
  });

  // cluster_webhook.go validateImageChange: `oldVersion < newVersion && newVersion < 16`
  test('refuses a major upgrade to a major below 16', () => {
    const old = withStatus(cluster({ imageName: image('14.1') }), { pgDataImageInfo: { majorVersion: 14 } });
    expect(validateImageChange(cluster({ imageName: image('15.2') }), old)).toEqual([upgradeTo(14, 15)]);
    expect(validateImageChange(cluster({ imageName: image('15.2') }), cluster({ imageName: image('13.4') }))).toEqual([upgradeTo(13, 15)]);
  });

  // cluster_webhook.go validateImageChange: 16 is the first major an in-place upgrade may reach
  test('admits a major upgrade to 16, and staying on a major below 16', () => {
    expect(validateImageChange(cluster({ imageName: image('16.0') }), cluster({ imageName: image('15.2') }))).toEqual([]);
    expect(validateImageChange(cluster({ imageName: image('14.3') }), cluster({ imageName: image('14.1') }))).toEqual([]);
  });

  // cluster_webhook.go validateImageChange: with PGDataImageInfo nil upstream has nothing to compare; the
  // library then compares with the old spec's major (see update.ts)
  test('uses the old spec major when the status has no image info', () => {
    const old = withStatus(cluster({ imageName: image('15.2') }), {});
    expect(validateImageChange(cluster({ imageName: image('14.1') }), old)).toEqual([webhook('spec.imageName',
      'PostgreSQL 15 cannot go back to 14; a major downgrade needs a new Cluster restored from a logical backup',
      "can't downgrade from major 15 to 14")]);
    // a missing stored object stands for the operator's default image (PostgreSQL 18)
    expect(validateImageChange(cluster(), undefined)).toEqual([]);
  });
});

describe('validateConfigurationChange', () => {
  const switchover = (tag: string, parameters: object) => cluster({ imageName: image(tag), primaryUpdateMethod: 'switchover', postgresql: { parameters } });

  // cluster_webhook_test.go "complains when changing image and settings simultaneously if PrimaryUpdateMethodSwitchover"
  test('refuses an image and parameter change together under switchover, listing the changed keys sorted', () => {
    const old = cluster({ imageName: image('18.5'), postgresql: { parameters: { work_mem: '4MB', shared_buffers: '1GB', max_connections: '100' } } });
    const next = switchover('18.6', { shared_buffers: '1GB', max_connections: '200', work_mem: '8MB' });
    expect(validateConfigurationChange(next, old)).toEqual([webhook('spec.imageName',
      'the image and parameters max_connections, work_mem change together while primaryUpdateMethod is switchover; change them in two steps',
      "Can't change image name and configuration at the same time when `primaryUpdateMethod` is set to `switchover`. "
      + 'There are differences in PostgreSQL configuration parameters: {"max_connections":["100","200"],"work_mem":["4MB","8MB"]}')]);
  });

  // cluster_webhook.go validateConfigurationChange (utils.CollectDifferencesFromMaps covers removed and added keys)
  test('lists keys removed from the old parameters and added in the new ones', () => {
    const old = cluster({ imageName: image('18.5'), postgresql: { parameters: { work_mem: '4MB' } } });
    expect(validateConfigurationChange(switchover('18.6', { max_connections: '200' }), old)).toEqual([webhook('spec.imageName',
      'the image and parameters max_connections, work_mem change together while primaryUpdateMethod is switchover; change them in two steps',
      "Can't change image name and configuration at the same time when `primaryUpdateMethod` is set to `switchover`. "
      + 'There are differences in PostgreSQL configuration parameters: {"max_connections":["","200"],"work_mem":["4MB",""]}')]);
  });

  // cluster_webhook.go validateConfigurationChange: only `imageName changed && switchover` is checked
  test('admits a parameter change without an image change, without switchover, or an image change alone', () => {
    const old = cluster({ imageName: image('18.5'), postgresql: { parameters: { work_mem: '4MB' } } });
    expect(validateConfigurationChange(switchover('18.5', { work_mem: '8MB' }), old)).toEqual([]);
    expect(validateConfigurationChange(cluster({ imageName: image('18.6'), primaryUpdateMethod: 'restart', postgresql: { parameters: { work_mem: '8MB' } } }), old)).toEqual([]);
    expect(validateConfigurationChange(switchover('18.6', { work_mem: '4MB' }), old)).toEqual([]);
  });
});

describe('validateWalStorageChange', () => {
  // cluster_webhook.go validateWalStorageChange
  test('refuses removing walStorage', () => {
    expect(validateWalStorageChange(cluster(), cluster({ walStorage: { size: '1Gi' } }))).toEqual([webhook('spec.walStorage',
      'walStorage is removed; a WAL volume cannot be removed once configured', 'walStorage cannot be disabled once configured')]);
  });

  // cluster_webhook.go validateWalStorageChange -> validateStorageConfigurationChange
  test('refuses shrinking walStorage and admits growing it or adding it', () => {
    expect(validateWalStorageChange(cluster({ walStorage: { size: '1Gi' } }), cluster({ walStorage: { size: '2Gi' } }))).toEqual([webhook('spec.walStorage',
      'the volume would shrink from 2Gi to 1Gi; volumes can only grow', "can't shrink existing storage from 2Gi to 1Gi")]);
    expect(validateWalStorageChange(cluster({ walStorage: { size: '3Gi' } }), cluster({ walStorage: { size: '2Gi' } }))).toEqual([]);
    expect(validateWalStorageChange(cluster({ walStorage: { size: '3Gi' } }), cluster())).toEqual([]);
  });

  // cluster_webhook.go validateStorageConfigurationChange reads the size of a pvcTemplate (GetSizeOrNil)
  test('refuses shrinking a pvcTemplate volume, showing its requests', () => {
    const pvc = (storage: string) => ({ pvcTemplate: { resources: { requests: { storage } } } });
    expect(validateWalStorageChange(cluster({ walStorage: pvc('5Gi') }), cluster({ walStorage: pvc('10Gi') }))).toEqual([webhook('spec.walStorage',
      'the volume would shrink from 10Gi to 5Gi; volumes can only grow', "can't shrink existing storage from 10Gi to 5Gi")]);
  });

  // cluster_webhook.go validateStorageConfigurationChange: a pvcTemplate without a storage request is size 0
  test('refuses replacing a sized volume with a pvcTemplate that requests no storage', () => {
    const old = cluster({ walStorage: { pvcTemplate: { resources: { requests: { storage: '10Gi' } } } } });
    for (const pvcTemplate of [{}, { resources: {} }, { resources: { requests: {} } }]) {
      expect(validateWalStorageChange(cluster({ walStorage: { pvcTemplate } }), old)).toEqual([webhook('spec.walStorage',
        'the volume would shrink from 10Gi to 0; volumes can only grow', "can't shrink existing storage from 10Gi to 0")]);
    }
  });
});

describe('validateTablespacesChange', () => {
  // cluster_webhook.go validateTablespacesChange (r.GetTablespaceConfiguration(name)); entries without a name
  // or null entries match by the empty name
  test('matches tablespaces by name and tolerates null entries', () => {
    const ts = (size: string) => ({ name: 'ts', storage: { size } });
    expect(validateTablespacesChange(cluster({ tablespaces: [null, ts('2Gi')] }), cluster({ tablespaces: [ts('2Gi')] }))).toEqual([]);
    expect(validateTablespacesChange(cluster({ tablespaces: [{}] }), cluster({ tablespaces: [null] }))).toEqual([]);
    expect(validateTablespacesChange(cluster({ tablespaces: [] }), cluster({ tablespaces: [null] }))).toEqual([webhook('spec.tablespaces[0]',
      'tablespace undefined is removed; tablespaces cannot be removed once created', 'no tablespace can be deleted once created')]);
  });
});

describe('validateReplicationSlotsChange', () => {
  // cluster_webhook_test.go "prevents changing the slot prefix while replication slots are enabled"; an unset
  // highAvailability is enabled (GetEnabled on nil) with an empty prefix
  test('refuses setting a prefix when the old highAvailability section was unset', () => {
    const old = cluster({ replicationSlots: { synchronizeReplicas: { enabled: true } } });
    const next = cluster({ replicationSlots: { highAvailability: { slotPrefix: 'x_' }, synchronizeReplicas: { enabled: true } } });
    expect(validateReplicationSlotsChange(next, old)).toEqual([webhook('spec.replicationSlots.highAvailability.slotPrefix',
      'the slot prefix changes from "" to "x_" while HA slots are enabled; disable them first',
      'Cannot change replication slot prefix while highAvailability is enabled')]);
  });

  // cluster_webhook_test.go "prevents removing the replication slot section when highAvailability is enabled"
  test('refuses removing the highAvailability section while it is enabled', () => {
    const old = cluster({ replicationSlots: { highAvailability: { enabled: true }, synchronizeReplicas: { enabled: false } } });
    const next = cluster({ replicationSlots: { synchronizeReplicas: { enabled: false } } });
    expect(validateReplicationSlotsChange(next, old)).toEqual([webhook('spec.replicationSlots.highAvailability',
      'spec.replicationSlots.highAvailability is removed while highAvailability is enabled; disable it first (enabled: false) so that the operator removes the slots',
      'Cannot remove spec.replicationSlots.highAvailability section while highAvailability is enabled')]);
  });
});

describe('validateWALLevelChange', () => {
  const walLevel = (level?: string) => cluster({ instances: 1, postgresql: { parameters: { max_wal_senders: '0', ...(level ? { wal_level: level } : {}) } } });

  // cluster_webhook_test.go "should disallow changing wal_level to minimal for existing clusters"
  test('refuses moving from replica to minimal', () => {
    expect(validateWALLevelChange(walLevel('minimal'), walLevel('replica'))).toEqual([webhook('spec.postgresql.parameters.wal_level',
      'wal_level changes from "replica" to "minimal"; an existing cluster keeps replica or logical',
      'Change of `wal_level` to `minimal` not allowed on an existing cluster (from replica)')]);
  });

  // cluster_webhook_test.go "should disallow changing wal_level to minimal for existing clusters" (the old
  // cluster is defaulted there, so its wal_level is set; an unset one is `len(oldWALLevel) > 0` false)
  test('admits minimal when the old wal_level was unset', () => {
    expect(validateWALLevelChange(walLevel('minimal'), walLevel())).toEqual([]);
  });

  // cluster_webhook_test.go "should allow retaining wal_level to minimal for existing clusters"
  test('admits keeping minimal and moving between replica and logical', () => {
    expect(validateWALLevelChange(walLevel('minimal'), walLevel('minimal'))).toEqual([]);
    expect(validateWALLevelChange(walLevel('logical'), walLevel('replica'))).toEqual([]);
  });
});

describe('validateReplicaClusterChange', () => {
  const replica = (enabled: boolean, status?: object) => ({ ...cluster({ replica: { enabled, source: 'origin' } }), ...(status ? { status } : {}) });

  // cluster_webhook.go validateReplicaClusterChange
  test('refuses flipping the replica role during a replica switchover', () => {
    expect(validateReplicaClusterChange(replica(false, { switchReplicaClusterStatus: { inProgress: true } }), replica(true))).toEqual([webhook('spec.replica.enabled',
      'the replica role changes while a replica switchover is in progress; wait for it to finish',
      'cannot modify the field while there is an ongoing operation to enable the replica cluster')]);
  });

  // cluster_webhook.go validateReplicaClusterChange: `r.IsReplica() == old.IsReplica()` returns first, then InProgress
  test('admits flipping without a switchover in progress, and keeping the role during one', () => {
    expect(validateReplicaClusterChange(replica(false), replica(true))).toEqual([]);
    expect(validateReplicaClusterChange(replica(false, {}), replica(true))).toEqual([]);
    expect(validateReplicaClusterChange(replica(false, { switchReplicaClusterStatus: {} }), replica(true))).toEqual([]);
    expect(validateReplicaClusterChange(replica(true, { switchReplicaClusterStatus: { inProgress: true } }), replica(true))).toEqual([]);
    expect(validateReplicaClusterChange(undefined, replica(true))).toEqual([]);
  });
});

describe('webhookUpdateViolations', () => {
  // cluster_webhook.go validateClusterChanges (after the defaults of both sides)
  test('reports the update rules of a Cluster and admits an unchanged one', () => {
    const old = cluster({ walStorage: { size: '1Gi' } });
    expect(webhookUpdateViolations(old, cluster())).toEqual([webhook('spec.walStorage',
      'walStorage is removed; a WAL volume cannot be removed once configured', 'walStorage cannot be disabled once configured')]);
    expect(webhookUpdateViolations(old, old)).toEqual([]);
  });
});
