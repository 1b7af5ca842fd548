import { ClusterManifest, clusterMajor, isReplica, isSet, list, parametersOf, specOf, str, violation as v } from './common';
import { storageSize } from './configuration';
import { show, Violation } from '../../common/errors';

// The Cluster webhook's update rules (`validateClusterChanges`, internal/webhook/v1/cluster_webhook.go,
// CloudNativePG 1.30.0): what it refuses when a new version replaces the stored one. Neither the constructs
// nor `validate` see a stored object: `plan` uses these with both sides (each after the operator's defaults).

/**
 * `validateImageChange`: no major downgrade, and major upgrades only to 16 or later. The old major is the
 * stored object's `status.pgDataImageInfo.majorVersion`; without a status (a plan compares two manifests),
 * the major of its spec stands in for it.
 */
export function validateImageChange(next: ClusterManifest, old: ClusterManifest): Violation[] {
  const path = isSet(specOf(next).imageCatalogRef) ? 'spec.imageCatalogRef.major' : 'spec.imageName';
  const newMajor = clusterMajor(next);
  if (newMajor === undefined) return [];
  const status = old?.status?.pgDataImageInfo?.majorVersion;
  const oldMajor = typeof status === 'number' ? status : clusterMajor(old);
  if (oldMajor === undefined) return [];
  const out: Violation[] = [];
  if (oldMajor > newMajor) out.push(v(path, `PostgreSQL ${oldMajor} cannot go back to ${newMajor}; a major downgrade needs a new Cluster restored from a logical backup`, `can't downgrade from major ${oldMajor} to ${newMajor}`));
  if (oldMajor < newMajor && newMajor < 16) out.push(v(path, `an in-place major upgrade from ${oldMajor} to ${newMajor} is not supported; upgrade to 16 or later`, 'major upgrades are only supported to version 16 or higher'));
  return out;
}

/** `CollectDifferencesFromMaps`: the keys whose values differ, with both values. */
function parameterDifferences(a: { [k: string]: unknown }, b: { [k: string]: unknown }): { [k: string]: [string, string] } {
  const out: { [k: string]: [string, string] } = {};
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (a[k] !== b[k]) out[k] = [str(a[k]), str(b[k])];
  }
  return out;
}

/** `validateConfigurationChange`: with switchover, not the image and the parameters at once. */
export function validateConfigurationChange(next: ClusterManifest, old: ClusterManifest): Violation[] {
  if (str(specOf(old).imageName) === str(specOf(next).imageName) || specOf(next).primaryUpdateMethod !== 'switchover') return [];
  const diff = parameterDifferences(parametersOf(old), parametersOf(next));
  if (Object.keys(diff).length === 0) return [];
  return [v('spec.imageName', `the image and parameters ${Object.keys(diff).join(', ')} change together while primaryUpdateMethod is switchover; change them in two steps`,
    `Can't change image name and configuration at the same time when \`primaryUpdateMethod\` is set to \`switchover\`. There are differences in PostgreSQL configuration parameters: ${JSON.stringify(diff)}`)];
}

/** `validateStorageConfigurationChange`: no shrinking. */
function storageChange(path: string, oldStorage: any, newStorage: any): Violation[] {
  const oldSize = storageSize(oldStorage);
  const newSize = storageSize(newStorage);
  if (oldSize === undefined || newSize === undefined || oldSize <= newSize) return [];
  // a pvcTemplate without a storage request is the zero quantity, which the operator prints as 0
  const text = (storage: any) => str(storage?.size) || String(storage?.pvcTemplate?.resources?.requests?.storage ?? '0');
  return [v(path, `the volume would shrink from ${text(oldStorage)} to ${text(newStorage)}; volumes can only grow`, `can't shrink existing storage from ${text(oldStorage)} to ${text(newStorage)}`)];
}

/** `validateStorageChange`. */
export function validateStorageChange(next: ClusterManifest, old: ClusterManifest): Violation[] {
  return storageChange('spec.storage', specOf(old).storage, specOf(next).storage);
}

/** `validateWalStorageChange`: not removed, not shrunk. */
export function validateWalStorageChange(next: ClusterManifest, old: ClusterManifest): Violation[] {
  const was = specOf(old).walStorage;
  if (!isSet(was)) return [];
  const now = specOf(next).walStorage;
  if (!isSet(now)) return [v('spec.walStorage', 'walStorage is removed; a WAL volume cannot be removed once configured', 'walStorage cannot be disabled once configured')];
  return storageChange('spec.walStorage', was, now);
}

/** `validateTablespacesChange`: no tablespace removed, none shrunk. */
export function validateTablespacesChange(next: ClusterManifest, old: ClusterManifest): Violation[] {
  const was = specOf(old).tablespaces;
  if (!isSet(was)) return [];
  const now = specOf(next).tablespaces;
  if (!isSet(now)) return [v('spec.tablespaces', 'the tablespaces section is removed; tablespaces cannot be removed once created', 'tablespaces section cannot be deleted once created')];
  const out: Violation[] = [];
  list(was).forEach((t, i) => {
    const found = list(now).find((n) => str(n?.name) === str(t?.name));
    if (found) out.push(...storageChange(`spec.tablespaces[${i}]`, t?.storage, found.storage));
    else out.push(v(`spec.tablespaces[${i}]`, `tablespace ${show(t?.name)} is removed; tablespaces cannot be removed once created`, 'no tablespace can be deleted once created'));
  });
  return out;
}

