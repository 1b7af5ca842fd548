import { ConformanceCase } from './format';

// Upstream's Cluster webhook specs (internal/webhook/v1/cluster_webhook_test.go, CloudNativePG v1.30.0),
// in the file's order. Upstream builds partial Go objects and calls one validator; each manifest here is a
// whole Cluster (cluster() adds a name and a storage size) so that it also passes every other rule, and
// the case checks the whole admission path. Format: README.md beside this file.

const UPSTREAM = 'internal/webhook/v1/cluster_webhook_test.go';

/** A Cluster manifest: the name and storage upstream's partial objects leave out, then `spec`. */
export function cluster(spec: object = {}, metadata: object = {}): object {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: 'cluster-example', ...metadata },
    spec: { storage: { size: '1Gi' }, ...spec },
  };
}

function c(test: string, object: object | undefined, expect: ConformanceCase['expect'], extra: Partial<ConformanceCase> = {}): ConformanceCase {
  return { upstream: UPSTREAM, test, kind: 'Cluster', object, expect, ...extra };
}

const ok = { allowed: true } as const;
function refused(field: string, message: string, count?: number): ConformanceCase['expect'] {
  return { allowed: false, field, message, ...(count === undefined ? {} : { count }) };
}

/** Every spec of cluster_webhook_test.go. */
export const CLUSTER_CASES: readonly ConformanceCase[] = [
  // bootstrap methods validation
  c('bootstrap methods validation > doesn\'t complain if there isn\'t a configuration', cluster(), ok),
  c('bootstrap methods validation > doesn\'t complain if we are using initdb', cluster({ bootstrap: { initdb: {} } }), ok),
  c('bootstrap methods validation > doesn\'t complain if we are using recovery', cluster({ bootstrap: { recovery: {} } }), ok),
  c('bootstrap methods validation > complains where there are two active bootstrap methods',
    cluster({ bootstrap: { recovery: {}, initdb: {} } }), refused('spec.bootstrap', 'Only one bootstrap method can be specified at a time')),
];
