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
 * cdk8s runs every validation once per `app.synth()` and once more per chart, so with `revision` (a
 * value that changes whenever the owner's output may change) the result is reused while the revision,
 * the object's JSON patches and its metadata are unchanged. Without it, every pass re-synthesises.
 */
export function validateOnSynth(owner: IConstruct, apiObject: ApiObject, revision?: () => string | number): void {
  let cache: { readonly key: string; readonly messages: string[] } | undefined;
  owner.node.addValidation({
    validate: () => {
      if (DISABLED.has(owner.node.root)) return [];
      const key = revision ? fingerprint(apiObject, revision()) : undefined;
      if (key !== undefined && cache?.key === key) return cache.messages;
      const messages = validateObject(apiObject.toJson(), { owned: true }).map(formatViolation);
      if (key !== undefined) cache = { key, messages };
      return messages;
    },
  });
}

function fingerprint(apiObject: ApiObject, revision: string | number): string {
  // `patches` is ApiObject's private list of JSON patches: it only grows (addJsonPatch).
  const patches = (apiObject as unknown as { patches?: unknown[] }).patches?.length ?? 0;
  return `${revision}|${patches}|${JSON.stringify(apiObject.metadata.toJson())}`;
}
