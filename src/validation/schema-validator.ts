import type { ErrorObject, ValidateFunction } from 'ajv';
import { isObject, jsonType, pathJoin, SchemaNode } from './crd-schema';
import { applyNodeDefaults } from './defaults';
import { show, Violation } from './errors';
import { FORMAT_DESCRIPTIONS } from './formats';
import { shallowAjvOptions, shallowKey, shallowSchema } from './shallow-schema';

// Structural validation of an object against its CRD schema, as the API server does it: types, required
// fields, enums, bounds, patterns, lengths, item counts, formats (ajv), plus what JSON Schema does not
// know: unknown fields are errors (the API server would prune them silently), list-map keys and sets are
// unique, int-or-string, nullable, preserve-unknown-fields, embedded resources.
//
// One walk over the object does everything per node, in the API server's order: prune non-nullable nulls
// and apply schema defaults, check the node's keywords with ajv, note its CEL rules, descend. Each schema
// node gets a shallow ajv validator (its own keywords; its children are visited by the walk), shared by
// identical nodes: the Cluster schema is large, and compiling it whole would cost more than synthesising a
// thousand Clusters. The shallow validators of every node of the kinds the library wraps are precompiled by
// `npx projen import` (ajv standalone code, imports/postgresql.cnpg.io.validators.ts): an app neither loads
// ajv nor compiles anything. A node without one (another kind, a schema given by a test) is compiled with
// ajv on first sight.

let AJV: any;

function ajv(): any {
  if (!AJV) {
    // Loaded only for a node without a precompiled validator (see validatorOf): most apps never load it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = require('ajv').default;
    AJV = new Ajv(shallowAjvOptions());
  }
  return AJV;
}

/** Compiles a shallow schema with ajv, at run time. */
export function compileShallow(schema: unknown): ValidateFunction {
  return ajv().compile(schema) as ValidateFunction;
}

let PRECOMPILED: { readonly [key: string]: ValidateFunction } | undefined;

/**
 * The validator `npx projen import` precompiled for a shallow schema (every node of the kinds the library
 * wraps has one), or undefined. The generated module is loaded on first use.
 */
export function precompiledShallow(key: string): ValidateFunction | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  PRECOMPILED ??= (require('../../imports/postgresql.cnpg.io.validators') as { SHALLOW_VALIDATORS: { [key: string]: ValidateFunction } }).SHALLOW_VALIDATORS;
  return Object.prototype.hasOwnProperty.call(PRECOMPILED, key) ? PRECOMPILED[key] : undefined;
}

const SHARED = new Map<string, ValidateFunction>();

/** The node's validator: precompiled or compiled on first use, shared by every node with the same keywords. */
function validatorOf(node: SchemaNode, isRoot: boolean): ValidateFunction {
  let v: ValidateFunction | undefined = node.cache.ajv;
  if (!v) {
    const schema = shallowSchema(node, isRoot);
    const key = shallowKey(schema);
    v = SHARED.get(key);
    if (!v) {
      v = precompiledShallow(key) ?? compileShallow(schema);
      SHARED.set(key, v);
    }
    node.cache.ajv = v;
  }
  return v;
}

/** A node whose CEL rules apply to a value of the object. */
export interface RuleSite {
  readonly node: SchemaNode;
  readonly value: any;
  readonly path: string;
}

/** What one structural pass found. */
export interface StructureResult {
  readonly violations: Violation[];
  /** Present values carrying CEL rules, parents before children. */
  readonly sites: RuleSite[];
}

/**
 * Prunes, defaults and validates an object (the whole manifest; `metadata` is left to the ObjectMeta
 * rules) against its kind's schema root. The object is modified: give it a private copy.
 */
export function checkStructure(obj: unknown, root: SchemaNode): StructureResult {
  const result: StructureResult = { violations: [], sites: [] };
  walk(obj, root, '', undefined, result);
  return result;
}

function typeMatches(value: unknown, node: SchemaNode): boolean {
  if (value === null || value === undefined) return false;
  switch (node.type) {
    case 'object': return isObject(value);
    case 'array': return Array.isArray(value);
    case 'string': return typeof value === 'string';
    case 'integer': return Number.isInteger(value);
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    default: return true;
  }
}

/** The JSON path of a node, built only when needed (most nodes are leaves without errors). */
function pathOf(parent: string, key: string | number | undefined): string {
  return key === undefined ? parent : pathJoin(parent, key);
}

