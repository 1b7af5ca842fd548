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
