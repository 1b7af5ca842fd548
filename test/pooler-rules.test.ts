import { webhook } from './cluster-manifest';
import { isAutomatedIntegration, poolerClusterViolations, poolerWebhookViolations, poolerWebhookWarnings } from '../src/rules/pooler';

// The Pooler webhook's rules (src/rules/pooler.ts) called directly on manifests in wire format, each group named
// after the Go function it ports (internal/webhook/v1/pooler_webhook.go and api/v1/pooler_funcs.go,
// CloudNativePG 1.30.0). Upstream's own specs (pooler_webhook_test.go) run through the whole admission path in
// test/conformance/pooler.cases.ts; these cover what they leave out: partial manifests, references without a
// usable name, each credential alone, and the deprecated monitoring lists.

/** A Pooler manifest named `pg-rw` in `db`, serving the Cluster `pg`, then `spec` (shallowly merged). */
function pooler(spec: object = {}): any {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Pooler',
    metadata: { name: 'pg-rw', namespace: 'db' },
    spec: { cluster: { name: 'pg' }, pgbouncer: {}, ...spec },
  };
}

const NO_PGBOUNCER = webhook('spec.pgbouncer',
  'no pgbouncer section; expected spec.pgbouncer (e.g. { poolMode: session })',
  'required pgbouncer configuration');
const NO_CLUSTER = webhook('spec.cluster.name',
  'no cluster name; expected the name of the Cluster the Pooler serves',
  'must specify a cluster name');
const SECRET_WITHOUT_QUERY = webhook('spec.pgbouncer.authQuery',
  'an auth query secret or server TLS secret is set but no auth query; set authQuery too (e.g. "SELECT usename, passwd FROM public.user_search($1)"), or neither',
  'must specify an auth query when providing an auth query secret');
const CLIENT_TLS_REQUIRED = webhook('spec.pgbouncer.clientTLSSecret',
  'metrics over TLS with the operator\'s PodMonitor need a clientTLSSecret whose certificate is the Pooler\'s (else the metrics endpoint serves the Cluster\'s server certificate); set clientTlsSecret, or turn off enablePodMonitor and create your own PodMonitor',
  'clientTLSSecret is required when spec.monitoring.tls.enabled is true and the operator-generated PodMonitor is enabled. Without it the metrics endpoint serves the cluster\'s server certificate, whose SANs cover the cluster\'s services rather than the pooler. Supply a clientTLSSecret whose certificate represents the pooler, or set spec.monitoring.enablePodMonitor=false and manage your own PodMonitor.');

const INTEGRATION = 'The operator won\'t handle the Pooler "pg-rw" integration with the Cluster "pg" ("db"). Manually configure it as described in the docs.';
const DEPRECATED_SECRET = 'The .spec.pgbouncer.authQuerySecret field has been deprecated';
const DEPRECATED_MONITORING = 'spec.monitoring is deprecated and will be removed in a future release. Set this field to false and create a PodMonitor resource for your pooler as described in the documentation';

describe('validatePgBouncer: the pgbouncer section and its credentials', () => {
  // pooler_webhook.go, validatePgBouncer: `if r.Spec.PgBouncer == nil` → field.Invalid(spec.pgbouncer, "required pgbouncer configuration")
  test('refuses a Pooler without a pgbouncer section, and only for that', () => {
    const { pgbouncer, ...spec } = pooler().spec;
    expect(pgbouncer).toEqual({});
    expect(poolerWebhookViolations({ ...pooler(), spec })).toEqual([NO_PGBOUNCER]);
    expect(poolerWebhookViolations(pooler({ pgbouncer: null }))).toEqual([NO_PGBOUNCER]);
  });

  // validatePgBouncer: hasPGAuthentication needs `AuthQuerySecret != nil && AuthQuerySecret.Name != ""` (or the
  // same for ServerTLSSecret); a reference without a usable name is no credential
  test('a secret reference whose name is empty or not a string is no credential', () => {
    for (const ref of [{}, { name: '' }, { name: 5 }, { name: true }]) {
      expect({ ref, found: poolerWebhookViolations(pooler({ pgbouncer: { authQuerySecret: ref, serverTLSSecret: ref } })) })
        .toEqual({ ref, found: [] });
      expect({ ref, warnings: poolerWebhookWarnings(pooler({ pgbouncer: { authQuerySecret: ref, serverTLSSecret: ref } })) })
        .toEqual({ ref, warnings: [] });
    }
    // the same references with a name are credentials, which need an auth query
    expect(poolerWebhookViolations(pooler({ pgbouncer: { authQuerySecret: { name: 'auth' } } }))).toEqual([SECRET_WITHOUT_QUERY]);
    expect(poolerWebhookViolations(pooler({ pgbouncer: { serverTLSSecret: { name: 'tls' } } }))).toEqual([SECRET_WITHOUT_QUERY]);
  });
});

