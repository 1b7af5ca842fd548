import { SchemaNode } from './crd-schema';
import { cloneJson } from '../common/json';

// What the API server does to an object before it validates it: non-nullable nulls are pruned and schema
// defaults applied (structural defaulting). It runs on the validator's private copy, never on the user's.

/**
 * What the API server does to one object of a custom resource when it decodes it: a `null` of a
 * non-nullable field is dropped (and then defaulted, if the schema has a default), and absent fields
 * with a schema default get it. The caller walks the object and calls this on every object it meets,
 * parents first, so defaulted values are defaulted in turn. In place; returns the fields it defaulted.
 */
export function applyNodeDefaults(obj: { [key: string]: unknown }, node: SchemaNode): Set<string> | undefined {
  for (const key in obj) {
    if (obj[key] !== null) continue;
    const child = node.child(key);
    if (child && !child.nullable) delete obj[key]; // an unknown field stays, to be reported
  }
  let defaulted: Set<string> | undefined;
  for (const [key, def] of node.defaults) {
    if (obj[key] !== undefined) continue;
    obj[key] = cloneJson(def);
    (defaulted ??= new Set()).add(key);
  }
  return defaulted;
}