function walk(value: unknown, node: SchemaNode, parent: string, key: string | number | undefined, result: StructureResult): void {
  const isRoot = key === undefined && parent === '';
  const defaulted = node.needsPrepare && isObject(value) ? applyNodeDefaults(value, node) : undefined;
  const validate = validatorOf(node, isRoot);
  if (!validate(value)) result.violations.push(...describeErrors(validate.errors ?? [], value, pathOf(parent, key)));
  if (!typeMatches(value, node)) return;
  if (node.rules.length === 0 && node.listType === undefined && !node.hasChildren) return;
  const path = pathOf(parent, key);
  if (node.rules.length > 0) result.sites.push({ node, value, path });
  if (Array.isArray(value)) {
    if (node.listType === 'map' || node.listType === 'set') result.violations.push(...checkListUniqueness(value, node, path));
    const items = node.items;
    if (items) for (let i = 0; i < value.length; i++) walk(value[i], items, path, i, result);
  } else if (isObject(value)) {
    for (const k in value) {
      if (isRoot && k === 'metadata') continue;
      const child = node.child(k);
      if (child === undefined) continue; // reported by the node's validator
      // A schema default is valid against its schema (the API server checks that when the CRD is
      // created): it needs only its own defaults, and the walk only for CEL rules.
      if (defaulted?.has(k) && !hasRules(child)) defaultsOnly(value[k], child);
      else walk(value[k], child, path, k, result);
    }
  }
}

/** Applies the schema defaults inside a defaulted value, as the API server does, without validating it. */
function defaultsOnly(value: unknown, node: SchemaNode): void {
  if (Array.isArray(value)) {
    if (node.items?.hasChildren) for (const item of value) defaultsOnly(item, node.items);
  } else if (isObject(value) && node.needsPrepare) {
    applyNodeDefaults(value, node);
    for (const k in value) {
      const child = node.child(k);
      if (child?.hasChildren) defaultsOnly(value[k], child);
    }
  }
}

/** The node or a descendant carries CEL rules (computed once per node). */
function hasRules(node: SchemaNode): boolean {
  let known: boolean | undefined = node.cache.hasRules;
  if (known === undefined) {
    known = node.rules.length > 0 || [...(node.properties?.values() ?? []), node.items, node.additional].some((c) => c !== undefined && hasRules(c));
    node.cache.hasRules = known;
  }
  return known;
}

