import { ConformanceCase } from './format';

// Upstream's Pooler webhook specs (internal/webhook/v1/pooler_webhook_test.go, CloudNativePG v1.30.0), in
// the file's order. Upstream builds partial Go objects and calls one validator function; each manifest here
// is a whole Pooler (pooler() adds a name, a cluster and a pgbouncer section) so that it passes every other
// rule, and the case checks the whole admission path. Format: README.md beside this file.

const UPSTREAM = 'internal/webhook/v1/pooler_webhook_test.go';

/** A Pooler manifest: what upstream's partial objects leave out, then `spec` (shallowly merged). */
export function pooler(spec: object = {}, name = 'pooler-example-rw'): object {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Pooler',
    metadata: { name, namespace: 'default' },
    spec: { cluster: { name: 'cluster-example' }, pgbouncer: {}, ...spec },
  };
}

function c(test: string, object: object, expect: ConformanceCase['expect'], note?: string): ConformanceCase {
  return { upstream: UPSTREAM, test, kind: 'Pooler', object, expect, ...(note ? { note } : {}) };
}

const V = 'Pooler validation > ';
const M = 'Pooler validateMonitoring > ';
const INTEGRATION = 'The operator won\'t handle the Pooler "pooler-example-rw" integration with the Cluster "cluster-example" ("default")';
const DEPRECATED_SECRET = 'The .spec.pgbouncer.authQuerySecret field has been deprecated';
const DEPRECATED_MONITORING = 'spec.monitoring is deprecated and will be removed in a future release';
const CLIENT_TLS_REQUIRED = 'clientTLSSecret is required when spec.monitoring.tls.enabled is true and the operator-generated PodMonitor is enabled';

/** TLS metrics, with or without the operator's PodMonitor and a client TLS Secret (upstream's tlsOnPooler). */
function tlsOnPooler(enablePodMonitor: boolean, clientTLSSecret?: { name: string }): object {
  return pooler({
    pgbouncer: clientTLSSecret ? { clientTLSSecret } : {},
    monitoring: { enablePodMonitor, tls: { enabled: true } },
  });
}

/** Every spec of pooler_webhook_test.go. */
export const POOLER_CASES: readonly ConformanceCase[] = [
  c(`${V}doesn't allow specifying authQuerySecret without any authQuery`,
    pooler({ pgbouncer: { authQuerySecret: { name: 'test' } } }),
    { allowed: false, field: 'spec.pgbouncer.authQuery', message: 'must specify an auth query when providing an auth query secret' }),
  c(`${V}doesn't allow specifying authQuery without any authQuerySecret`,
    pooler({ pgbouncer: { authQuery: 'test' } }),
    { allowed: false, field: 'spec.pgbouncer.authQuerySecret.name', message: 'must specify an existing auth query secret when providing an auth query secret' }),
  c(`${V}allows having both authQuery and authQuerySecret`,
    pooler({ pgbouncer: { authQuery: 'test', authQuerySecret: { name: 'test' } } }),
    { allowed: true, warnings: [INTEGRATION, DEPRECATED_SECRET] },
    'upstream checks validatePgBouncer only; the whole create path also returns the two warnings getAdmissionWarnings gives'),
  c(`${V}allows the autoconfiguration mode`, pooler({ pgbouncer: {} }), { allowed: true, warnings: [] }),
  c(`${V}doesn't allow not specifying a cluster name`,
    pooler({ cluster: { name: '' } }),
    { allowed: false, field: 'spec.cluster.name', message: 'must specify a cluster name' }),
  c(`${V}doesn't allow to have a pooler with the same name of the cluster`,
    pooler({ cluster: { name: 'test' } }, 'test'),
    { allowed: false, field: 'metadata.name', message: 'the pooler resource cannot have the same name of a cluster' }),
  c(`${V}doesn't complain when specifying a cluster name`, pooler({ cluster: { name: 'cluster-example' } }), { allowed: true }),
  c(`${V}does complain when given a fixed parameter`,
    pooler({ pgbouncer: { parameters: { pool_mode: 'test' } } }),
    { allowed: false, field: 'spec.pgbouncer.parameters.pool_mode', message: 'Invalid or reserved parameter' },
    'the webhook reports the error at "spec.cluster.parameters" (a wrong path in the Go code); the library reports it where the parameter is'),
  c(`${V}does not complain when given a valid parameter`, pooler({ pgbouncer: { parameters: { verbose: '10' } } }), { allowed: true }),
  c(`${M}returns no error when metrics TLS is disabled`, pooler(), { allowed: true }),
  c(`${M}returns no error when metrics TLS is enabled and clientTLSSecret is set`,
    tlsOnPooler(true, { name: 'my-tls' }), { allowed: true, warnings: [DEPRECATED_MONITORING] }),
  c(`${M}returns no error when metrics TLS is enabled and the generated PodMonitor is disabled`,
    tlsOnPooler(false), { allowed: true, warnings: [] }),
  c(`${M}rejects when metrics TLS is enabled, generated PodMonitor is on, and clientTLSSecret is missing`,
    tlsOnPooler(true), { allowed: false, field: 'spec.pgbouncer.clientTLSSecret', message: CLIENT_TLS_REQUIRED, count: 1 }),
  c(`${M}rejects when clientTLSSecret has an empty name`,
    tlsOnPooler(true, { name: '' }), { allowed: false, field: 'spec.pgbouncer.clientTLSSecret', message: CLIENT_TLS_REQUIRED, count: 1 }),
  c(`${M}rejects when pgbouncer is nil`,
    { ...pooler({ monitoring: { enablePodMonitor: true, tls: { enabled: true } } }), spec: { cluster: { name: 'cluster-example' }, monitoring: { enablePodMonitor: true, tls: { enabled: true } } } },
    { allowed: false, field: 'spec.pgbouncer.clientTLSSecret', message: CLIENT_TLS_REQUIRED },
    'upstream calls validateMonitoring alone (one error); the whole webhook also reports the missing pgbouncer section, and the CRD schema refuses the object before the webhook (pgbouncer is required)'),
];
