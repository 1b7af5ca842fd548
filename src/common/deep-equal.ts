import { isDeepStrictEqual } from 'util';

/**
 * Structural equality of two JSON-like values (parsed YAML or JSON, synthesised manifests): the same
 * keys with equal values, in any key order; arrays equal element by element, in order. Unlike comparing
 * `JSON.stringify` output, `{ cpu, memory }` equals `{ memory, cpu }`, as it does for the API server.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b);
}