/** `x-kubernetes-list-type: map` keys and `set` items are unique (the API server rejects duplicates). */
function checkListUniqueness(list: readonly unknown[], node: SchemaNode, path: string): Violation[] {
  const out: Violation[] = [];
  const seen = new Map<string, number>();
  const keys = node.listType === 'map' ? node.listMapKeys ?? [] : undefined;
  list.forEach((item, i) => {
    let id: string;
    let shown: string;
    if (keys) {
      if (!isObject(item)) return;
      const tuple: { [k: string]: unknown } = {};
      for (const k of keys) tuple[k] = item[k];
      id = JSON.stringify(keys.map((k) => item[k]));
      shown = JSON.stringify(tuple);
    } else {
      id = JSON.stringify(item);
      shown = show(item);
    }
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, i);
      return;
    }
    out.push({
      path: pathJoin(path, i),
      message: keys
        ? `${shown} repeats item ${first}; ${keys.map((k) => `"${k}"`).join(' and ')} must be unique in this list (x-kubernetes-list-type: map)`
        : `${shown} repeats item ${first}; items must be unique in this list (x-kubernetes-list-type: set)`,
      source: 'CRD schema',
      upstream: `Duplicate value: ${shown}`,
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// ajv errors → messages that name the path, the bad value and what is accepted

const A_TYPE: { [t: string]: string } = {
  string: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean', object: 'an object', array: 'an array', null: 'null',
};

function describeType(t: unknown): string {
  const list = Array.isArray(t) ? t : [t];
  return list.map((x) => A_TYPE[String(x)] ?? String(x)).join(' or ');
}

/** Resolves an ajv instancePath (JSON pointer) to our path syntax, telling indexes from map keys. */
function resolvePointer(base: string, root: unknown, pointer: string): { path: string; parent: unknown } {
  let path = base;
  let current: any = root;
  if (pointer === '') return { path, parent: undefined };
  let parent: unknown;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    parent = current;
    if (Array.isArray(current)) {
      path = pathJoin(path, Number(token));
      current = current[Number(token)];
    } else {
      path = pathJoin(path, token);
      current = isObject(current) ? current[token] : undefined;
    }
  }
  return { path, parent };
}

function closest(key: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const n = norm(key);
  const exact = candidates.find((c) => norm(c) === n);
  if (exact) return exact;
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = distance(n, norm(c));
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** YAML 1.1 (kubectl) reads these unquoted scalars as booleans. */
const YAML_BOOL_HINT = 'quote it in YAML: kubectl reads YAML 1.1, where an unquoted on, off, yes, no, y, n, true or false is a boolean';

function describeError(e: ErrorObject, root: unknown, base: string): Violation | undefined {
  const { path } = resolvePointer(base, root, e.instancePath);
  const data: any = (e as any).data;
  const p: any = e.params;
  switch (e.keyword) {
    case 'type': {
      const expected = describeType(p.type);
      const hint = typeof data === 'boolean' && String(p.type).includes('string') ? ` (${YAML_BOOL_HINT})`
        : typeof data === 'number' && String(p.type).includes('string') ? ' (quote it in YAML to make it a string)' : '';
      return { path, message: `${show(data)} is ${describeType(jsonType(data))}; expected ${expected}${hint}`, source: 'CRD schema', upstream: `must be of type ${Array.isArray(p.type) ? p.type.join(' or ') : p.type}` };
    }
    case 'required':
      return { path: pathJoin(path, p.missingProperty), message: `required field ${show(p.missingProperty)} is missing`, source: 'CRD schema', upstream: 'Required value' };
    case 'additionalProperties': {
      const known = Object.keys((e as any).parentSchema?.properties ?? {});
      const suggestion = closest(p.additionalProperty, known);
      const accepted = suggestion ? `; did you mean ${show(suggestion)}?`
        : known.length === 0 ? '; this object accepts no fields'
          : known.length <= 12 ? `; accepted: ${known.join(', ')}` : '';
      return {
        path: pathJoin(path, p.additionalProperty),
        message: `unknown field ${show(p.additionalProperty)}: the CRD does not declare it, so the API server would drop it silently${accepted}`,
        source: 'CRD schema',
        upstream: 'field not declared in schema',
      };
    }
    case 'enum': {
      const values = (p.allowedValues as unknown[]).map(show).join(', ');
      return { path, message: `${show(data)} is not accepted; expected one of ${values}`, source: 'CRD schema', upstream: `Unsupported value: ${show(data)}: supported values: ${values}` };
    }
    case 'minimum':
    case 'exclusiveMinimum': {
      const strict = e.keyword === 'exclusiveMinimum' || p.comparison === '>';
      return { path, message: `${show(data)} is too small; expected ${strict ? 'more than' : 'at least'} ${p.limit}`, source: 'CRD schema', upstream: `should be greater than ${strict ? '' : 'or equal to '}${p.limit}` };
    }
    case 'maximum':
    case 'exclusiveMaximum': {
      const strict = e.keyword === 'exclusiveMaximum' || p.comparison === '<';
      return { path, message: `${show(data)} is too large; expected ${strict ? 'less than' : 'at most'} ${p.limit}`, source: 'CRD schema', upstream: `should be less than ${strict ? '' : 'or equal to '}${p.limit}` };
    }
    case 'minLength':
      return { path, message: `${show(data)} is ${[...String(data)].length} characters; at least ${p.limit} are required`, source: 'CRD schema', upstream: `should be at least ${p.limit} chars long` };
    case 'maxLength':
      return { path, message: `${show(data)} is ${[...String(data)].length} characters; at most ${p.limit} are accepted`, source: 'CRD schema', upstream: `should be at most ${p.limit} chars long` };
    case 'minItems':
      return { path, message: `${(data as unknown[]).length} items; at least ${p.limit} are required`, source: 'CRD schema', upstream: `should have at least ${p.limit} items` };
    case 'maxItems':
      return { path, message: `${(data as unknown[]).length} items; at most ${p.limit} are accepted`, source: 'CRD schema', upstream: `must have at most ${p.limit} items` };
    case 'minProperties':
      return { path, message: `${Object.keys(data).length} entries; at least ${p.limit} are required`, source: 'CRD schema', upstream: `should have at least ${p.limit} properties` };
    case 'maxProperties':
      return { path, message: `${Object.keys(data).length} entries; at most ${p.limit} are accepted`, source: 'CRD schema', upstream: `should have at most ${p.limit} properties` };
    case 'pattern':
      return { path, message: `${show(data)} does not match ${p.pattern}`, source: 'CRD schema', upstream: `should match '${p.pattern}'` };
    case 'format':
      return { path, message: `${show(data)} is not ${FORMAT_DESCRIPTIONS[p.format] ?? `a valid ${p.format}`}`, source: 'CRD schema', upstream: `must be of type ${p.format}` };
    case 'uniqueItems':
      return { path: pathJoin(path, p.i), message: `${show(data[p.i])} repeats item ${p.j}; items must be unique`, source: 'CRD schema', upstream: `Duplicate value: ${show(data[p.i])}` };
    case 'multipleOf':
      return { path, message: `${show(data)} is not a multiple of ${p.multipleOf}`, source: 'CRD schema', upstream: `should be a multiple of ${p.multipleOf}` };
    default: // anyOf, oneOf, allOf, not
      return { path, message: `${show(data)} does not satisfy the schema's ${e.keyword}`, source: 'CRD schema', upstream: `must validate ${e.keyword}` };
  }
}

function describeErrors(errors: readonly ErrorObject[], root: unknown, base: string): Violation[] {
  // Branch errors of a failed combinator only repeat it.
  const combinators = errors.filter((e) => ['anyOf', 'oneOf'].includes(e.keyword)).map((e) => e.schemaPath);
  const out: Violation[] = [];
  for (const e of errors) {
    if (combinators.some((c) => e.schemaPath !== c && e.schemaPath.startsWith(c.replace(/(anyOf|oneOf)$/, '')) && /\/(anyOf|oneOf)\/\d+/.test(e.schemaPath))) continue;
    const v = describeError(e, root, base);
    if (v) out.push(v);
  }
  return out;
}
