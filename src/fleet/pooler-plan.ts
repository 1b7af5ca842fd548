import { compact, RECONCILE_POD_SPEC_ANNOTATION } from './instance-pod';
import { catalogKey, FleetInput } from './plan-input';
import { PlanMessage, PoolerAction, PoolerChange } from './plan-types';
import { deepEqual } from '../common/deep-equal';
import { isObject } from '../common/json';

// What a change does to a Pooler. The operator builds the PgBouncer Deployment from the Pooler
// (pgbouncer.Deployment in pkg/specs/pgbouncer/deployments.go) and rewrites its spec whenever the hash of
// the Pooler spec, the operator image or the resolved PgBouncer image changes (updateDeployment in
// internal/controller/pooler_update.go); Kubernetes then replaces the pods if the pod template changed.
// The template carries the resolved image, spec.template, the metrics TLS switch, the service account and
// the operator image (bootstrap init container). PgBouncer settings (spec.pgbouncer.parameters, poolMode,
// pg_hba, …) reach the pods through a reload, not a restart (docs: connection_pooling.md, "PgBouncer
// configuration options"), and spec.instances only scales the Deployment.

/** The PgBouncer image of CloudNativePG 1.30.0 (`versions.DefaultPgbouncerImage`). */
export const OPERATOR_DEFAULT_PGBOUNCER_IMAGE = 'ghcr.io/cloudnative-pg/pgbouncer:1.25.1';

/** A Pooler's resolved PgBouncer image, as `resolvePoolerImage` picks it (internal/controller/pooler_image.go). */
interface PoolerImage {
  readonly image?: string;
  /** Where it comes from, for reasons. */
  readonly from: string;
  /** The Pooler would fail (phase failed): its catalog or key is missing. */
  readonly error?: string;
  /** The catalog is not in the manifests: the image is unknown. */
  readonly external?: boolean;
}

function componentImage(catalog: any, key: string): string | undefined {
  const list = catalog?.spec?.componentImages;
  if (!Array.isArray(list)) return undefined;
  return list.find((c: any) => c?.key === key)?.image;
}

/** 1. the pgbouncer container of spec.template, 2. spec.pgbouncer.image, 3. spec.pgbouncer.imageCatalogRef, 4. the operator's default. */
export function resolvePoolerImage(pooler: any, side: FleetInput, other: FleetInput): PoolerImage {
  const containers = pooler?.spec?.template?.spec?.containers;
  const fromTemplate = Array.isArray(containers) ? containers.find((c: any) => c?.name === 'pgbouncer')?.image : undefined;
  if (fromTemplate) return { image: fromTemplate, from: 'spec.template (pgbouncer container)' };
  const pgbouncer = pooler?.spec?.pgbouncer;
  if (pgbouncer?.image) return { image: pgbouncer.image, from: 'spec.pgbouncer.image' };
  const ref = pgbouncer?.imageCatalogRef;
  if (isObject(ref)) {
    const key = catalogKey(ref.kind, pooler.metadata?.namespace, ref.name);
    const catalog = side.catalogs.get(key);
    const from = `${key} componentImages["${ref.key}"]`;
    if (!catalog) {
      if (other.catalogs.has(key)) return { from, error: `${ref.kind} "${ref.name}" not found` };
      return { from, external: true };
    }
    const image = componentImage(catalog.value, ref.key);
    return image ? { image, from } : { from, error: `key "${ref.key}" not found in ${ref.kind} "${ref.name}"` };
  }
  const configured = side.config.PGBOUNCER_IMAGE_NAME;
  return { image: configured || OPERATOR_DEFAULT_PGBOUNCER_IMAGE, from: configured ? 'operator config PGBOUNCER_IMAGE_NAME' : "the operator's default" };
}

/** PgBouncer settings other than the image: they reach the pods by a reload. */
function settings(pooler: any): unknown {
  const { image: _i, imageCatalogRef: _r, ...rest } = isObject(pooler?.spec?.pgbouncer) ? pooler.spec.pgbouncer : ({} as any);
  return compact(rest);
}

