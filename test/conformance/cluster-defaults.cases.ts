import { ConformanceCase } from './format';

// Upstream's defaulting specs (api/v1/cluster_defaults_test.go, CloudNativePG v1.30.0). Format: README.md.

/** Every spec of cluster_defaults_test.go. */
export const CLUSTER_DEFAULTS_CASES: readonly ConformanceCase[] = [];
