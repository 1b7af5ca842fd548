import './schemas';
import { CNPG_GROUP } from '../common/constants';
import { pushAll, show, Violation } from '../common/errors';
import { isObject, jsonType, nonJsonValues } from '../common/json';
import { listItems } from '../common/kube-list';
import { applyOperatorDefaults, defaultsKey } from '../rules/defaults';
import { libraryManifestWarnings } from '../rules/library';
import { webhookBypassable, webhookViolations } from '../rules/webhook';
import { evaluateRules } from '../validator/cel';
import { KindSchema, kindSchema, schemaGroups, schemaKinds } from '../validator/crd-schema';
import { checkMetadata, normalizeMetadata } from '../validator/metadata';
import { checkStructure, RuleSite, RULES_NOT_CHECKED } from '../validator/schema-validator';

// One CNPG object, checked the way the API server handles a create request, in its order:
// status reset (status subresource) → CloudNativePG's mutating webhook → schema defaults and structural
// schema → CEL rules (none when the schema found a blocking error) → CloudNativePG's validating webhook
// (only reached, as on the API server, by an object the schema and CEL rules accept). The object given is
// never modified (unless the caller says it owns it): the validator works on its own copy.
//
// Two verdicts: errors (what the cluster refuses, and the library's security hardening) and warnings (the
// library's own stricter rules, marked `warning`: the API server and the operator accept the object).

/** CloudNativePG's per-object switch that makes its validating webhook accept anything. */
export const VALIDATION_DISABLED_ANNOTATION = 'cnpg.io/validation';

/** Options of {@link validateObject}. */
export interface ValidateObjectOptions {
  /** The object is a private copy the validator may modify (e.g. fresh from `toJson()` or a YAML parser). */
  readonly owned?: boolean;
  /**
   * Also check the library's own stricter rules on the manifest (warnings). Off at synth, where the
   * constructs enforce them on their props.
   * @default true
   */
  readonly warnings?: boolean;
}

/** The API group of an apiVersion (`group/version`), or undefined for the core group or a non-string. */
function groupOf(apiVersion: unknown): string | undefined {
  if (typeof apiVersion !== 'string') return undefined;
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? undefined : apiVersion.slice(0, slash);
}

/**
 * True when the object's apiVersion is of an API group the library validates: CloudNativePG's, or another
 * group whose CRDs are registered (src/admission/schemas.ts, e.g. the Barman Cloud plugin's).
 */
export function isCnpgObject(obj: unknown): boolean {
  if (!isObject(obj)) return false;
  const group = groupOf(obj.apiVersion);
  return group !== undefined && schemaKinds(group).length > 0;
}

/** The name of an API group in messages. */
function groupName(group: string): string {
  return group === CNPG_GROUP ? 'CloudNativePG' : group;
}

/** The object opts out of its kind's webhook with CloudNativePG's annotation (where the webhook honours it). */
function bypassed(kind: unknown, metadata: any): boolean {
  return metadata?.annotations?.[VALIDATION_DISABLED_ANNOTATION] === 'disabled' && webhookBypassable(kind);
}

/** Schema and CEL results of one object content. */
interface Evaluated {
  /** Structural schema violations. */
  readonly structure: readonly Violation[];
  /** The structural schema found an error that makes the API server skip the CEL rules. */
  readonly blocking: boolean;
  /** Where the CEL rules apply; evaluated on first need (never when an error blocks them). */
  readonly sites: readonly RuleSite[];
  cel?: readonly Violation[];
  readonly defaulted: object;
  /** Webhook results of this content, by the metadata the webhook reads (name and annotations). */
  readonly webhook: Map<string, readonly Violation[]>;
}

/** Schema and CEL results by object content (without metadata, with the kind), most recent last. */
const EVALUATED = new Map<string, Evaluated>();
const EVALUATED_MAX = 1000;

/** Operator-defaulted content (without metadata) by content, for the admission rules alone. */
const ADMITTED = new Map<string, {
  readonly defaulted: object;
  readonly webhook: Map<string, readonly Violation[]>;
}>();

/**
 * The operator's admission rules only (its mutating defaults, then its validating webhook): what the
 * constructs enforce even when synth-time validation of the CRD schema and CEL rules is turned off.
 */
