import { IConstruct } from 'constructs';
import { isCnpgObject, severityOf, validateManifestOrList } from './manifest';
import { disableSynthValidation, synthValidationEnabled, validateAppAtSynth } from './synth';
import { CNPG_GROUP } from '../common/constants';
import { formatViolation, Violation } from '../common/errors';
import { compiledRules, rulePath } from '../validator/cel';
import { forEachNode, kindSchema, schemaKinds } from '../validator/crd-schema';

/** How much an issue weighs. */
export enum IssueSeverity {
  /** The cluster would refuse the object: the API server (CRD schema, CEL rules) or CloudNativePG's webhook. */
  ERROR = 'error',
  /**
   * The library's own rule, stricter than CloudNativePG (e.g. digest-pinned images): the cluster would
   * accept the object. The library's constructs enforce these rules; `cdk8s-cnpg validate --strict` fails on them.
   */
  WARNING = 'warning',
}

/** What a warning adds to its text: whose rule it is. */
const LIBRARY_RULE_NOTE = "the library's own rule, stricter than CloudNativePG, which accepts this";

/**
 * One problem of a CNPG object: an error the API server (or CloudNativePG's webhook) would reject it for,
 * or a warning from the library's own stricter rules.
 */
export interface ManifestIssue {
  /** JSON path in the object, e.g. `spec.images[1].major` (empty for the object as a whole). */
  readonly path: string;

  /** What is wrong and what is accepted, quoting the bad value. */
  readonly message: string;

  /**
   * Where the rule comes from: `CRD schema` (structural schema and ObjectMeta), `CRD rule` (an
   * `x-kubernetes-validations` CEL rule), `webhook` (CloudNativePG's validating webhook) or `library`
   * (the library's own rule: a warning, or an error for the library's security hardening beyond the
   * webhook, such as a fixed parameter in another case or a password in `connectionParameters`).
   */
  readonly source: string;

  /** `ERROR` when the cluster would refuse the object, `WARNING` for the library's own stricter rules. */
  readonly severity: IssueSeverity;

  /**
   * The CRD's own message for a CEL rule, verbatim, or the API server's or webhook's message.
   * @default - none
   */
  readonly upstream?: string;

  /**
   * The issue on one line, `<path>: <message> (<source>: "<upstream>")`, or for a warning
   * `warning: <path>: <message> (the library's own rule, ...)`.
   */
  readonly text: string;
}

/** A violation as a public issue. */
function manifestIssue(v: Violation): ManifestIssue {
  const severity = severityOf(v) === 'warning' ? IssueSeverity.WARNING : IssueSeverity.ERROR;
  return {
    path: v.path,
    message: v.message,
    source: v.source ?? 'CRD schema',
    severity,
    upstream: v.upstream,
    text: severity === IssueSeverity.WARNING
      ? `warning: ${v.path ? `${v.path}: ` : ''}${v.message} (${LIBRARY_RULE_NOTE})`
      : formatViolation(v),
  };
}

/** An `x-kubernetes-validations` CEL rule of a CloudNativePG CRD. */
export interface CrdCelRule {
  /** The kind whose CRD carries the rule, e.g. `Cluster`. */
  readonly kind: string;

  /** Where the rule sits, as a JSON path pattern (`spec.images`, `spec.fdws[*].usage[*].name`). */
  readonly path: string;

  /** The CEL expression. */
  readonly rule: string;

  /** The CRD's message for the rule. */
  readonly message: string;

  /**
   * True for a transition rule (it reads `oldSelf`): it compares an update with the stored object, so it
   * cannot apply to a new object and the validator skips it, as the API server does on create.
   */
  readonly transition: boolean;

  /** False when the validator cannot evaluate the rule (it then reports the rule instead of passing it). */
  readonly evaluable: boolean;

  /**
   * Why the rule cannot be evaluated.
   * @default - it can
   */
  readonly reason?: string;
}

/**
 * Validation of CloudNativePG objects against the CRD schemas (CloudNativePG 1.30.0), their CEL rules and
 * the operator's webhook rules, as the API server would on create.
 *
 * Every CNPG object of an app that uses any construct of the library is validated at synth: the library's
 * own and raw `ApiObject`s or `Include`d manifests of CNPG kinds alike (an app of raw objects only calls
 * `validateApp()`). `disable()` turns the CRD schema and CEL checks off for an app (the operator's webhook
 * rules and the constructs' own checks remain). `validateManifest()` checks any object, e.g. from
 * hand-written or Helm-rendered YAML (the `cdk8s-cnpg validate` command does that for files).
 */
