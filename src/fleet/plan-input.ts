import * as fs from 'fs';
import { PlanMessage } from './plan-types';
import { isCnpgObject, severityOf, validateObject } from '../admission/manifest';
import { isCnpgApiVersion, OPERATOR_CONFIG_NAME } from '../common/constants';
import { deepEqual } from '../common/deep-equal';
import { formatViolation, show } from '../common/errors';
import { isObject } from '../common/json';
import { listItems } from '../common/kube-list';
import { readKubectlDocuments, yamlFiles } from '../common/yaml';

// The two sides of a plan, read and checked before anything is compared: every document with where it
// came from, each object once (a second definition is an error naming both places), every CloudNativePG
// object valid (validate's own messages), and the operator's rollout delays parsed as the operator
// parses them.

/** A document and where it came from (`file#index`, or `before[3]` for objects given in code). */
export interface Located {
  readonly value: any;
  readonly where: string;
}

/** One side of the plan, indexed. */
export interface FleetInput {
  /** Catalogs by `ClusterImageCatalog/name` or `ImageCatalog/namespace/name`. */
  readonly catalogs: Map<string, Located>;
  /** Clusters by `namespace/name`. */
  readonly clusters: Map<string, Located>;
  /** Poolers by `namespace/name`. */
  readonly poolers: Map<string, Located>;
  /** Keys of CloudNativePG objects that are invalid, with validate's messages. */
  readonly invalid: Map<string, string[]>;
  /** The same, without the place: what validation said of the object itself. */
  readonly issues: Map<string, string[]>;
  /** The operator configuration (ConfigMap, then Secret: the Secret wins). */
  readonly config: { readonly [k: string]: string };
  /** Where the configuration comes from. */
  readonly configSource: string;
}

const CATALOG_KINDS = new Set(['ClusterImageCatalog', 'ImageCatalog']);

/** The CloudNativePG kinds the plan compares, and the index of each. */
const INDEXED = new Map<unknown, 'catalogs' | 'clusters' | 'poolers'>([
  ['ClusterImageCatalog', 'catalogs'], ['ImageCatalog', 'catalogs'], ['Cluster', 'clusters'], ['Pooler', 'poolers'],
]);

/** Keys by which an operator configuration under another name is recognised. */
const CONFIG_KEYS = ['CLUSTERS_ROLLOUT_DELAY', 'INSTANCES_ROLLOUT_DELAY', 'OPERATOR_IMAGE_NAME', 'POSTGRES_IMAGE_NAME', 'INHERITED_LABELS'];

/** `ClusterImageCatalog/name` or `ImageCatalog/namespace/name`. */
export function catalogKey(kind: string, namespace: string | undefined, name: string): string {
  return kind === 'ClusterImageCatalog' ? `ClusterImageCatalog/${name}` : `ImageCatalog/${namespace || 'default'}/${name}`;
}

/** `namespace/name` of a namespaced object. */
export function objectKey(obj: any): string {
  return `${obj?.metadata?.namespace || 'default'}/${obj?.metadata?.name}`;
}

function isOperatorConfig(doc: any): boolean {
  if (doc?.apiVersion !== 'v1' || (doc.kind !== 'ConfigMap' && doc.kind !== 'Secret')) return false;
  if (doc.metadata?.name === OPERATOR_CONFIG_NAME) return true;
  return CONFIG_KEYS.some((k) => (isObject(doc.data) && k in doc.data) || (isObject(doc.stringData) && k in doc.stringData));
}

/** Every document of every YAML file under a folder, with its place (`file#index`, `file#index items[i]`). */
export function readLocatedDir(dir: string, problems: PlanMessage[]): Located[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`not a folder: ${dir}`);
  const out: Located[] = [];
  for (const file of yamlFiles(dir)) {
    for (const doc of readKubectlDocuments(fs.readFileSync(file))) {
      const where = `${file}#${doc.index}`;
      if (doc.error !== undefined) {
        problems.push({ subject: where, message: doc.error });
        continue;
      }
      const value: any = doc.value;
      if (value === undefined || value === null) continue;
      // kubectl applies the items of a list (any object with `items`), never the list itself
      const list = listItems(value);
      if (list?.error) problems.push({ subject: where, message: formatViolation(list.error) });
      else if (list) list.items.forEach((item, i) => out.push({ value: item, where: `${where} items[${i}]` }));
      else out.push({ value, where });
    }
  }
  return out;
}

