import { show, Violation } from './errors';

// Small helpers over JSON data, shared by every layer.

const SEGMENTS = new Map<string, string>();

/** A JSON path segment: `.name`, `["a.b"]` or `[3]`. */
export function pathJoin(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  let segment = SEGMENTS.get(key);
  if (segment === undefined) {
    segment = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    if (SEGMENTS.size < 10_000) SEGMENTS.set(key, segment);
  }
  return path === '' && segment[0] === '.' ? key : path + segment;
}

/** The JSON type name of a value, as messages say it. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** True when a value is a plain JSON object. */
export function isObject(value: unknown): value is { [key: string]: any } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A deep copy of JSON data. Unlike structuredClone, the copy is made of this realm's arrays and objects
 * (the CEL library tells lists from maps with `Array.isArray`/prototypes, which differ across realms).
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson) as unknown as T;
  const out: { [key: string]: unknown } = {};
  for (const key of Object.keys(value)) out[key] = cloneJson((value as { [key: string]: unknown })[key]);
  return out as T;
}

/**
 * A quick look for what JSON cannot carry (most manifests hold none): true when a value may hold one, or
 * nests too deep to tell quickly (a circle does).
 */
function mayHoldNonJson(v: unknown, depth: number): boolean {
  if (typeof v === 'object') {
    if (v === null) return false;
    if (depth > 100) return true;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (mayHoldNonJson(v[i], depth + 1)) return true;
      return false;
    }
    for (const k in v) if (mayHoldNonJson((v as { [key: string]: unknown })[k], depth + 1)) return true;
    return false;
  }
  if (typeof v === 'number') return !Number.isFinite(v);
  return typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint';
}

/**
 * What JSON cannot carry, found in a value meant to be a manifest: a non-finite number (NaN and ±Infinity
 * become `null` in JSON and `.nan`/`.inf` in YAML, which kubectl cannot send: "json: unsupported value"),
 * a BigInt (JSON.stringify throws), a function or a symbol (dropped silently), a circular reference.
 * One violation per place, with its path (built only for a place found: the walk runs on every manifest).
 */
export function nonJsonValues(value: unknown, path = ''): Violation[] {
  if (!mayHoldNonJson(value, 0)) return [];
  const out: Violation[] = [];
  const keys: Array<string | number> = [];
  const ancestors = new Set<object>();
  const here = () => keys.reduce<string>((p, k) => pathJoin(p, k), path);
  const visit = (v: unknown): void => {
    switch (typeof v) {
      case 'number':
        if (!Number.isFinite(v)) {
          const yaml = Number.isNaN(v) ? '.nan' : v > 0 ? '.inf' : '-.inf';
          const go = Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
          out.push({ path: here(), message: `${show(v)} is not a finite number; a manifest holds only finite numbers (JSON has no NaN or Infinity, and kubectl cannot send the YAML's ${yaml})`, source: 'CRD schema', upstream: `json: unsupported value: ${go}` });
        }
        return;
      case 'bigint':
        out.push({ path: here(), message: `${show(v)} is a BigInt; a manifest holds JSON numbers (give a number, or a string for a quantity)`, source: 'CRD schema' });
        return;
      case 'function':
      case 'symbol':
        out.push({ path: here(), message: `${show(v)} is a ${typeof v}, not a JSON value; it would be dropped from the manifest silently`, source: 'CRD schema' });
        return;
      case 'object':
        if (v === null) return;
        if (ancestors.has(v)) {
          out.push({ path: here(), message: 'refers back to an object that contains it; a manifest is a tree (JSON cannot hold a circular reference)', source: 'CRD schema' });
          return;
        }
        ancestors.add(v);
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) {
            keys.push(i);
            visit(v[i]);
            keys.pop();
          }
        } else {
          for (const k in v) {
            if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
            keys.push(k);
            visit((v as { [key: string]: unknown })[k]);
            keys.pop();
          }
        }
        ancestors.delete(v);
        return;
      default:
    }
  };
  visit(value);
  return out;
}