export class CnpgValidation {
  /**
   * Validates one CNPG object (plain JSON, as in a manifest) and returns every issue: errors (none when
   * the API server and CloudNativePG's webhook would accept it) and warnings (the library's own stricter
   * rules, see `IssueSeverity`).
   *
   * The object goes through what the API server does on create, in its order: `status` dropped (kinds
   * with the status subresource), CloudNativePG's mutating webhook defaults, schema defaults, the
   * structural schema (unknown fields are errors, as the API server would drop them silently), the CEL
   * rules (transition rules skipped; none at all, as on the API server, when the schema found an error of
   * type, required, enum, maxLength, maxItems or maxProperties), then the validating webhook (reached only
   * by an object the schema accepts, and not for an object annotated `cnpg.io/validation: disabled`). The
   * object itself is not modified. A value JSON cannot carry (NaN, Infinity, BigInt, a function or a
   * symbol) is an error.
   *
   * Objects of the Barman Cloud plugin's group (`barmancloud.cnpg.io`, ObjectStore) are checked against its
   * CRD schema and CEL rules. A list (an object with `items`, such as `v1/List` or `ClusterList`) is
   * validated item by item, as kubectl sends it: paths start with `items[i]`, and items of other API groups
   * are skipped. An object (or a list without any object) of any other API group yields one issue saying so.
   *
   * @param manifest the object, e.g. `{ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', ... }`
   */
  public static validateManifest(manifest: any): ManifestIssue[] {
    return validateManifestOrList(manifest).map(manifestIssue);
  }

  /** True when the object belongs to an API group the library validates (`postgresql.cnpg.io/...`, `barmancloud.cnpg.io/...`). */
  public static isCnpgManifest(manifest: any): boolean {
    return isCnpgObject(manifest);
  }

  /**
   * Turns synth-time validation against the CRD schemas and CEL rules off for the whole app that holds
   * `scope` (call it with any construct of the app, before `synth()`). The constructs' own checks and the
   * operator's webhook rules still apply.
   */
  public static disable(scope: IConstruct): void {
    disableSynthValidation(scope);
  }

  /**
   * Validates every CNPG object of the app that holds `scope` at synth, including raw `ApiObject`s and
   * `Include`d manifests of CNPG kinds (their errors fail the synth, each named by the object's construct
   * path). Any construct of the library does this for its app; an app of raw objects only calls it once.
   * Objects owned by the library's constructs are validated by those constructs, not twice.
   *
   * @param scope any construct of the app (the app itself, a chart, ...)
   */
  public static validateApp(scope: IConstruct): void {
    validateAppAtSynth(scope);
  }

  /** Whether synth-time validation runs for the app that holds `scope`. */
  public static isEnabled(scope: IConstruct): boolean {
    return synthValidationEnabled(scope);
  }

  /** Every CEL rule of the CloudNativePG CRDs (all kinds, or one kind), with how the validator handles it. */
  public static celRules(kind?: string): CrdCelRule[] {
    const out: CrdCelRule[] = [];
    for (const k of kind === undefined ? schemaKinds(CNPG_GROUP) : [kind]) {
      const schema = kindSchema(CNPG_GROUP, k);
      if (!schema) throw new Error(`CnpgValidation.celRules: ${JSON.stringify(k)} is not a CloudNativePG kind; expected one of ${schemaKinds(CNPG_GROUP).join(', ')}`);
      forEachNode(schema.root, (node) => {
        for (const c of node.rules.length > 0 ? compiledRules(node) : []) {
          out.push({
            kind: k,
            path: rulePath(node, c.rule),
            rule: c.rule.rule,
            message: c.rule.message ?? `failed rule: ${c.rule.rule}`,
            transition: c.transition,
            evaluable: c.unsupported === undefined,
            reason: c.unsupported,
          });
        }
      });
    }
    return out;
  }

  /**
   * The transition rules (those reading `oldSelf`, like `serviceAccountName is immutable`): they compare
   * an update with the stored object, so the validator skips them, as the API server does on create.
   */
  public static transitionRules(kind?: string): CrdCelRule[] {
    return CnpgValidation.celRules(kind).filter((r) => r.transition);
  }

  private constructor() {}
}