/** Objects given in code, placed as `before[3]`. */
export function locateObjects(side: string, objects: readonly unknown[]): Located[] {
  if (!Array.isArray(objects)) throw new Error(`${side}: ${show(objects)} is not a list of manifests`);
  return objects.map((value, i) => ({ value, where: `${side}[${i}]` }));
}

/** The identity of an object for duplicate detection: group, kind, namespace and name. */
function identity(value: any): string | undefined {
  if (!isObject(value) || typeof value.kind !== 'string' || typeof value.metadata?.name !== 'string') return undefined;
  const group = typeof value.apiVersion === 'string' && value.apiVersion.includes('/') ? value.apiVersion.split('/')[0] : '';
  const namespace = value.kind === 'ClusterImageCatalog' ? '' : value.metadata.namespace || 'default';
  return `${group}/${value.kind}/${namespace}/${value.metadata.name}`;
}

function describe(value: any): string {
  const namespace = value.kind === 'ClusterImageCatalog' ? '' : `${value.metadata.namespace || 'default'}/`;
  return `${value.kind} ${namespace}${value.metadata.name}`;
}

function configData(doc: any, where: string, problems: PlanMessage[]): { [k: string]: string } {
  const out: { [k: string]: string } = {};
  const sections: Array<[unknown, boolean]> = [[doc.data, doc.kind === 'Secret'], [doc.stringData, false]];
  for (const [section, base64] of sections) {
    if (!isObject(section)) continue;
    for (const key of Object.keys(section)) {
      const value = section[key];
      if (typeof value !== 'string') {
        problems.push({ subject: where, message: `${key} is ${JSON.stringify(value)} (a ${typeof value}); ConfigMap and Secret values are strings: quote it ('${String(value)}')` });
        continue;
      }
      out[key] = base64 ? Buffer.from(value, 'base64').toString('utf8') : value;
    }
  }
  return out;
}

/**
 * Indexes one side: duplicates and invalid CloudNativePG objects become problems (with the places and
 * validate's messages); the operator configuration is merged as the operator reads it.
 */
export function indexSide(side: string, docs: readonly Located[], problems: PlanMessage[], other?: FleetInput): FleetInput {
  const seen = new Map<string, string>();
  const catalogs = new Map<string, Located>();
  const clusters = new Map<string, Located>();
  const poolers = new Map<string, Located>();
  const invalid = new Map<string, string[]>();
  const issuesOf = new Map<string, string[]>();
  const configMap: { [k: string]: string } = {};
  const secret: { [k: string]: string } = {};
  const sources: string[] = [];
  const validate = (value: any, kind: string, key: string, doc: Located, same?: Located) => {
    // An object the other side holds unchanged (most of a catalog update) was validated there already
    const known = same !== undefined && deepEqual(same.value, value) ? (other?.issues.get(`${kind}:${key}`) ?? []) : undefined;
    // Errors only: the library's own warnings (unpinned images, ...) are validate's business, not a plan's
    const issues = known ?? validateObject(value, { warnings: false }).filter((v) => severityOf(v) === 'error').map(formatViolation);
    if (issues.length === 0) return;
    const subject = `${kind} ${CATALOG_KINDS.has(kind) ? key.slice(key.indexOf('/') + 1) : key}`;
    const messages = issues.map((i) => `${doc.where} ${kind}/${value.metadata?.name ?? '<unnamed>'} ${i}`);
    for (const message of messages) problems.push({ subject, message });
    invalid.set(`${kind}:${key}`, messages);
    issuesOf.set(`${kind}:${key}`, issues);
  };
  const otherMap = (indexed: string) => (other === undefined ? undefined : indexed === 'catalogs' ? other.catalogs : indexed === 'clusters' ? other.clusters : other.poolers);
  const twice = (value: any, first: string, doc: Located) => problems.push({
    subject: describe(value),
    message: `defined twice in the ${side} manifests: ${first} and ${doc.where}; the API server keeps only the last one applied, so the plan would depend on file order. Keep one definition`,
  });
  for (const doc of docs) {
    const value = doc.value;
    const kind = value?.kind;
    // The kinds the plan indexes are their own duplicate check (one map operation per object, 200,000 times)
    const indexed = isCnpgApiVersion(value?.apiVersion) && typeof value.metadata?.name === 'string' ? INDEXED.get(kind) : undefined;
    if (indexed !== undefined) {
      const key = indexed === 'catalogs' ? catalogKey(kind, value.metadata?.namespace, value.metadata?.name) : objectKey(value);
      const map = indexed === 'catalogs' ? catalogs : indexed === 'clusters' ? clusters : poolers;
      const first = map.get(key);
      if (first !== undefined && first.value.kind === kind) {
        twice(value, first.where, doc);
        continue;
      }
      const same = otherMap(indexed)?.get(key);
      validate(value, kind, key, doc, same?.value.kind === kind ? same : undefined);
      map.set(key, doc);
      continue;
    }
    const id = identity(value);
    if (id !== undefined) {
      const first = seen.get(id);
      if (first !== undefined) {
        twice(value, first, doc);
        continue;
      }
      seen.set(id, doc.where);
    }
    if (isCnpgObject(value)) {
      validate(value, kind, objectKey(value), doc);
    } else if (isOperatorConfig(value)) {
      const where = `${value.kind} ${value.metadata?.namespace || 'default'}/${value.metadata?.name}`;
      Object.assign(value.kind === 'ConfigMap' ? configMap : secret, configData(value, `${where} (${doc.where})`, problems));
      sources.push(where);
    }
  }
  // The operator reads the ConfigMap, then the Secret: the Secret wins.
  return { catalogs, clusters, poolers, invalid, issues: issuesOf, config: { ...configMap, ...secret }, configSource: sources.join(' + ') };
}

