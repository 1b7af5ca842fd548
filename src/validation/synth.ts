import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { isObject, pathJoin } from './crd-schema';
import { formatViolation, show, Violation } from './errors';
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
      const violations = patchCount(apiObject) > 0 ? droppedByBinding(apiObject, json) : [];
      violations.push(...validateObject(json, { owned: key === undefined }));
      const messages = violations.map(formatViolation);
      if (key !== undefined) {
        cache = { key, messages };
        pending = { key, json }; // validated on a copy: still exactly what the object synthesises
      }
      return messages;
    },
  });
}

/** The number of JSON patches of an object (`patches` is ApiObject's private list; it only grows). */
function patchCount(apiObject: ApiObject): number {
  return (apiObject as unknown as { patches?: unknown[] }).patches?.length ?? 0;
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

/**
 * Fields a JSON patch added that the generated binding drops. A binding's toJson applies the patches to
 * the props-shaped object (camelCase: `binPath`), then copies the fields it knows into the wire format
 * (`bin_path`): anything else vanishes without a word, so the synthesised YAML no longer says what the
 * patch asked for. Checked only for objects with patches: the constructs' own output is typed.
 */
function droppedByBinding(apiObject: ApiObject, wire: unknown): Violation[] {
  const out: Violation[] = [];
  const props = ApiObject.prototype.toJson.call(apiObject);
  // metadata is passed through as it is (and a cluster-scoped object drops its chart namespace on purpose)
  const { metadata: _, ...rest } = props;
  walkDrops(rest, wire, '', out);
  return out;
}

const squash = (key: string): string => key.replace(/[-_.]/g, '').toLowerCase();

function walkDrops(props: unknown, wire: unknown, path: string, out: Violation[]): void {
  if (Array.isArray(props)) {
    if (Array.isArray(wire)) props.forEach((item, i) => walkDrops(item, wire[i], pathJoin(path, i), out));
    return;
  }
  if (!isObject(props) || !isObject(wire)) return;
  for (const key of Object.keys(props)) {
    if (props[key] === undefined) continue;
    const wireKey = key in wire ? key : Object.keys(wire).find((k) => squash(k) === squash(key) && k !== key);
    if (wireKey === undefined) {
      const camel = key.replace(/[_-]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
      out.push({
        path: pathJoin(path, key),
        message: `a JSON patch sets ${show(key)}, which the generated binding does not know: it would be dropped silently from the manifest${
          camel !== key ? `; patches apply before the binding converts names, so write ${show(camel)}` : ''}`,
        source: 'library',
      });
      continue;
    }
    walkDrops(props[key], wire[wireKey], pathJoin(path, wireKey), out);
  }
}
