import { ClusterManifest, isSet, list, parametersOf, specOf, str } from './common';
import { goAtoi } from './go';
import { goParseDuration } from '../go';
import { parseQuantity } from '../quantity';

// The warnings the Cluster webhook returns with an admitted object (`getAdmissionWarnings`,
// internal/webhook/v1/cluster_webhook.go, CloudNativePG 1.30.0), verbatim.

function storageWarnings(path: string, storage: any): string[] {
  if (!isSet(storage) || !isSet(storage.pvcTemplate)) return [];
  const out: string[] = [];
  if (isSet(storage.storageClass) && isSet(storage.pvcTemplate.storageClassName)) {
    out.push(`${path}.storageClass and ${path}.pvcTemplate.storageClassName are both specified, ${path}.storageClass value will be used.`);
  }
  const request = storage.pvcTemplate.resources?.requests?.storage;
  // a zero request is no request (Requests.Storage().IsZero()), whatever its spelling: `0`, `0Gi`, `0e3`
  if (str(storage.size) !== '' && request !== undefined && request !== null && parseQuantity(String(request)) !== 0) {
    out.push(`${path}.size and ${path}.pvcTemplate.resources.requests.storage are both specified, ${path}.size value will be used.`);
  }
  return out;
}

/** `getMaintenanceWindowsAdmissionWarnings`. */
export function getMaintenanceWindowsAdmissionWarnings(cluster: ClusterManifest): string[] {
  return isSet(specOf(cluster).nodeMaintenanceWindow) ? ['Consider using `.spec.enablePDB` instead of the node maintenance window feature'] : [];
}

/** `getInTreeBarmanWarnings`: the in-tree Barman Cloud support is deprecated. */
export function getInTreeBarmanWarnings(cluster: ClusterManifest): string[] {
  const spec = specOf(cluster);
  const out: string[] = [];
  const barman: string[] = [];
  if (isSet(spec.backup?.barmanObjectStore)) barman.push('spec.backup.barmanObjectStore');
  list(spec.externalClusters).forEach((c, i) => {
    if (isSet(c?.barmanObjectStore)) barman.push(`spec.externalClusters.${i}.barmanObjectStore`);
  });
  if (barman.length > 0) {
    out.push(`Native support for Barman Cloud backups and recovery is deprecated and will be completely removed in CloudNativePG 1.31.0. Found usage in: ${barman.join(', ')}. `
      + 'Please migrate existing clusters to the new Barman Cloud Plugin to ensure a smooth transition.');
  }
  return out;
}

/** `getRetentionPolicyWarnings`: a retention policy without the in-tree support. */
export function getRetentionPolicyWarnings(cluster: ClusterManifest): string[] {
  const spec = specOf(cluster);
  const out: string[] = [];
  if (str(spec.backup?.retentionPolicy) !== '' && !isSet(spec.backup?.barmanObjectStore)) {
    out.push('Retention policies specified in .spec.backup.retentionPolicy are only used by the in-tree barman-cloud support, which is not being used in this cluster. '
      + 'Please use a backup plugin and migrate this configuration to the plugin configuration');
  }
  return out;
}

/** `getStorageWarnings`: a size and a pvcTemplate request (or two storage classes) at once. */
export function getStorageWarnings(cluster: ClusterManifest): string[] {
  const spec = specOf(cluster);
  return [...storageWarnings('spec.storage', spec.storage), ...storageWarnings('spec.walStorage', spec.walStorage)];
}

/** `getSharedBuffersWarnings`: a shared_buffers without a unit. */
export function getSharedBuffersWarnings(cluster: ClusterManifest): string[] {
  const out: string[] = [];
  const sharedBuffers = str(parametersOf(cluster).shared_buffers);
  if (sharedBuffers !== '' && goAtoi(sharedBuffers) !== undefined) {
    out.push(`\`shared_buffers\` value '${sharedBuffers}' is missing a unit (e.g., MB, GB). While this is currently allowed, future releases will require an explicit unit. `
      + `Please update your configuration to specify a valid unit, such as '${sharedBuffers}MB'.`);
  }
  return out;
}

/** `getMonitoringFieldsWarnings`: a metrics TTL of zero. */
export function getMonitoringFieldsWarnings(cluster: ClusterManifest): string[] {
  const spec = specOf(cluster);
  const out: string[] = [];
  const ttl = spec.monitoring?.metricsQueriesTTL;
  // GetMetricsQueriesTTL().Duration == 0, the duration as Go's time.ParseDuration reads it (`0`, `0s`, `.0s`, `0h0m`)
  const parsed = isSet(ttl) ? goParseDuration(String(ttl)) : undefined;
  if (parsed !== undefined && 'nanoseconds' in parsed && parsed.nanoseconds === 0n) {
    out.push('spec.monitoring.metricsQueriesTTL is explicitly set to 0; this disables automatic TTL behavior and can cause heavy load on the PostgreSQL server.');
  }
  return out;
}

/** `getDeprecatedMonitoringFieldsWarnings`: the deprecated PodMonitor fields. */
export function getDeprecatedMonitoringFieldsWarnings(cluster: ClusterManifest): string[] {
  const spec = specOf(cluster);
  const out: string[] = [];
  if (spec.monitoring?.enablePodMonitor === true) {
    out.push('spec.monitoring.enablePodMonitor is deprecated and will be removed in a future release. Please migrate to manually managing your PodMonitor resources. '
      + 'Set this field to false and create a PodMonitor resource for your cluster as described in the documentation.');
  }
  if (list(spec.monitoring?.podMonitorMetricRelabelings).length > 0) {
    out.push('spec.monitoring.podMonitorMetricRelabelings is deprecated and will be removed in a future release. Please migrate to manually managing your PodMonitor resources with custom relabeling configurations.');
  }
  if (list(spec.monitoring?.podMonitorRelabelings).length > 0) {
    out.push('spec.monitoring.podMonitorRelabelings is deprecated and will be removed in a future release. Please migrate to manually managing your PodMonitor resources with custom relabeling configurations.');
  }
  return out;
}

/** The webhook's warning getters (`getAdmissionWarnings`), in its order. */
export const CLUSTER_WARNINGS: ReadonlyArray<readonly [string, (cluster: ClusterManifest) => string[]]> = [
  ['getMaintenanceWindowsAdmissionWarnings', getMaintenanceWindowsAdmissionWarnings],
  ['getInTreeBarmanWarnings', getInTreeBarmanWarnings],
  ['getRetentionPolicyWarnings', getRetentionPolicyWarnings],
  ['getStorageWarnings', getStorageWarnings],
  ['getSharedBuffersWarnings', getSharedBuffersWarnings],
  ['getMonitoringFieldsWarnings', getMonitoringFieldsWarnings],
  ['getDeprecatedMonitoringFieldsWarnings', getDeprecatedMonitoringFieldsWarnings],
];

/** Every warning the webhook returns for a Cluster, in its order. */
export function clusterWebhookWarnings(cluster: ClusterManifest): string[] {
  return CLUSTER_WARNINGS.flatMap(([, get]) => get(cluster));
}
