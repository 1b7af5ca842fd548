import { show, Violation } from '../common/errors';
import { isObject, jsonType, pathJoin } from '../common/json';
import { objectNameViolations, DNS_LABEL, qualifiedKeyProblem } from '../common/names';

// ObjectMeta of a create request, as the API server validates it (the CRD schema says only
// `metadata: {type: object}`; the rest is Kubernetes' own validation).

const META_FIELDS = new Set([
  'name', 'generateName', 'namespace', 'labels', 'annotations', 'finalizers', 'ownerReferences',
  'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds',
  'managedFields', 'selfLink',
]);
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

function stringMap(value: unknown, path: string, what: string, out: Violation[]): value is { [k: string]: unknown } {
  if (!isObject(value)) {
    out.push({ path, message: `${show(value)} is ${jsonType(value)}; expected a map of strings`, source: 'CRD schema', upstream: 'must be of type object' });
    return false;
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      out.push({ path: pathJoin(path, k), message: `${what} value ${show(v)} is ${jsonType(v)}; expected a string (quote it in YAML)`, source: 'CRD schema', upstream: 'must be of type string' });
    }
  }
  return true;
}

/**
 * ObjectMeta as the API server reads it from a custom resource (a JSON round trip through Go's
 * ObjectMeta): a `null` field is absent (`namespace: ~` is no namespace, so the request's), and a `null`
 * label or annotation value is the empty string. Returns the metadata itself when it holds no null.
 */
export function normalizeMetadata(meta: unknown): unknown {
  if (!isObject(meta)) return meta;
  const hasNull = (m: unknown) => isObject(m) && Object.values(m).some((x) => x === null);
  if (!hasNull(meta) && !hasNull(meta.labels) && !hasNull(meta.annotations)) return meta;
  const out: { [key: string]: unknown } = {};
  for (const [key, value] of Object.entries(meta)) {
    if (value === null) continue;
    out[key] = (key === 'labels' || key === 'annotations') && isObject(value)
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === null ? '' : v]))
      : value;
  }
  return out;
}

/** What the ObjectMeta rules found. */
export interface MetadataResult {
  readonly violations: Violation[];
  /**
   * A violation is of a type that makes the API server skip the CEL rules of the object: a missing name
   * (Required), annotations over the size limit (TooLong), metadata that is not an object (TypeInvalid).
   */
  readonly blocking: boolean;
}

/**
 * ObjectMeta rules of a create request: name, namespace (by scope), labels, annotations, known fields.
 * Give it normalized metadata (see {@link normalizeMetadata}).
 */
export function checkMetadata(obj: { [key: string]: any }, kind: string, clusterScoped: boolean): MetadataResult {
  const out: Violation[] = [];
  let blocking = false;
  const meta = obj.metadata;
  if (meta === undefined || meta === null) {
    return { violations: [{ path: 'metadata', message: `${kind} has no metadata; expected at least metadata.name`, source: 'CRD schema', upstream: 'Required value' }], blocking: true };
  }
  if (!isObject(meta)) {
    return { violations: [{ path: 'metadata', message: `${show(meta)} is ${jsonType(meta)}; expected an object`, source: 'CRD schema', upstream: 'must be of type object' }], blocking: true };
  }
  for (const key of Object.keys(meta)) {
    if (!META_FIELDS.has(key)) {
      out.push({ path: pathJoin('metadata', key), message: `unknown field ${show(key)}: ObjectMeta has no such field, so the API server would drop it silently`, source: 'CRD schema', upstream: 'field not declared in schema' });
    }
  }
  const { name, generateName, namespace } = meta;
  if (name === undefined || name === '') {
    if (typeof generateName !== 'string' || generateName === '') {
      blocking = true;
      out.push({ path: 'metadata.name', message: `${kind} has no name; expected metadata.name (a lowercase DNS-1123 subdomain)`, source: 'CRD schema', upstream: 'Required value: name or generateName is required' });
    }
  } else if (typeof name !== 'string') {
    out.push({ path: 'metadata.name', message: `${show(name)} is ${jsonType(name)}; expected a string`, source: 'CRD schema', upstream: 'must be of type string' });
  } else {
    out.push(...objectNameViolations('metadata.name', name));
  }
  if (namespace !== undefined && namespace !== '') {
    if (clusterScoped) {
      out.push({
        path: 'metadata.namespace',
        message: `${kind} is cluster-scoped, yet metadata.namespace is ${show(namespace)}; remove it (the API server ignores it and a GitOps tool would report a permanent diff)`,
        source: 'CRD schema',
      });
    } else if (typeof namespace !== 'string' || namespace.length > 63 || !DNS_LABEL.test(namespace)) {
      out.push({ path: 'metadata.namespace', message: `${show(namespace)} is not a valid namespace; expected a lowercase DNS-1123 label of at most 63 characters`, source: 'CRD schema' });
    }
  }
  if (meta.labels !== undefined && stringMap(meta.labels, 'metadata.labels', 'label', out)) {
    for (const [k, v] of Object.entries(meta.labels)) {
      const problem = qualifiedKeyProblem(k);
      if (problem) out.push({ path: pathJoin('metadata.labels', k), message: `label key ${show(k)} is not a qualified name: ${problem}`, source: 'CRD schema' });
      if (typeof v === 'string' && (v.length > 63 || !LABEL_VALUE.test(v))) {
        out.push({ path: pathJoin('metadata.labels', k), message: `label value ${show(v)} is not accepted; expected at most 63 characters of [A-Za-z0-9-_.], starting and ending with a letter or digit`, source: 'CRD schema' });
      }
    }
  }
  if (meta.annotations !== undefined && stringMap(meta.annotations, 'metadata.annotations', 'annotation', out)) {
    let bytes = 0;
    for (const [k, v] of Object.entries(meta.annotations)) {
      const problem = qualifiedKeyProblem(k.toLowerCase());
      if (problem) out.push({ path: pathJoin('metadata.annotations', k), message: `annotation key ${show(k)} is not a qualified name: ${problem}`, source: 'CRD schema' });
      bytes += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
    }
    if (bytes > ANNOTATIONS_MAX_BYTES) {
      blocking = true;
      out.push({ path: 'metadata.annotations', message: `annotations total ${bytes} bytes; at most ${ANNOTATIONS_MAX_BYTES} are accepted`, source: 'CRD schema', upstream: `Too long: must have at most ${ANNOTATIONS_MAX_BYTES} bytes` });
    }
  }
  if (meta.finalizers !== undefined && (!Array.isArray(meta.finalizers) || meta.finalizers.some((f: unknown) => typeof f !== 'string'))) {
    out.push({ path: 'metadata.finalizers', message: `${show(meta.finalizers)} is not a list of strings`, source: 'CRD schema' });
  }
  return { violations: out, blocking };
}
