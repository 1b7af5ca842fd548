import { BACKUP_CASES } from './backup.cases';
import { CLUSTER_DEFAULTS_CASES } from './cluster-defaults.cases';
import { CLUSTER_CASES } from './cluster.cases';
import { DATABASE_CASES } from './database.cases';
import { ConformanceSuite, isNotApplicable } from './format';
import { POOLER_CASES } from './pooler.cases';
import { SCHEDULED_BACKUP_CASES } from './scheduledbackup.cases';

// Every webhook's conformance data: one row of the README table each. To add a webhook, write its
// `<kind>.cases.ts` and add it here.

/** The conformance suites, in the README table's order. */
export const SUITES: readonly ConformanceSuite[] = [
  { webhook: 'Cluster (validating)', upstream: 'internal/webhook/v1/cluster_webhook_test.go', cases: CLUSTER_CASES },
  { webhook: 'Cluster (defaulting)', upstream: 'api/v1/cluster_defaults_test.go', cases: CLUSTER_DEFAULTS_CASES },
  { webhook: 'Database (validating)', upstream: 'internal/webhook/v1/database_webhook_test.go', cases: DATABASE_CASES },
  { webhook: 'Pooler (validating)', upstream: 'internal/webhook/v1/pooler_webhook_test.go', cases: POOLER_CASES },
  { webhook: 'Backup (validating)', upstream: 'internal/webhook/v1/backup_webhook_test.go', cases: BACKUP_CASES },
  { webhook: 'ScheduledBackup (validating)', upstream: 'internal/webhook/v1/scheduledbackup_webhook_test.go', cases: SCHEDULED_BACKUP_CASES },
];

/** Specs of a suite by outcome: a spec is ported when at least one of its cases is. */
export function suiteCounts(suite: ConformanceSuite): { specs: number; ported: number; notApplicable: number } {
  const ported = new Set<string>();
  const all = new Set<string>();
  for (const c of suite.cases) {
    all.add(c.test);
    if (!isNotApplicable(c.expect)) ported.add(c.test);
  }
  return { specs: all.size, ported: ported.size, notApplicable: all.size - ported.size };
}

/** The README's conformance table (between its `conformance-table` markers). */
export function conformanceTable(suites: readonly ConformanceSuite[] = SUITES): string {
  const rows = suites.map((s) => {
    const n = suiteCounts(s);
    return `| ${s.webhook} | \`${s.upstream}\` | ${n.specs} | ${n.ported} | ${n.notApplicable} |`;
  });
  return [
    '| Webhook | Upstream test file (CloudNativePG v1.30.0) | Upstream specs | Ported | Not applicable |',
    '|---|---|---:|---:|---:|',
    ...rows,
  ].join('\n');
}