/** Go's int64 range: strconv.ParseInt(value, 10, 0) on a 64-bit platform. */
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
/** The largest number of seconds `time.Duration(n) * time.Second` holds (int64 nanoseconds, about 292 years). */
export const MAX_DELAY_SECONDS = 9223372036;

/** A rollout delay as the operator reads it, or why it cannot. */
export interface ParsedDelay {
  /** Seconds the operator waits (0 when unset or negative). */
  readonly seconds: number;
  /** Why the value is refused (the operator would not wait what it says). */
  readonly error?: string;
  /** A value the operator accepts but treats as no delay. */
  readonly warning?: string;
}

/**
 * Parses CLUSTERS_ROLLOUT_DELAY / INSTANCES_ROLLOUT_DELAY the way CloudNativePG 1.30.0 does
 * (pkg/configparser: `strconv.ParseInt(value, 10, 0)`, then `time.Duration(n) * time.Second`): a value it
 * cannot parse is skipped with a log line and the delay stays 0, and a value beyond the Duration range
 * wraps around. Both are errors here, so that `99999999999999999999` never silently becomes no delay.
 */
export function parseRolloutDelay(key: string, raw: string | undefined, from: string): ParsedDelay {
  if (raw === undefined) return { seconds: 0 };
  const skipped = `the operator parses it with strconv.ParseInt and would skip it ("Skipping invalid integer value parsing configuration"), leaving ${key} at 0 (no delay)`;
  if (!/^[+-]?[0-9]+$/.test(raw)) {
    return { seconds: 0, error: `${key} is ${show(raw)} (${from}): not a whole number of seconds; ${skipped}; expected digits only, such as "120"` };
  }
  const n = BigInt(raw);
  if (n > INT64_MAX || n < INT64_MIN) {
    return { seconds: 0, error: `${key} is ${show(raw)} (${from}): beyond a 64-bit integer; ${skipped}; expected at most ${MAX_DELAY_SECONDS} seconds` };
  }
  if (n > BigInt(MAX_DELAY_SECONDS) || n < -BigInt(MAX_DELAY_SECONDS)) {
    return { seconds: 0, error: `${key} is ${show(raw)} (${from}): the operator turns it into time.Duration(${raw}) * time.Second, which overflows int64 nanoseconds and wraps around; expected at most ${MAX_DELAY_SECONDS} seconds (about 292 years)` };
  }
  if (n < 0n) {
    return { seconds: 0, warning: `${key} is ${show(raw)} (${from}): a negative delay, which the operator treats as no delay at all` };
  }
  return { seconds: Number(n) };
}
