import { goQuote } from './go';
import { show, Violation } from '../common/errors';
import { isObject } from '../common/json';

// CloudNativePG 1.30.0's validating webhook for Pooler (internal/webhook/v1/pooler_webhook.go), as rules
// over a manifest in wire format. One source: the Pooler construct checks its output with these functions
// at construction, and validateManifest() checks any YAML with them. `upstream` quotes the webhook.

const W = 'webhook' as const;

/**
 * The PgBouncer parameters the 1.30.0 webhook accepts in `spec.pgbouncer.parameters`
 * (`AllowedPgbouncerGenericConfigurationParameters`); every other one is reserved by the operator or unknown.
 */
export const PGBOUNCER_ALLOWED_PARAMETERS: ReadonlySet<string> = new Set([
  'application_name_add_host', 'auth_type', 'autodb_idle_timeout', 'cancel_wait_timeout', 'client_idle_timeout',
  'client_login_timeout', 'client_tls_ciphers', 'client_tls_sslmode', 'client_tls13_ciphers', 'default_pool_size',
  'disable_pqexec', 'dns_max_ttl', 'dns_nxdomain_ttl', 'idle_transaction_timeout', 'ignore_startup_parameters',
  'listen_backlog', 'log_connections', 'log_disconnections', 'log_pooler_errors', 'log_stats', 'max_client_conn',
  'max_db_connections', 'max_packet_size', 'max_prepared_statements', 'max_user_connections', 'min_pool_size',
  'pkt_buf', 'query_timeout', 'query_wait_timeout', 'reserve_pool_size', 'reserve_pool_timeout', 'sbuf_loopcnt',
  'server_check_delay', 'server_check_query', 'server_connect_timeout', 'server_fast_close', 'server_idle_timeout',
  'server_lifetime', 'server_login_retry', 'server_reset_query', 'server_reset_query_always', 'server_round_robin',
  'server_tls_ciphers', 'server_tls13_ciphers', 'server_tls_protocols', 'server_tls_sslmode', 'stats_period',
  'suspend_timeout', 'tcp_defer_accept', 'tcp_socket_buffer', 'tcp_keepalive', 'tcp_keepcnt', 'tcp_keepidle',
  'tcp_keepintvl', 'tcp_user_timeout', 'track_extra_parameters', 'verbose',
]);

/** Parameters a later release admits: named in the message, so that the user knows why 1.30.0 refuses them. */
const ADMITTED_LATER: { readonly [name: string]: string } = {
  auth_user: 'CloudNativePG 1.30.1 admits it; 1.30.0, which this library targets, does not',
};

/** The non-empty `name` of a local object reference, or undefined. */
function refName(ref: unknown): string | undefined {
  return isObject(ref) && typeof ref.name === 'string' && ref.name !== '' ? ref.name : undefined;
}

/** `spec.pgbouncer.parameters`: only the allow-listed ones (`validatePgbouncerGenericParameters`). */
export function pgbouncerParameterViolations(parameters: unknown, at = 'spec.pgbouncer.parameters'): Violation[] {
  if (!isObject(parameters)) return [];
  const out: Violation[] = [];
  for (const name of Object.keys(parameters)) {
    if (PGBOUNCER_ALLOWED_PARAMETERS.has(name)) continue;
    const later = ADMITTED_LATER[name];
    out.push({
      path: `${at}.${name}`,
      message: `${show(name)} is reserved by the operator or not a PgBouncer parameter it passes through${later ? ` (${later})` : ''}; accepted: the PgBouncer settings the operator allows, e.g. max_client_conn, default_pool_size, query_timeout`,
      source: W,
      upstream: 'Invalid or reserved parameter',
    });
  }
  return out;
}

/** `validatePgBouncer`: a pgbouncer section; the auth query and its credentials both or neither; parameters. */
function pgbouncerViolations(pgbouncer: unknown): Violation[] {
  if (!isObject(pgbouncer)) {
    return [{ path: 'spec.pgbouncer', message: 'no pgbouncer section; expected spec.pgbouncer (e.g. { poolMode: session })', source: W, upstream: 'required pgbouncer configuration' }];
  }
  const out: Violation[] = [];
  const credentials = refName(pgbouncer.authQuerySecret) !== undefined || refName(pgbouncer.serverTLSSecret) !== undefined;
  const authQuery = typeof pgbouncer.authQuery === 'string' ? pgbouncer.authQuery : '';
  if (credentials && authQuery === '') {
    out.push({
      path: 'spec.pgbouncer.authQuery',
      message: 'an auth query secret or server TLS secret is set but no auth query; set authQuery too (e.g. "SELECT usename, passwd FROM public.user_search($1)"), or neither',
      source: W,
      upstream: 'must specify an auth query when providing an auth query secret',
    });
  } else if (!credentials && authQuery !== '') {
    out.push({
      path: 'spec.pgbouncer.authQuerySecret.name',
      message: `authQuery ${show(authQuery)} is set but neither authQuerySecret nor serverTLSSecret; set the credentials it runs with too, or neither`,
      source: W,
      upstream: 'must specify an existing auth query secret when providing an auth query secret',
    });
  }
  out.push(...pgbouncerParameterViolations(pgbouncer.parameters));
  return out;
}

