import { CnpgResource, ICnpgResource } from './resource';
import { show, Violation } from '../common/errors';
import { jsonType } from '../common/json';

// Checks of the props every construct needs first, written for plain JavaScript callers too: a value of
// the wrong type is an error naming the prop, never a TypeError from inside, and never an object written
// with a field missing (`cluster: 'pg'` would otherwise synthesise `cluster: {}`).

/** What a value is, for messages: `is missing`, `is empty`, `"pg" is a string`, `42 is an integer`. */
function whatItIs(value: unknown): string {
  if (value === undefined) return 'is missing';
  if (value === '') return 'is empty';
  if (value === null) return 'is null';
  const type = jsonType(value);
  return `${typeof value === 'number' ? String(value) : show(value)} is ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/** A required prop that must be a non-empty string. */
export function requiredStringViolations(path: string, value: unknown): Violation[] {
  if (typeof value === 'string' && value !== '') return [];
  return [{ path, message: `${whatItIs(value)}; expected a non-empty string`, source: 'library' }];
}

/** An optional prop that, when set, must be a non-empty string. */
export function optionalStringViolations(path: string, value: unknown): Violation[] {
  return value === undefined ? [] : requiredStringViolations(path, value);
}

/**
 * A required reference to another CNPG object of `kind`: a construct of the app, or a reference made by
 * the kind's `from...Name()` (anything with a non-empty `name` and a construct node). `factory` is how a
 * name becomes a reference, for the message (`Cluster.fromClusterName`).
 */
export function referenceViolations(path: string, value: unknown, kind: string, factory: string): Violation[] {
  const suggestion = `expected a ${kind} construct or ${factory}(scope, id, ${typeof value === 'string' && value !== '' ? show(value) : 'name'})`;
  if (value === null || typeof value !== 'object') {
    return [{ path, message: `${whatItIs(value)}; ${suggestion}`, source: 'library' }];
  }
  const ref = value as { name?: unknown; node?: unknown };
  if (ref.node === undefined || typeof ref.name !== 'string' || ref.name === '') {
    return [{ path, message: `${show(value)} is not a reference to a ${kind} (it has no construct node or no name); ${suggestion}`, source: 'library' }];
  }
  if (value instanceof CnpgResource && value.apiObject.kind !== kind) {
    return [{ path, message: `${value.apiObject.kind} ${show(value.name)} [${value.node.path}] is not a ${kind}; ${suggestion}`, source: 'library' }];
  }
  return [];
}

/**
 * An optional integer prop in `[min, max]` (finite: nothing non-finite is written); `why` says who would
 * refuse it, e.g. `PostgreSQL refuses it in CREATE DATABASE`.
 */
export function integerRangeViolations(path: string, value: unknown, min: number, max: number, why: string): Violation[] {
  if (value === undefined) return [];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const shown = typeof value === 'number' ? `${value} is not` : `${whatItIs(value)}, not`;
    return [{ path, message: `${shown} an integer from ${min} to ${max}; ${why}`, source: 'library' }];
  }
  return [];
}

/** A Secret reference (never a password in plain text): an `ISecret` of cdk8s-plus-28. */
export function secretReferenceViolations(path: string, value: unknown): Violation[] {
  if (value !== null && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string') return [];
  return [{
    path,
    message: `${typeof value === 'string' ? 'a plain string' : show(value)} is not a Secret reference; secrets are never accepted in plain text: pass a cdk8s-plus Secret (e.g. Secret.fromSecretName(this, 'id', 'my-secret'))`,
    source: 'library',
  }];
}

/**
 * The operator looks the referenced object (the Cluster of a Database, ...) up in the object's own
 * namespace: both must share it. Nothing to check for a reference of unknown namespace.
 */
export function sameNamespaceViolations(kind: string, namespace: string | undefined, ref: ICnpgResource, refKind = 'Cluster', path = 'cluster'): Violation[] {
  if (ref.namespace === undefined || namespace === ref.namespace) return [];
  return [{
    path,
    message: `the ${kind} is in namespace ${show(namespace ?? 'default')} but ${refKind} ${show(ref.name)} is in ${show(ref.namespace)}; a ${kind} must be in its ${refKind}'s namespace`,
    source: 'operator',
  }];
}
