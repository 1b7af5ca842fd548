import { Violation } from './errors';

// CloudNativePG's validating admission webhook (internal/webhook/v1/cluster_webhook.go), as rules over a
// manifest in wire format (after defaulting). One source of truth: the Cluster construct checks its own
// output with these functions, and validateManifest() checks any YAML with them.
//
// STUB: the Cluster rules are being written on main; until then no webhook rule is reported.

/** Webhook violations of one CNPG object (only Cluster has a validating webhook among the wrapped kinds). */
export function webhookViolations(manifest: any): Violation[] {
  void manifest;
  return [];
}
