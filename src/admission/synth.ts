import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { admissionViolations, isCnpgObject, severityOf, validateObject } from './manifest';
import { formatViolation } from '../common/errors';

// The switch of synth-time validation, and the app-wide hook for CNPG objects the library does not own.
// The hook of the library's own objects is the resource base's (src/resource/): every CNPG object the
// library creates is validated like the API server would, and the app cannot synthesise a manifest the API
// server would reject (unless the app turns the CRD checks off). Raw `ApiObject`s and `Include`d manifests
// of CNPG kinds get the same validation from the app-wide hook (see validateAppAtSynth).

const DISABLED = new WeakSet<IConstruct>();

/** Turns synth-time validation of the CRD schema and CEL rules off for the whole app that holds `scope`. */
export function disableSynthValidation(scope: IConstruct): void {
  DISABLED.add(scope.node.root);
}

/** Whether synth-time validation of the CRD schema and CEL rules runs for the app that holds `scope`. */
export function synthValidationEnabled(scope: IConstruct): boolean {
  return !DISABLED.has(scope.node.root);
}

/**
 * The errors of a synthesised manifest: the CRD schema, CEL rules and the operator's admission rules, or
 * (validation turned off) the operator's admission rules alone; what JSON cannot carry (NaN, Infinity, ...)
 * either way. The library's own stricter rules are the constructs' to enforce: their warnings are not
 * synth errors. `owned`: the validator may modify `json` (it must then not be handed to the synth).
 */
export function synthMessages(json: unknown, enabled: boolean, owned: boolean): string[] {
  const violations = enabled ? validateObject(json, { owned, warnings: false }) : admissionViolations(json);
  return violations.filter((v) => severityOf(v) === 'error').map(formatViolation);
}

/** ApiObjects whose manifest a construct of the library validates itself. */
const OWNED = new WeakSet<IConstruct>();
/** Apps (roots) with the app-wide hook. */
const HOOKED = new WeakSet<IConstruct>();
/** Raw CNPG objects that were given their validation. */
const WATCHED = new WeakSet<IConstruct>();

/** Marks an ApiObject whose manifest its owning construct validates: the app-wide hook leaves it alone. */
export function markValidatedByOwner(apiObject: ApiObject): void {
  OWNED.add(apiObject);
}

/**
 * Validates every CNPG object of the app at synth that no construct of the library owns: raw `ApiObject`s
 * (a generated L1 such as `Pooler`, or `new ApiObject(...)`) and `Include`d manifests. Once per app.
 *
 * cdk8s runs the validations of an app's constructs parents first, the app (root) first of all, on every
 * synth; the app's validation gives each raw CNPG object found then a validation of its own, which runs in
 * the same pass (so its messages carry the object's construct path, as cdk8s prefixes them). Objects added
 * to the app later are found by the next synth's pass.
 */
export function validateAppAtSynth(scope: IConstruct): void {
  const root = scope.node.root;
  if (HOOKED.has(root)) return;
  HOOKED.add(root);
  root.node.addValidation({
    validate: () => {
      for (const c of root.node.findAll()) {
        if (!ApiObject.isApiObject(c) || OWNED.has(c) || WATCHED.has(c)) continue;
        if (!isCnpgProjectObject(c.apiVersion)) continue;
        WATCHED.add(c);
        c.node.addValidation({ validate: () => rawObjectMessages(c) });
      }
      return [];
    },
  });
}

/**
 * An object of one of CloudNativePG's API groups (`postgresql.cnpg.io`, the Barman Cloud plugin's
 * `barmancloud.cnpg.io`) with registered schemas. Other registered groups (the policy engines') are not
 * the app hook's: their objects in an app may target other versions of those CRDs.
 */
function isCnpgProjectObject(apiVersion: string): boolean {
  const group = apiVersion.slice(0, Math.max(0, apiVersion.indexOf('/')));
  return (group === 'cnpg.io' || group.endsWith('.cnpg.io')) && isCnpgObject({ apiVersion });
}

/** The errors of a raw CNPG object's manifest (never its warnings: the library's own rules are its constructs'). */
function rawObjectMessages(apiObject: ApiObject): string[] {
  let json: unknown;
  try {
    json = apiObject.toJson();
  } catch (e) {
    return [(e as Error).message];
  }
  return synthMessages(json, synthValidationEnabled(apiObject), false);
}