function pods(pooler: any): number {
  const n = pooler?.spec?.instances;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 1;
}

/**
 * The change of one Pooler. `tagOf` shortens images for people; `operatorImageChanged` says whether
 * OPERATOR_IMAGE_NAME changed (the bootstrap init container of every PgBouncer pod).
 */
export function diffPooler(
  key: string, was: any, is: any, before: FleetInput, after: FleetInput,
  operatorImageChange: string | undefined, tagOf: (image: string | undefined) => string, warnings: PlanMessage[],
): PoolerChange {
  const cluster = is?.spec?.cluster?.name ?? was?.spec?.cluster?.name;
  const base = { pooler: key, cluster, podRollouts: 0 };
  if (before.invalid.has(`Pooler:${key}`) || after.invalid.has(`Pooler:${key}`)) {
    return { ...base, action: PoolerAction.INVALID, reasons: [...(before.invalid.get(`Pooler:${key}`) ?? []), ...(after.invalid.get(`Pooler:${key}`) ?? [])] };
  }
  if (!is) return { ...base, action: PoolerAction.DELETED, reasons: ['removed from the manifests: its Deployment, Service and pods are deleted'] };
  const i1 = resolvePoolerImage(is, after, before);
  if (i1.error) {
    return { ...base, action: PoolerAction.BROKEN, reasons: [`${i1.from}: ${i1.error}; the Pooler would be in phase "failed" and stop reconciling its Deployment`] };
  }
  if (!was) return { ...base, action: PoolerAction.CREATED, reasons: [`new Pooler of Cluster ${cluster} on ${i1.image ? tagOf(i1.image) : i1.from}`] };
  const i0 = resolvePoolerImage(was, before, after);
  const reasons: string[] = [];
  if (!i0.external && !i1.external && i0.image !== i1.image) reasons.push(`PgBouncer image changed (${i1.from}): ${tagOf(i0.image)} → ${tagOf(i1.image)}`);
  if (!deepEqual(compact(was.spec?.template), compact(is.spec?.template))) reasons.push('spec.template changed');
  if ((was.spec?.monitoring?.tls?.enabled === true) !== (is.spec?.monitoring?.tls?.enabled === true)) reasons.push('spec.monitoring.tls.enabled changed (METRICS_PORT_TLS)');
  if ((was.spec?.serviceAccountName || '') !== (is.spec?.serviceAccountName || '')) reasons.push('spec.serviceAccountName changed');
  if (operatorImageChange) reasons.push(`${operatorImageChange}: the bootstrap init container of every PgBouncer pod`);
  const reload: string[] = [];
  if (!deepEqual(settings(was), settings(is))) reload.push('spec.pgbouncer settings changed: PgBouncer reloads its configuration without a restart');
  if (pods(was) !== pods(is)) reload.push(`spec.instances ${pods(was)} → ${pods(is)}: the Deployment is scaled`);
  if (reasons.length > 0 && is.metadata?.annotations?.[RECONCILE_POD_SPEC_ANNOTATION] === 'disabled') {
    warnings.push({
      subject: `Pooler ${key}`,
      message: `${RECONCILE_POD_SPEC_ANNOTATION}: disabled: the operator only scales its Deployment, so these changes do not reach the PgBouncer pods: ${reasons.join('; ')}`,
    });
    return { ...base, action: reload.length > 0 ? PoolerAction.RECONFIGURED : PoolerAction.UNCHANGED, reasons: reload };
  }
  if (reasons.length > 0) return { ...base, action: PoolerAction.ROLLING_UPDATE, reasons: [...reasons, ...reload], podRollouts: pods(is) };
  return { ...base, action: reload.length > 0 ? PoolerAction.RECONFIGURED : PoolerAction.UNCHANGED, reasons: reload };
}
