// What the CloudNativePG 1.30 operator does with each configuration key (struct `Data`,
// internal/configuration/configuration.go, `env:"..."` tags; read by pkg/configparser).

/** The keys the ConfigMap/Secret honours, by wire name, with the typed prop that writes each. */
export const TYPED_KEYS: ReadonlyMap<string, string> = new Map([
  ['CERTIFICATE_DURATION', 'certificateDuration'],
  ['CLUSTERS_ROLLOUT_DELAY', 'clustersRolloutDelay'],
  ['CREATE_ANY_SERVICE', 'createAnyService'],
  ['DRAIN_TAINTS', 'drainTaints'],
  ['ENABLE_INSTANCE_MANAGER_INPLACE_UPDATES', 'enableInstanceManagerInplaceUpdates'],
  ['ENABLE_WEBHOOK_NAMESPACE_SUFFIX', 'enableWebhookNamespaceSuffix'],
  ['EXPIRING_CHECK_THRESHOLD', 'expiringCheckThreshold'],
  ['INCLUDE_PLUGINS', 'includePlugins'],
  ['INHERITED_ANNOTATIONS', 'inheritedAnnotations'],
  ['INHERITED_LABELS', 'inheritedLabels'],
  ['INSTANCES_ROLLOUT_DELAY', 'instancesRolloutDelay'],
  ['KUBERNETES_CLUSTER_DOMAIN', 'kubernetesClusterDomain'],
  ['MANAGE_WEBHOOK_CONFIGURATIONS', 'manageWebhookConfigurations'],
  ['MONITORING_QUERIES_CONFIGMAP', 'monitoringQueriesConfigMap'],
  ['MONITORING_QUERIES_SECRET', 'monitoringQueriesSecret'],
  ['OPERATOR_IMAGE_NAME', 'operatorImageName'],
  ['PGBOUNCER_IMAGE_NAME', 'pgbouncerImageName'],
  ['PLUGIN_SOCKET_DIR', 'pluginSocketDir'],
  ['POSTGRES_IMAGE_NAME', 'postgresImageName'],
  ['PULL_SECRET_NAME', 'pullSecretName'],
  ['STANDBY_TCP_USER_TIMEOUT', 'standbyTcpUserTimeout'],
]);

/**
 * Keys that are `env` tags of the configuration but are consumed in `RunController` before the
 * ConfigMap and Secret are loaded, so they work only as environment variables of the Deployment.
 */
export const ENV_ONLY_KEYS: ReadonlyMap<string, string> = new Map([
  ['WATCH_NAMESPACE', 'the namespaces to watch are fixed when the controller manager is built, before this configuration is loaded; set WATCH_NAMESPACE as an environment variable of the operator Deployment\'s manager container'],
  ['METRICS_CERT_DIR', 'the metrics server is set up before this configuration is loaded; set METRICS_CERT_DIR as an environment variable of the operator Deployment\'s manager container, with the volume holding tls.crt and tls.key mounted there'],
  ['WEBHOOK_CERT_DIR', 'the webhook server is set up before this configuration is loaded; set WEBHOOK_CERT_DIR as an environment variable of the operator Deployment\'s manager container, with the webhook certificate volume mounted there'],
  ['OPERATOR_NAMESPACE', 'it names the namespace this configuration is read from, so it cannot come from it; the operator Deployment sets it from the downward API (fieldRef metadata.namespace)'],
]);

/** Keys that earlier releases honoured and 1.30 ignores. */
export const REMOVED_KEYS: ReadonlyMap<string, string> = new Map([
  ['ENABLE_AZURE_PVC_UPDATES', 'it was removed in CloudNativePG 1.26.0 (#7297) and is ignored by 1.27 to 1.30; delete it'],
]);

/** The default DRAIN_TAINTS of 1.30 (`DefaultDrainTaints`). */
export const DEFAULT_DRAIN_TAINTS: readonly string[] = [
  'node.kubernetes.io/unschedulable',
  'ToBeDeletedByClusterAutoscaler',
  'karpenter.sh/disrupted',
  'karpenter.sh/disruption',
];

/** Built-in defaults the cross-checks rely on. */
export const DEFAULT_CERTIFICATE_DAYS = 90;
export const DEFAULT_EXPIRING_CHECK_DAYS = 7;

/** Names of future keys: upper snake case, like every `env` tag. */
export const KEY_NAME_PATTERN = /^[A-Z][A-Z0-9_]*$/;