describe('validateCluster: a cluster name, not the Pooler\'s own', () => {
  // pooler_webhook.go, validateCluster: `if r.Spec.Cluster.Name == ""` (a missing cluster reads as the empty name)
  test('refuses a Pooler whose spec has no cluster, or a cluster without a name', () => {
    const { cluster, ...spec } = pooler().spec;
    expect(cluster).toEqual({ name: 'pg' });
    expect(poolerWebhookViolations({ ...pooler(), spec })).toEqual([NO_CLUSTER]);
    expect(poolerWebhookViolations(pooler({ cluster: {} }))).toEqual([NO_CLUSTER]);
    expect(poolerWebhookViolations(pooler({ cluster: { name: '' } }))).toEqual([NO_CLUSTER]);
  });

  test('refuses a cluster name that is not a string', () => {
    expect(poolerWebhookViolations(pooler({ cluster: { name: 5 } }))).toEqual([NO_CLUSTER]);
    expect(poolerClusterViolations('pg-rw', 5)).toEqual([NO_CLUSTER]);
    expect(poolerClusterViolations('pg-rw', 'pg')).toEqual([]);
  });

  // validateCluster: `r.Spec.Cluster.Name == r.Name`, with r.Name "" when the manifest has no metadata
  test('a manifest without metadata or name does not clash with its cluster', () => {
    const { metadata, ...noMetadata } = pooler();
    expect(metadata).toEqual({ name: 'pg-rw', namespace: 'db' });
    expect(poolerWebhookViolations(noMetadata)).toEqual([]);
    expect(poolerWebhookViolations({ ...pooler(), metadata: { namespace: 'db' } })).toEqual([]);
  });
});

describe('validate: every check of a partial manifest', () => {
  test('a manifest without spec, or no manifest at all, lacks the pgbouncer section and the cluster name', () => {
    expect(poolerWebhookViolations({ metadata: { name: 'pg-rw' } })).toEqual([NO_PGBOUNCER, NO_CLUSTER]);
    expect(poolerWebhookViolations({})).toEqual([NO_PGBOUNCER, NO_CLUSTER]);
    expect(poolerWebhookViolations(undefined)).toEqual([NO_PGBOUNCER, NO_CLUSTER]);
  });
});

describe('validateMonitoring: TLS metrics with the generated PodMonitor (IsMetricsTLSEnabled)', () => {
  // pooler_funcs.go, IsMetricsTLSEnabled: false unless Monitoring.TLSConfig is set with Enabled true
  test('the operator\'s PodMonitor without TLS metrics needs no client TLS Secret', () => {
    for (const monitoring of [{ enablePodMonitor: true }, { enablePodMonitor: true, tls: {} }, { enablePodMonitor: true, tls: { enabled: false } }]) {
      expect({ monitoring, found: poolerWebhookViolations(pooler({ monitoring })) }).toEqual({ monitoring, found: [] });
    }
  });

  test('TLS metrics with the operator\'s PodMonitor and no client TLS Secret are refused', () => {
    expect(poolerWebhookViolations(pooler({ monitoring: { enablePodMonitor: true, tls: { enabled: true } } }))).toEqual([CLIENT_TLS_REQUIRED]);
  });
});