export function admissionViolations(input: unknown): Violation[] {
  if (!isObject(input) || groupOf(input.apiVersion) !== CNPG_GROUP) return [];
  const nonJson = nonJsonValues(input);
  if (nonJson.length > 0) return nonJson;
  const { kind, metadata: raw, ...rest } = input as any;
  const metadata: any = normalizeMetadata(raw);
  if (bypassed(kind, metadata)) return [];
  // Shared, like validateObject's results, by Clusters of one template (see there)
  const content = JSON.stringify({ kind, ...rest });
  const key = `${content}\n${defaultsKey({ kind, ...rest, metadata })}`; // the defaults read a few annotations (and the name)
  let known = ADMITTED.get(key);
  if (!known) {
    const obj = { ...JSON.parse(content), metadata };
    applyOperatorDefaults(String(kind), obj);
    const { metadata: _, ...defaulted } = obj;
    known = { defaulted, webhook: new Map() };
    if (ADMITTED.size >= EVALUATED_MAX) ADMITTED.delete(ADMITTED.keys().next().value!);
    ADMITTED.set(key, known);
  }
  return webhookOnce(known, metadata);
}

/** The webhook's result for memoised content and one object's metadata (of which it reads the name and annotations). */
function webhookOnce(known: { readonly defaulted: object; readonly webhook: Map<string, readonly Violation[]> }, metadata: any): Violation[] {
  const seen = `${metadata?.name}\n${metadata?.annotations ? JSON.stringify(metadata.annotations) : ''}`;
  let found = known.webhook.get(seen);
  if (!found) {
    // The webhook rules only read (webhook.ts is pure), so the memoised defaulted object is shared.
    found = webhookViolations({ ...known.defaulted, metadata }).map((v) => ({ ...v, source: v.source ?? 'webhook' }));
    if (known.webhook.size < 64) known.webhook.set(seen, found);
  }
  return [...found];
}

/** Forgets the shared results (for tests that replace rule functions). */
export function resetValidationMemo(): void {
  EVALUATED.clear();
  ADMITTED.clear();
}

/** Whether a violation is an error (the cluster refuses the object) or a warning (the library's own stricter rule). */
export function severityOf(v: Violation): 'error' | 'warning' {
  return v.warning === true ? 'warning' : 'error';
}

const HAS_CEL_RULES = new WeakMap<KindSchema, boolean>();

/** The API server has a CEL validator for a kind only when its schema has a rule somewhere. */
function hasCelRules(schema: KindSchema): boolean {
  let has = HAS_CEL_RULES.get(schema);
  if (has === undefined) {
    has = schema.source.json.includes('"x-kubernetes-validations"');
    HAS_CEL_RULES.set(schema, has);
  }
  return has;
}

/**
 * Validates one object; returns every violation: errors (empty when the API server and the operator would
 * accept it) and the library's own warnings (see {@link severityOf}). A list (an object with `items`, as
 * kubectl reads it) is validated item by item (see {@link validateManifestOrList}), not here.
 */
