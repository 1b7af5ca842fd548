import { plainTextPasswordViolations, validateBackupConfiguration, validateRetentionPolicy } from './backup';
import * as bootstrap from './bootstrap';
import { ClusterManifest } from './common';
import * as configuration from './configuration';
import { validateExtensions } from './extensions';
import * as pod from './pod';
import * as storage from './storage';
import { CLUSTER_UPDATE_VALIDATORS } from './update';
import { Violation } from '../../common/errors';
import { applyClusterDefaults } from '../defaults';

// The Cluster webhook (internal/webhook/v1/cluster_webhook.go, CloudNativePG 1.30.0) as pure functions over a
// manifest in wire format: every validator of `validate`, in the webhook's order, then the library's hardening.

/** A validator of the webhook: its Go name and the rule. */
export type ClusterValidator = readonly [name: string, rule: (cluster: ClusterManifest) => Violation[]];

/** The webhook's create validators (`ClusterCustomValidator.validate`), in its order. */
export const CLUSTER_VALIDATORS: readonly ClusterValidator[] = [
  ['validateInitDB', bootstrap.validateInitDB],
  ['validateRecoveryApplicationDatabase', bootstrap.validateRecoveryApplicationDatabase],
  ['validatePgBaseBackupApplicationDatabase', bootstrap.validatePgBaseBackupApplicationDatabase],
  ['validateImport', bootstrap.validateImport],
  ['validateSuperuserSecret', pod.validateSuperuserSecret],
  ['validateCerts', pod.validateCerts],
  ['validateBootstrapMethod', bootstrap.validateBootstrapMethod],
  ['validateImageName', pod.validateImageName],
  ['validateImagePullPolicy', pod.validateImagePullPolicy],
  ['validateRecoveryTarget', bootstrap.validateRecoveryTarget],
  ['validatePrimaryUpdateStrategy', configuration.validatePrimaryUpdateStrategy],
  ['validateMinSyncReplicas', configuration.validateMinSyncReplicas],
  ['validateMaxSyncReplicas', configuration.validateMaxSyncReplicas],
  ['validateStorageSize', storage.validateStorageSize],
  ['validateWalStorageSize', storage.validateWalStorageSize],
  ['validateEphemeralVolumeSource', storage.validateEphemeralVolumeSource],
  ['validateTablespaceStorageSize', storage.validateTablespaceStorageSize],
  ['validateName', pod.validateName],
  ['validateTablespaceNames', storage.validateTablespaceNames],
  ['validateBootstrapPgBaseBackupSource', bootstrap.validateBootstrapPgBaseBackupSource],
  ['validateTablespaceBackupSnapshot', storage.validateTablespaceBackupSnapshot],
  ['validateBootstrapRecoverySource', bootstrap.validateBootstrapRecoverySource],
  ['validateBootstrapRecoveryDataSource', bootstrap.validateBootstrapRecoveryDataSource],
  ['validateExternalClusters', bootstrap.validateExternalClusters],
  ['validateTolerations', pod.validateTolerations],
  ['validateAntiAffinity', pod.validateAntiAffinity],
  ['validateReplicaMode', bootstrap.validateReplicaMode],
  ['validateBackupConfiguration', validateBackupConfiguration],
  ['validateRetentionPolicy', validateRetentionPolicy],
  ['validateConfiguration', configuration.validateConfiguration],
  ['validateSynchronousReplicaConfiguration', configuration.validateSynchronousReplicaConfiguration],
  ['validateFailoverQuorumAlphaAnnotation', configuration.validateFailoverQuorumAlphaAnnotation],
  ['validateFailoverQuorum', configuration.validateFailoverQuorum],
  ['validateLDAP', configuration.validateLDAP],
  ['validateReplicationSlots', configuration.validateReplicationSlots],
  ['validateSynchronizeLogicalDecoding', configuration.validateSynchronizeLogicalDecoding],
  ['validateEnv', pod.validateEnv],
  ['validateManagedServices', pod.validateManagedServices],
  ['validateManagedRoles', pod.validateManagedRoles],
  ['validateManagedExtensions', configuration.validatePgFailoverSlots],
  ['validateResources', storage.validateResources],
  ['validateHibernationAnnotation', pod.validateHibernationAnnotation],
  ['validatePodPatchAnnotation', pod.validatePodPatchAnnotation],
  ['validatePromotionToken', bootstrap.validatePromotionToken],
  ['validatePluginConfiguration', pod.validatePluginConfiguration],
  ['validateLivenessPingerProbe', pod.validateLivenessPingerProbe],
  ['validatePodSelectorRefs', pod.validatePodSelectorRefs],
  ['validateExtensions', validateExtensions],
  ['validateServiceAccountConfig', pod.validateServiceAccountConfig],
  ['validatePrimaryLease', configuration.validatePrimaryLease],
];

/**
 * Every rule of the webhook on a Cluster (after the operator's defaults, as the API server hands it over),
 * then the library's hardening beyond the webhook (source `library`, errors all the same): passwords in
 * external clusters' connection parameters, fixed parameters written in another case.
 */
export function clusterWebhookViolations(cluster: ClusterManifest): Violation[] {
  const out: Violation[] = [];
  for (const [, rule] of CLUSTER_VALIDATORS) out.push(...rule(cluster));
  out.push(...plainTextPasswordViolations(cluster));
  return out;
}

/**
 * The webhook's update rules (`validateClusterChanges`): what the operator refuses when `next` replaces the
 * stored `old`, each side after the operator's defaults. The constructs and `validate` see no stored object
 * and skip these; `plan` uses them when it sees both sides.
 */
export function clusterUpdateViolations(old: ClusterManifest, next: ClusterManifest): Violation[] {
  const a = applyClusterDefaults(old);
  const b = applyClusterDefaults(next);
  return CLUSTER_UPDATE_VALIDATORS.flatMap(([, rule]) => rule(b, a));
}

export { clusterWebhookWarnings } from './warnings';
export { CLUSTER_UPDATE_VALIDATORS } from './update';