/** `validateUnixPermissionIdentifierChange`: postgresUID and postgresGID are immutable. */
export function validateUnixPermissionIdentifierChange(next: ClusterManifest, old: ClusterManifest): Violation[] {
  const out: Violation[] = [];
  for (const [field, label] of [['postgresGID', 'GID'], ['postgresUID', 'UID']]) {
    const a = specOf(old)[field] ?? 0;
    const b = specOf(next)[field] ?? 0;
    if (a !== b) out.push(v(`spec.${field}`, `${field} changes from ${a} to ${b}; it is fixed when the Cluster is created`, `${label} is an immutable field in the spec`));
  }
  return out;
}

function haEnabled(slots: any): boolean {
  return !(isSet(slots?.highAvailability) && slots.highAvailability.enabled === false);
}

function syncEnabled(slots: any): boolean {
  return !(isSet(slots?.synchronizeReplicas) && slots.synchronizeReplicas.enabled === false);
}

/** `validateReplicationSlotsChange`: disable before removing; keep the prefix while HA slots are on. */
export function validateReplicationSlotsChange(next: ClusterManifest, old: ClusterManifest): Violation[] {
  const was = specOf(old).replicationSlots;
  const now = specOf(next).replicationSlots;
  if (!isSet(was)) return [];
  const out: Violation[] = [];
  if (haEnabled(was)) {
    if (!isSet(now) || !isSet(now.highAvailability)) {
      const path = isSet(now) ? 'spec.replicationSlots.highAvailability' : 'spec.replicationSlots';
      out.push(v(path, `${path} is removed while highAvailability is enabled; disable it first (enabled: false) so that the operator removes the slots`, `Cannot remove ${path} section while highAvailability is enabled`));
    } else if (str(was.highAvailability?.slotPrefix) !== str(now.highAvailability.slotPrefix)) {
      out.push(v('spec.replicationSlots.highAvailability.slotPrefix', `the slot prefix changes from ${show(str(was.highAvailability?.slotPrefix))} to ${show(str(now.highAvailability.slotPrefix))} while HA slots are enabled; disable them first`,
        'Cannot change replication slot prefix while highAvailability is enabled'));
    }
  }
  if (syncEnabled(was) && (!isSet(now) || !isSet(now.synchronizeReplicas))) {
    const path = isSet(now) ? 'spec.replicationSlots.synchronizeReplicas' : 'spec.replicationSlots';
    out.push(v(path, `${path} is removed while synchronizeReplicas is enabled; disable it first (enabled: false)`,
      `Cannot remove ${path} section while synchronizeReplicas is enabled. Disable synchronizeReplicas first to allow cleanup of user-defined replication slots on replicas`));
  }
  return out;
}

/** `validateWALLevelChange`: an existing cluster does not move to `wal_level: minimal`. */
export function validateWALLevelChange(next: ClusterManifest, old: ClusterManifest): Violation[] {
  const now = str(parametersOf(next).wal_level);
  const was = str(parametersOf(old).wal_level);
  if (now !== 'minimal' || was === '' || was === now) return [];
  return [v('spec.postgresql.parameters.wal_level', `wal_level changes from ${show(was)} to "minimal"; an existing cluster keeps replica or logical`, `Change of \`wal_level\` to \`minimal\` not allowed on an existing cluster (from ${was})`)];
}

/** `validateReplicaClusterChange`: the replica role does not flip during a replica switchover. */
export function validateReplicaClusterChange(next: ClusterManifest, old: ClusterManifest): Violation[] {
  if (isReplica(next) === isReplica(old) || next?.status?.switchReplicaClusterStatus?.inProgress !== true) return [];
  return [v('spec.replica.enabled', 'the replica role changes while a replica switchover is in progress; wait for it to finish',
    'cannot modify the field while there is an ongoing operation to enable the replica cluster')];
}

/** The update validators, in the webhook's order. */
export const CLUSTER_UPDATE_VALIDATORS: ReadonlyArray<readonly [string, (next: ClusterManifest, old: ClusterManifest) => Violation[]]> = [
  ['validateImageChange', validateImageChange],
  ['validateConfigurationChange', validateConfigurationChange],
  ['validateStorageChange', validateStorageChange],
  ['validateWalStorageChange', validateWalStorageChange],
  ['validateTablespacesChange', validateTablespacesChange],
  ['validateUnixPermissionIdentifierChange', validateUnixPermissionIdentifierChange],
  ['validateReplicationSlotsChange', validateReplicationSlotsChange],
  ['validateWALLevelChange', validateWALLevelChange],
  ['validateReplicaClusterChange', validateReplicaClusterChange],
];