describe('IsAutomatedIntegration and getAdmissionWarnings', () => {
  // pooler_funcs.go, IsAutomatedIntegration: `if in.Spec.PgBouncer == nil { return true }`
  test('without a pgbouncer section the operator integrates the Pooler itself: no warning', () => {
    expect(isAutomatedIntegration(undefined)).toBe(true);
    expect(isAutomatedIntegration(null)).toBe(true);
    const { pgbouncer, ...spec } = pooler().spec;
    expect(pgbouncer).toEqual({});
    expect(poolerWebhookWarnings({ ...pooler(), spec })).toEqual([]);
  });

  // IsAutomatedIntegration: AuthQuery != "" || AuthQuerySecret named || ServerTLSSecret named → manual integration;
  // getAdmissionWarnings adds the deprecation of authQuerySecret when it is named
  test('each of the auth query, the auth query Secret and the server TLS Secret alone makes the integration manual', () => {
    expect(poolerWebhookWarnings(pooler({ pgbouncer: { authQuery: 'SELECT usename, passwd FROM public.user_search($1)' } }))).toEqual([INTEGRATION]);
    expect(poolerWebhookWarnings(pooler({ pgbouncer: { authQuerySecret: { name: 'auth' } } }))).toEqual([INTEGRATION, DEPRECATED_SECRET]);
    expect(poolerWebhookWarnings(pooler({ pgbouncer: { serverTLSSecret: { name: 'tls' } } }))).toEqual([INTEGRATION]);
    expect(isAutomatedIntegration({ authQuery: 'SELECT 1' })).toBe(false);
    expect(isAutomatedIntegration({ authQuerySecret: { name: 'auth' } })).toBe(false);
    expect(isAutomatedIntegration({ serverTLSSecret: { name: 'tls' } })).toBe(false);
  });

  test('an empty or non-string auth query leaves the integration automated', () => {
    for (const authQuery of ['', 5, null]) {
      expect({ authQuery, warnings: poolerWebhookWarnings(pooler({ pgbouncer: { authQuery } })) }).toEqual({ authQuery, warnings: [] });
      expect({ authQuery, automated: isAutomatedIntegration({ authQuery }) }).toEqual({ authQuery, automated: true });
    }
  });

  // getAdmissionWarnings: `fmt.Sprintf("... %q ... %q (%q) ...", r.Name, r.Spec.Cluster.Name, r.Namespace)`: an
  // absent name, cluster or namespace is Go's empty string, quoted
  test('the manual-integration warning quotes an absent name, cluster or namespace as ""', () => {
    const manual = { pgbouncer: { authQuery: 'SELECT 1', serverTLSSecret: { name: 'tls' } } };
    expect(poolerWebhookWarnings({ ...pooler(manual), metadata: { name: 'pg-rw' } })).toEqual([
      'The operator won\'t handle the Pooler "pg-rw" integration with the Cluster "pg" (""). Manually configure it as described in the docs.',
    ]);
    expect(poolerWebhookWarnings({ spec: { ...manual, cluster: {} }, metadata: {} })).toEqual([
      'The operator won\'t handle the Pooler "" integration with the Cluster "" (""). Manually configure it as described in the docs.',
    ]);
    expect(poolerWebhookWarnings({ spec: manual })).toEqual([
      'The operator won\'t handle the Pooler "" integration with the Cluster "" (""). Manually configure it as described in the docs.',
    ]);
  });

  test('a manifest without spec, or no manifest at all, has no warning', () => {
    expect(poolerWebhookWarnings({ metadata: { name: 'pg-rw' } })).toEqual([]);
    expect(poolerWebhookWarnings({})).toEqual([]);
    expect(poolerWebhookWarnings(undefined)).toEqual([]);
  });
});

describe('validateDeprecatedMonitoringFields', () => {
  // pooler_webhook.go, validateDeprecatedMonitoringFields: EnablePodMonitor || len(PodMonitorMetricRelabelConfigs) > 0
  // || len(PodMonitorRelabelConfigs) > 0 → the deprecation warning
  test('warns for a non-empty relabeling list, of either kind', () => {
    const relabel = [{ action: 'drop', sourceLabels: ['__name__'], regex: 'cnpg_pgbouncer_lists_.*' }];
    expect(poolerWebhookWarnings(pooler({ monitoring: { podMonitorMetricRelabelings: relabel } }))).toEqual([DEPRECATED_MONITORING]);
    expect(poolerWebhookWarnings(pooler({ monitoring: { podMonitorRelabelings: relabel } }))).toEqual([DEPRECATED_MONITORING]);
  });

  test('empty relabeling lists and a disabled PodMonitor are no deprecated use', () => {
    const unused = { enablePodMonitor: false, podMonitorMetricRelabelings: [], podMonitorRelabelings: [] };
    expect(poolerWebhookWarnings(pooler({ monitoring: unused }))).toEqual([]);
    expect(poolerWebhookWarnings(pooler({ monitoring: { podMonitorRelabelings: {} } }))).toEqual([]);
  });
});