export function validateObject(input: unknown, options: ValidateObjectOptions = {}): Violation[] {
  if (!isObject(input)) {
    return [{ path: '', message: `${show(input)} is ${jsonType(input)}; expected a Kubernetes object with apiVersion, kind and metadata`, source: 'CRD schema' }];
  }
  const { apiVersion, kind } = input;
  if (!isCnpgObject(input)) {
    const groups = schemaGroups().filter((g) => g !== CNPG_GROUP);
    const others = groups.length > 0 ? ` (or a kind of another group the library validates: ${groups.join(', ')})` : '';
    return [{ path: 'apiVersion', message: `${show(apiVersion)} is not of the CloudNativePG API group; expected "${CNPG_GROUP}/v1"${others}`, source: 'CRD schema' }];
  }
  const group = groupOf(apiVersion)!;
  const schema = typeof kind === 'string' ? kindSchema(group, kind) : undefined;
  if (!schema) {
    return [{ path: 'kind', message: `${show(kind)} is not a ${groupName(group)} kind; expected one of ${schemaKinds(group).join(', ')}`, source: 'CRD schema', upstream: `no matches for kind ${show(kind)} in group "${group}"` }];
  }
  const expected = `${schema.source.group}/${schema.source.version}`;
  if (apiVersion !== expected) {
    return [{ path: 'apiVersion', message: `${show(apiVersion)} is not served for ${kind}; expected ${show(expected)}`, source: 'CRD schema', upstream: `no matches for kind ${show(kind)} in version ${show(apiVersion)}` }];
  }
  // What JSON cannot carry never reaches the API server: kubectl cannot even send it.
  const nonJson = nonJsonValues(input);
  if (nonJson.length > 0) return nonJson;
  // The schema and CEL rules see everything but metadata: objects that differ only there (a fleet of
  // Clusters from one template) share one evaluation. With the status subresource, the API server resets
  // `status` on create, before validation: it is neither validated nor stored.
  const { metadata: rawMetadata, ...rest } = input;
  if (schema.source.statusSubresource) delete rest.status;
  const metadata: any = normalizeMetadata(rawMetadata);
  const content = JSON.stringify(rest); // holds the kind
  const key = `${content}\n${defaultsKey({ ...rest, metadata })}`; // the defaults read a few annotations (and the name)
  let known = EVALUATED.get(key);
  if (!known) {
    // The validator's own copy: parsed back from the text the memo key needed anyway. Metadata is shared,
    // not copied: the schema walk does not change it (checkMetadata reads it).
    const obj = options.owned ? { ...rest, metadata } : { ...JSON.parse(content), metadata };
    // 1. the operator's mutating webhook (CloudNativePG kinds); 2. schema defaults (nulls pruned) and the
    // structural schema, in one walk; 3. the CEL rules, on the defaulted object, when needed
    if (group === CNPG_GROUP) applyOperatorDefaults(kind, obj);
    const structure = checkStructure(obj, schema.root);
    const { metadata: _, ...defaulted } = obj;
    known = { structure: structure.violations, blocking: structure.blocking, sites: structure.sites, defaulted, webhook: new Map() };
    if (EVALUATED.size >= EVALUATED_MAX) EVALUATED.delete(EVALUATED.keys().next().value!);
    EVALUATED.set(key, known);
  }
  const meta = checkMetadata({ metadata }, kind, schema.source.scope === 'Cluster');
  const violations = [...meta.violations, ...known.structure];
  if (hasCelRules(schema)) {
    if (meta.blocking || known.blocking) {
      // The API server runs no CEL rule of an object with a blocking error (apiextensions-apiserver,
      // customResourceStrategy.Validate): it says so once instead.
      violations.push({
        path: '',
        message: 'the CRD\'s CEL rules were not evaluated: the API server skips all of them when the object has an error of type, required field, enum, maxLength, maxItems or maxProperties; correct those errors to complete validation',
        source: 'CRD rule',
        upstream: RULES_NOT_CHECKED,
      });
    } else {
      pushAll(violations, celViolations(known));
    }
  }

  // 4. the operator's validating webhook: like the API server, only for an object the schema accepts, and
  // not for an object that opts out with CloudNativePG's annotation. Other registered groups (the Barman
  // Cloud plugin's, the policy engines') get their CRD schema and CEL rules only: CloudNativePG's webhook
  // does not see them.
  if (group === CNPG_GROUP && violations.length === 0 && !bypassed(kind, metadata)) {
    try {
      // The webhook reads the content and, of the metadata, the name and annotations: Clusters of one plan
      // with the same name in different namespaces share its result.
      pushAll(violations, webhookOnce(known, metadata));
    } catch (e) {
      violations.push({ path: '', message: `the webhook rules could not be evaluated: ${(e as Error)?.message ?? e}`, source: 'webhook' });
    }
  }
  // 5. the library's own stricter rules, as warnings
  if (options.warnings !== false) pushAll(violations, libraryManifestWarnings(input));
  return violations;
}

function celViolations(known: Evaluated): readonly Violation[] {
  if (!known.cel) {
    const memo = new Map<unknown, unknown>();
    const found: Violation[] = [];
    for (const site of known.sites) pushAll(found, evaluateRules(site.node, site.value, site.path, memo));
    known.cel = found;
  }
  return known.cel;
}

/** A violation of one object of a manifest: `item` is its index in a list. */
export interface ItemViolation extends Violation {
  readonly item?: number;
}

/**
 * Validates a manifest the way kubectl sends it: a list (an object with `items`: `v1/List`,
 * `postgresql.cnpg.io/v1/ClusterList`, ...) item by item, with paths prefixed `items[i].`; other items
 * than CNPG objects are skipped. Anything else is one object (see {@link validateObject}).
 */
export function validateManifestOrList(input: unknown, options: ValidateObjectOptions = {}): ItemViolation[] {
  const list = listItems(input);
  if (!list) return validateObject(input, options);
  if (list.error) return [list.error];
  const nonJson = nonJsonValues(input);
  if (nonJson.length > 0) return nonJson;
  const out: ItemViolation[] = [];
  let cnpg = 0;
  list.items.forEach((item, i) => {
    if (!isCnpgObject(item)) return;
    cnpg += 1;
    for (const v of validateObject(item, options)) out.push({ ...v, path: v.path ? `items[${i}].${v.path}` : `items[${i}]`, item: i });
  });
  if (cnpg === 0) {
    return [{ path: 'items', message: `the list holds no object of the CloudNativePG API group (${list.items.length} item(s)); expected "${CNPG_GROUP}/v1" objects`, source: 'CRD schema' }];
  }
  return out;
}