/** `validateCluster`: a cluster name, and not the Pooler's own name. */
export function poolerClusterViolations(poolerName: unknown, clusterName: unknown): Violation[] {
  const out: Violation[] = [];
  if (typeof clusterName !== 'string' || clusterName === '') {
    out.push({ path: 'spec.cluster.name', message: 'no cluster name; expected the name of the Cluster the Pooler serves', source: W, upstream: 'must specify a cluster name' });
  }
  if (clusterName === poolerName) {
    out.push({
      path: 'metadata.name',
      message: `the Pooler is named ${show(poolerName)} like its Cluster; choose another name (e.g. ${show(`${poolerName}-rw`)}): a Pooler can't have the name of a Cluster of its namespace`,
      source: W,
      upstream: 'the pooler resource cannot have the same name of a cluster',
    });
  }
  return out;
}

/** `validateMonitoring`: TLS metrics with the operator's PodMonitor need the Pooler's own client certificate. */
function monitoringViolations(spec: any): Violation[] {
  const monitoring = spec?.monitoring;
  if (!isObject(monitoring) || monitoring.tls?.enabled !== true || monitoring.enablePodMonitor !== true) return [];
  if (refName(spec.pgbouncer?.clientTLSSecret) !== undefined) return [];
  return [{
    path: 'spec.pgbouncer.clientTLSSecret',
    message: 'metrics over TLS with the operator\'s PodMonitor need a clientTLSSecret whose certificate is the Pooler\'s (else the metrics endpoint serves the Cluster\'s server certificate); set clientTlsSecret, or turn off enablePodMonitor and create your own PodMonitor',
    source: W,
    upstream: 'clientTLSSecret is required when spec.monitoring.tls.enabled is true and the operator-generated PodMonitor is enabled. Without it the metrics endpoint serves the cluster\'s server certificate, whose SANs cover the cluster\'s services rather than the pooler. Supply a clientTLSSecret whose certificate represents the pooler, or set spec.monitoring.enablePodMonitor=false and manage your own PodMonitor.',
  }];
}

/** The Pooler webhook's errors for one manifest (after the schema defaults). */
export function poolerWebhookViolations(pooler: any): Violation[] {
  const spec = pooler?.spec;
  return [
    ...pgbouncerViolations(spec?.pgbouncer),
    ...poolerClusterViolations(pooler?.metadata?.name, spec?.cluster?.name ?? ''),
    ...monitoringViolations(spec),
  ];
}

/** Whether the operator integrates the Pooler with its Cluster itself (`IsAutomatedIntegration`). */
export function isAutomatedIntegration(pgbouncer: any): boolean {
  if (!isObject(pgbouncer)) return true;
  return !((typeof pgbouncer.authQuery === 'string' && pgbouncer.authQuery !== '')
    || refName(pgbouncer.authQuerySecret) !== undefined
    || refName(pgbouncer.serverTLSSecret) !== undefined);
}

/** The warnings the Pooler webhook returns with an accepted manifest (`getAdmissionWarnings`, deprecated fields). */
export function poolerWebhookWarnings(pooler: any): string[] {
  const out: string[] = [];
  const spec = pooler?.spec;
  const pgbouncer = spec?.pgbouncer;
  if (!isAutomatedIntegration(pgbouncer)) {
    out.push(`The operator won't handle the Pooler ${goQuote(String(pooler?.metadata?.name ?? ''))} integration with the Cluster ${goQuote(String(spec?.cluster?.name ?? ''))} (${goQuote(String(pooler?.metadata?.namespace ?? ''))}). Manually configure it as described in the docs.`);
  }
  if (refName(pgbouncer?.authQuerySecret) !== undefined) out.push('The .spec.pgbouncer.authQuerySecret field has been deprecated');
  const monitoring = spec?.monitoring;
  const nonEmpty = (list: unknown) => Array.isArray(list) && list.length > 0;
  const podMonitor = isObject(monitoring)
    && (monitoring.enablePodMonitor === true || nonEmpty(monitoring.podMonitorMetricRelabelings) || nonEmpty(monitoring.podMonitorRelabelings));
  if (podMonitor) {
    out.push('spec.monitoring is deprecated and will be removed in a future release. Set this field to false and create a PodMonitor resource for your pooler as described in the documentation');
  }
  return out;
}
