import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { admissionViolations, validateObject } from './manifest';
import { formatViolation } from '../common/errors';

// The synth-time hook: every CNPG object the library creates is validated like the API server would,
// and the app cannot synthesise a manifest the API server would reject (unless the app turns it off).

const DISABLED = new WeakSet<IConstruct>();

/** Turns synth-time validation off for the whole app that holds `scope`. */
export function disableSynthValidation(scope: IConstruct): void {
  DISABLED.add(scope.node.root);
}

/** Whether synth-time validation runs for the app that holds `scope`. */
export function synthValidationEnabled(scope: IConstruct): boolean {
  return !DISABLED.has(scope.node.root);
}

/**
 * Registers a validation on `owner` that checks `apiObject`'s synthesised JSON against its CRD schema, CEL
 * rules and the operator's webhook rules. cdk8s prefixes each message with the owner's construct path.
 *
 * cdk8s runs every validation once per `app.synth()` and once more per chart before it asks each object
 * for its JSON. With `revision` (a value that changes whenever the owner's output may change), the
 * result is reused while the revision, the object's JSON patches and its metadata are unchanged, and the
 * JSON the validation synthesised is handed, once, to the object's next `toJson()` (the synth) instead
 * of being synthesised a second time. Without it, every pass re-synthesises.
 */
export function validateOnSynth(owner: IConstruct, apiObject: ApiObject, revision?: () => string | number): void {
  let cache: { readonly key: string; readonly messages: string[] } | undefined;
  let pending: { readonly key: string; readonly json: any } | undefined;
  const metadataChanges = revision ? countMetadataChanges(apiObject) : () => 0;
  const fingerprint = (rev: string | number) => `${rev}|${patchCount(apiObject)}|${metadataChanges()}`;
  if (revision) {
    const synthesise = apiObject.toJson.bind(apiObject);
    Object.defineProperty(apiObject, 'toJson', {
      configurable: true,
      value: () => {
        const ready = pending;
        pending = undefined;
        return ready && ready.key.endsWith(`|${fingerprint(revision())}`) ? ready.json : synthesise();
      },
    });
  }
  let root: IConstruct | undefined; // found once: a construct never changes trees
  owner.node.addValidation({
    validate: () => {
      root ??= owner.node.root;
      // Turned off, the CRD schema and CEL rules are skipped; the operator's admission rules still hold.
      const enabled = !DISABLED.has(root);
      const key = revision ? `${enabled ? 'all' : 'admission'}|${fingerprint(revision())}` : undefined;
      if (key !== undefined && cache?.key === key) return cache.messages;
      pending = undefined;
      const json = apiObject.toJson();
      const violations = enabled ? validateObject(json, { owned: key === undefined }) : admissionViolations(json);
      const messages = violations.map(formatViolation);
      if (key !== undefined) {
        cache = { key, messages };
        pending = { key, json }; // validated on a copy: still exactly what the object synthesises
      }
      return messages;
    },
  });
}

/**
 * The number of JSON patches of an object: ApiObject's private `patches`, and the wire-level patches of
 * the library's L1 objects (see withWirePatches). Both lists only grow.
 */
function patchCount(apiObject: ApiObject): number {
  const lists = apiObject as unknown as { patches?: unknown[]; wirePatches?: unknown[] };
  return (lists.patches?.length ?? 0) + (lists.wirePatches?.length ?? 0);
}

/** The methods through which an object's metadata changes after construction. */
const METADATA_MUTATORS = ['add', 'addLabel', 'addAnnotation', 'addFinalizers', 'addOwnerReference'];

/**
 * Counts the changes made to an object's metadata (labels, annotations, ...), by wrapping the mutators
 * of its ApiObjectMetadataDefinition: the metadata is, with the patches and the owner's revision, what
 * may change an object's output between two synth passes.
 */
function countMetadataChanges(apiObject: ApiObject): () => number {
  let changes = 0;
  const metadata = apiObject.metadata as unknown as { [method: string]: unknown };
  for (const name of METADATA_MUTATORS) {
    const original = metadata[name];
    if (typeof original !== 'function') continue;
    metadata[name] = (...args: unknown[]) => {
      changes++;
      return original.apply(apiObject.metadata, args);
    };
  }
  return () => changes;
}
