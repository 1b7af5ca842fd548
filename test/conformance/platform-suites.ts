import { BACKUP_CASES } from './backup.cases';
import { ConformanceSuite } from './format';
import { POOLER_CASES } from './pooler.cases';
import { SCHEDULED_BACKUP_CASES } from './scheduledbackup.cases';

// The conformance suites of the Pooler, Backup and ScheduledBackup webhooks (branch platform). They join
// SUITES in suites.ts when the branches meet; until then ../conformance-platform.test.ts runs them.

/** The suites of the Pooler, Backup and ScheduledBackup webhooks. */
export const PLATFORM_SUITES: readonly ConformanceSuite[] = [
  { webhook: 'Pooler', upstream: 'internal/webhook/v1/pooler_webhook_test.go', cases: POOLER_CASES },
  { webhook: 'Backup', upstream: 'internal/webhook/v1/backup_webhook_test.go', cases: BACKUP_CASES },
  { webhook: 'ScheduledBackup', upstream: 'internal/webhook/v1/scheduledbackup_webhook_test.go', cases: SCHEDULED_BACKUP_CASES },
];
