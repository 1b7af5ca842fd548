import './schemas';
import { CNPG_GROUP } from '../common/constants';
import { show, Violation } from '../common/errors';
import { isObject, jsonType } from '../common/json';
import { applyOperatorDefaults, defaultsKey } from '../rules/defaults';
import { webhookBypassable, webhookViolations } from '../rules/webhook';
import { evaluateRules } from '../validator/cel';
import { kindSchema, schemaGroups, schemaKinds } from '../validator/crd-schema';
import { metadataViolations } from '../validator/metadata';
import { checkStructure } from '../validator/schema-validator';

// One CNPG object, checked the way the API server handles a create request, in its order:
// schema defaults → CloudNativePG's mutating webhook → schema and CEL rules → CloudNativePG's validating
// webhook (only reached, as on the API server, by an object the schema and CEL rules accept). The object
// given is never modified (unless the caller says it owns it): the validator works on its own copy.

/** CloudNativePG's per-object switch that makes its validating webhook accept anything. */
export const VALIDATION_DISABLED_ANNOTATION = 'cnpg.io/validation';

/** Options of {@link validateObject}. */
export interface ValidateObjectOptions {
  /** The object is a private copy the validator may modify (e.g. fresh from `toJson()` or a YAML parser). */
  readonly owned?: boolean;
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

/** Schema and CEL results by object content (without metadata, with the kind), most recent last. */
const EVALUATED = new Map<string, {
  readonly violations: readonly Violation[];
  readonly defaulted: object;
  /** Webhook results of this content, by the metadata the webhook reads (name and annotations). */
  readonly webhook: Map<string, readonly Violation[]>;
}>();
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
  const { kind, metadata, ...rest } = input as any;
  if (bypassed(kind, metadata)) return [];
  // Shared, like validateObject's results, by Clusters of one template (see there)
  const content = JSON.stringify({ kind, ...rest });
  const key = `${content}\n${defaultsKey(input)}`; // the defaults read a few annotations (and the name)
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

/** Validates one object; returns every violation (empty when the API server would accept it). */
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
  // The schema and CEL rules see everything but metadata: objects that differ only there (a fleet of
  // Clusters from one template) share one evaluation.
  const { metadata, ...rest } = input;
  const content = JSON.stringify(rest); // holds the kind
  const key = `${content}\n${defaultsKey(input)}`; // the defaults read a few annotations (and the name)
  let known = EVALUATED.get(key);
  if (!known) {
    // The validator's own copy: parsed back from the text the memo key needed anyway. Metadata is shared,
    // not copied: the schema walk does not change it (metadataViolations reads it).
    const obj = options.owned ? input : { ...JSON.parse(content), metadata };
    // 1. the operator's mutating webhook (CloudNativePG kinds); 2. schema defaults (nulls pruned) and the structural schema, in
    // one walk; 3. the CEL rules, on the defaulted object
    if (group === CNPG_GROUP) applyOperatorDefaults(kind, obj);
    const structure = checkStructure(obj, schema.root);
    const found = [...structure.violations];
    const memo = new Map<unknown, unknown>();
    for (const site of structure.sites) found.push(...evaluateRules(site.node, site.value, site.path, memo));
    const { metadata: _, ...defaulted } = obj;
    known = { violations: found, defaulted, webhook: new Map() };
    if (EVALUATED.size >= EVALUATED_MAX) EVALUATED.delete(EVALUATED.keys().next().value!);
    EVALUATED.set(key, known);
  }
  const violations = metadataViolations(input, kind, schema.source.scope === 'Cluster');
  violations.push(...known.violations);

  // 4. the operator's validating webhook: like the API server, only for an object the schema accepts, and
  // not for an object that opts out with CloudNativePG's annotation. Other registered groups (the Barman
  // Cloud plugin's, the policy engines') get their CRD schema and CEL rules only: CloudNativePG's webhook
  // does not see them.
  if (group === CNPG_GROUP && violations.length === 0 && !bypassed(kind, metadata)) {
    try {
      // The webhook reads the content and, of the metadata, the name and annotations: Clusters of one plan
      // with the same name in different namespaces share its result.
      violations.push(...webhookOnce(known, metadata));
    } catch (e) {
      violations.push({ path: '', message: `the webhook rules could not be evaluated: ${(e as Error)?.message ?? e}`, source: 'webhook' });
    }
  }
  return violations;
}
