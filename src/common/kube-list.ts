import { show, Violation } from './errors';
import { isObject, jsonType } from './json';

// A list of objects, read the way kubectl reads one (apimachinery's unstructured JSON scheme): any object
// with an `items` field is a list (`v1/List`, `postgresql.cnpg.io/v1/ClusterList`, ...), and kubectl applies
// each item, never the list itself. An item without kind and apiVersion takes the list's apiVersion and its
// kind without the `List` suffix.

/** The items of a list, or why they cannot be read. */
export interface ListItems {
  /** The objects kubectl would send, in order (an item of a typed list completed with its kind and apiVersion). */
  readonly items: readonly unknown[];
  /** Set when `items` is not a list: kubectl refuses the document. */
  readonly error?: Violation;
}

/** The items of an object that kubectl reads as a list; undefined for an object that is not one. */
export function listItems(obj: unknown): ListItems | undefined {
  if (!isObject(obj) || !('items' in obj)) return undefined;
  const items = obj.items;
  if (items === null || items === undefined) return { items: [] };
  if (!Array.isArray(items)) {
    return {
      items: [],
      error: {
        path: 'items',
        message: `${show(items)} is ${jsonType(items)}; an object with an items field is a list for kubectl, and items must be a list of objects`,
        source: 'CRD schema',
        upstream: `cannot unmarshal ${jsonType(items) === 'integer' ? 'number' : jsonType(items)} into Go struct field .items of type []json.RawMessage`,
      },
    };
  }
  const itemKind = typeof obj.kind === 'string' ? obj.kind.replace(/List$/, '') : undefined;
  return {
    items: items.map((item) => (isObject(item) && !item.kind && !item.apiVersion && itemKind !== undefined
      ? { apiVersion: obj.apiVersion, kind: itemKind, ...item }
      : item)),
  };
}
