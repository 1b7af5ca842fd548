import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { formatViolation } from './errors';
import { validateObject } from './manifest';

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
  if (revision) {
    const synthesise = apiObject.toJson.bind(apiObject);
    Object.defineProperty(apiObject, 'toJson', {
      configurable: true,
      value: () => {
        const ready = pending;
        pending = undefined;
        return ready && ready.key === fingerprint(apiObject, revision()) ? ready.json : synthesise();
      },
    });
  }
  owner.node.addValidation({
    validate: () => {
      if (DISABLED.has(owner.node.root)) return [];
      const key = revision ? fingerprint(apiObject, revision()) : undefined;
      if (key !== undefined && cache?.key === key) return cache.messages;
      pending = undefined;
      const json = apiObject.toJson();
      const violations = validateObject(json, { owned: key === undefined });
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

/** What may change an object's output besides its owner's state: its JSON patches and its metadata. */
function fingerprint(apiObject: ApiObject, revision: string | number): string {
  // ApiObjectMetadataDefinition keeps what addLabel() and friends change in these fields; reading them
  // is much cheaper than resolving the metadata. Should cdk8s rename them, the resolved form is used.
  const m = apiObject.metadata as unknown as { [field: string]: unknown };
  const raw = '_additionalAttributes' in m && 'labels' in m && 'annotations' in m
    ? [m.name, m.namespace, m.labels, m.annotations, m.finalizers, m.ownerReferences, m._additionalAttributes]
    : apiObject.metadata.toJson();
  return `${revision}|${patchCount(apiObject)}|${JSON.stringify(raw)}`;
}
