import { backupWebhookViolations, scheduledBackupWebhookViolations, scheduledBackupWebhookWarnings } from './backup';
import { clusterUpdateViolations, clusterWebhookViolations, clusterWebhookWarnings } from './cluster';
import { MIN_CLUSTER_MAJOR } from './cluster/configuration';
import { clusterNameViolations, imageNameViolations } from './cluster/pod';
import { databaseWebhookViolations } from './database';
import { poolerWebhookViolations, poolerWebhookWarnings } from './pooler';
import { isCnpgApiVersion } from '../common/constants';
import { show, Violation } from '../common/errors';
import { ImageReference } from '../common/image-reference';

// The operator's validating webhooks, by kind: one entry for the admission layer (validateManifest and synth)
// and for the constructs. The Cluster webhook's rules are in ./cluster (one file per area, each validator
// named after the Go function it ports); messages quote the webhook verbatim in `upstream`.

export { clusterNameViolations, imageNameViolations, MIN_CLUSTER_MAJOR, clusterWebhookViolations, clusterUpdateViolations, clusterWebhookWarnings };
export { CLUSTER_NAME_MAX_LENGTH } from './cluster/pod';

/** The major of an image name, as the operator reads it from the tag; undefined when it cannot. */
export function majorFromImageName(imageName: string | ImageReference): number | undefined {
  return (typeof imageName === 'string' ? ImageReference.parse(imageName) : imageName).major;
}

/** A major below 13 (reported on spec.imageName, as the webhook does, even for a catalog ref). */
export function majorViolations(major: number | undefined, path = 'spec.imageName'): Violation[] {
  if (major !== undefined && major < MIN_CLUSTER_MAJOR) {
    return [{ path, message: `PostgreSQL ${show(major)} is not supported; expected ${MIN_CLUSTER_MAJOR} or later`, source: 'webhook', upstream: 'Unsupported PostgreSQL version. Versions 13 or newer are supported' }];
  }
  return [];
}

function isKind(manifest: any, kind: string): boolean {
  return manifest?.kind === kind && isCnpgApiVersion(manifest?.apiVersion);
}

/** The validating webhooks by kind (Database's in database.ts, Pooler's in pooler.ts, the backups' in backup.ts). */
const WEBHOOKS: { readonly [kind: string]: (manifest: any) => Violation[] } = {
  Cluster: clusterWebhookViolations,
  Database: databaseWebhookViolations,
  Pooler: poolerWebhookViolations,
  Backup: backupWebhookViolations,
  ScheduledBackup: scheduledBackupWebhookViolations,
};

/** The warnings of the webhooks that return some with an accepted object, by kind. */
const WARNINGS: { readonly [kind: string]: (manifest: any) => string[] } = {
  Cluster: clusterWebhookWarnings,
  Pooler: poolerWebhookWarnings,
  ScheduledBackup: scheduledBackupWebhookWarnings,
};

/**
 * Whether `cnpg.io/validation: disabled` turns the kind's webhook off. Every CNPG webhook honours it, except
 * ScheduledBackup's: its admission webhook is registered without the bypass (scheduledbackup_webhook.go).
 */
export function webhookBypassable(kind: unknown): boolean {
  return kind !== 'ScheduledBackup';
}

/** Webhook violations of one CNPG object (after the operator's defaults; none for a kind without a validating webhook). */
export function webhookViolations(manifest: any): Violation[] {
  const kind = manifest?.kind;
  const webhook = typeof kind === 'string' && Object.prototype.hasOwnProperty.call(WEBHOOKS, kind) ? WEBHOOKS[kind] : undefined;
  return webhook && isKind(manifest, kind) ? webhook(manifest) : [];
}

/** Update rules of one CNPG object against its stored version (only kinds with update rules return any). */
export function webhookUpdateViolations(old: any, next: any): Violation[] {
  if (isKind(next, 'Cluster') && isKind(old, 'Cluster')) return clusterUpdateViolations(old, next);
  return [];
}

/** The warnings the webhook of one CNPG object's kind returns with its verdict (after the operator's defaults). */
export function webhookWarnings(manifest: any): string[] {
  const kind = manifest?.kind;
  const warnings = typeof kind === 'string' && Object.prototype.hasOwnProperty.call(WARNINGS, kind) ? WARNINGS[kind] : undefined;
  return warnings && isKind(manifest, kind) ? warnings(manifest) : [];
}
