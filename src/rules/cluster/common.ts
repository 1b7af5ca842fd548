import { Violation } from '../../common/errors';
import { ImageReference } from '../../common/image-reference';

// Shared by the Cluster webhook's rules: the violation shape and the Cluster facts the operator derives
// (api/v1/cluster_funcs.go), read from a manifest in wire format.

/**
 * The default image of a Cluster that names neither `imageName` nor `imageCatalogRef`: the operator's
 * `POSTGRES_IMAGE_NAME` of CloudNativePG 1.30.0 (an operator configured otherwise uses its own).
 */
export const OPERATOR_DEFAULT_IMAGE = 'ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie';

/** A webhook violation: the library's message, with the operator's own verbatim in `upstream`. */
export function violation(path: string, message: string, upstream: string): Violation {
  return { path, message, source: 'webhook', upstream };
}

/** A Cluster manifest's parts the rules read (wire format; anything may be missing or mistyped). */
export type ClusterManifest = any;

/** `spec` (an empty object when missing). */
export function specOf(cluster: ClusterManifest): any {
  const spec = cluster?.spec;
  return spec !== null && typeof spec === 'object' ? spec : {};
}

/** `metadata.annotations` (an empty object when missing). */
export function annotationsOf(cluster: ClusterManifest): { [key: string]: unknown } {
  const a = cluster?.metadata?.annotations;
  return a !== null && typeof a === 'object' ? a : {};
}

/** `spec.postgresql.parameters` (an empty object when missing). */
export function parametersOf(cluster: ClusterManifest): { [name: string]: unknown } {
  const p = specOf(cluster).postgresql?.parameters;
  return p !== null && typeof p === 'object' && !Array.isArray(p) ? p : {};
}

/** A string field as Go reads it: a missing field is the empty string. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A list field (an empty list when missing). */
export function list(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/** `spec.instances` (the CRD's default, 1, when missing). */
export function instancesOf(cluster: ClusterManifest): number {
  const n = specOf(cluster).instances;
  return typeof n === 'number' ? n : 1;
}

/** `Cluster.ExternalCluster(name)`. */
export function externalCluster(cluster: ClusterManifest, name: string): any | undefined {
  return list(specOf(cluster).externalClusters).find((c) => c?.name === name);
}

/** `Cluster.IsReplica()`: `replica.enabled` when set, else whether this cluster is not the named primary. */
export function isReplica(cluster: ClusterManifest): boolean {
  const r = specOf(cluster).replica;
  if (r === null || typeof r !== 'object') return false;
  if (typeof r.enabled === 'boolean') return r.enabled;
  const self = str(r.self) || str(cluster?.metadata?.name);
  return self !== str(r.primary);
}

/**
 * `Cluster.GetPostgresqlMajorVersion()`: `imageCatalogRef.major`, else the major of `imageName`'s tag, else
 * that of the operator's default image; undefined where the operator errs.
 */
export function clusterMajor(cluster: ClusterManifest): number | undefined {
  const spec = specOf(cluster);
  if (spec.imageCatalogRef !== null && typeof spec.imageCatalogRef === 'object') {
    const m = spec.imageCatalogRef.major;
    return typeof m === 'number' ? m : 0;
  }
  return imageOf(cluster).major;
}

/** Parsed image names by spec object: the defaults and every rule of one admission share one parse. */
const PARSED = new WeakMap<object, ImageReference>();

/** The Cluster's image name (the operator's default image when it names none), parsed once per spec. */
export function imageOf(cluster: ClusterManifest): ImageReference {
  const spec = specOf(cluster);
  const text = str(spec.imageName) || OPERATOR_DEFAULT_IMAGE;
  const known = PARSED.get(spec);
  if (known !== undefined && known.text === text) return known;
  const parsed = ImageReference.parse(text);
  if (spec === cluster?.spec) PARSED.set(spec, parsed);
  return parsed;
}

/** True when the value is a non-null object. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}
