import { cluster, webhook } from './cluster-manifest';
import { validateName, validatePodPatchAnnotation, validatePodSelectorRefs, validateTolerations } from '../src/rules/cluster/pod';

// The Cluster webhook's rules on pod selector references, tolerations, the pod patch annotation and a name
// generated from generateName (src/rules/cluster/pod.ts), read from CloudNativePG 1.30.0:
// internal/webhook/v1/cluster_webhook.go (validatePodSelectorRefs, validateTolerations, validatePodPatchAnnotation,
// validateName), pkg/postgres/hba/hba.go (ValidateLine) and the Kubernetes code they call:
// apimachinery's metav1 validation (ValidateLabelSelector, ValidateLabelSelectorRequirement, ValidateLabelName,
// ValidateLabels) and core validation's validateTolerations. Every expectation is the operator's behaviour.

const NAME_CHARS = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const HBA_HINT = 'define the selector in podSelectorRefs and reference it as ${podselector:NAME}';

/** A Cluster with one pod selector reference named `app` and this selector. */
const withSelector = (selector: object) => cluster({ podSelectorRefs: [{ name: 'app', selector }] });
/** A Cluster with one pod selector reference named `app` and these match expressions. */
const withExpressions = (...matchExpressions: object[]) => withSelector({ matchExpressions });
const EXPRESSION = 'spec.podSelectorRefs[0].selector.matchExpressions[0]';

describe('validatePodSelectorRefs: ValidateLabelSelectorRequirement (apimachinery metav1 validation)', () => {
  // ValidateLabelSelectorRequirement: In and NotIn need values (field.Required on values)
  test('refuses In and NotIn without values, with the operator in the message', () => {
    for (const operator of ['In', 'NotIn']) {
      expect(validatePodSelectorRefs(withExpressions({ key: 'app', operator }))).toEqual([
        webhook(`${EXPRESSION}.values`, `operator ${operator} needs values`, "must be specified when `operator` is 'In' or 'NotIn'"),
      ]);
      expect(validatePodSelectorRefs(withExpressions({ key: 'app', operator, values: [] }))).toEqual([
        webhook(`${EXPRESSION}.values`, `operator ${operator} needs values`, "must be specified when `operator` is 'In' or 'NotIn'"),
      ]);
    }
  });

  test('admits In and NotIn with values', () => {
    expect(validatePodSelectorRefs(withExpressions({ key: 'app', operator: 'In', values: ['web'] }))).toEqual([]);
    expect(validatePodSelectorRefs(withExpressions({ key: 'app', operator: 'NotIn', values: ['web', 'api'] }))).toEqual([]);
  });

  // ValidateLabelSelectorRequirement: each value is a label value (validation.IsValidLabelValue), since the
  // operator passes LabelSelectorValidationOptions{} (AllowInvalidLabelValueInSelector unset)
  test('refuses an In or NotIn value that is not a label value, naming its index; an empty value is a label value', () => {
    expect(validatePodSelectorRefs(withExpressions({ key: 'app', operator: 'In', values: ['web', 'not valid!', 'x'.repeat(64)] }))).toEqual([
      webhook(`${EXPRESSION}.values[1]`, `"not valid!" is not a label value: ${LABEL_VALUE}`, LABEL_VALUE),
      webhook(`${EXPRESSION}.values[2]`, `"${'x'.repeat(64)}" is not a label value: must be no more than 63 characters`, 'must be no more than 63 characters'),
    ]);
    expect(validatePodSelectorRefs(withExpressions({ key: 'app', operator: 'NotIn', values: ['', 'web'] }))).toEqual([]);
  });

  // ValidateLabelSelectorRequirement: Exists and DoesNotExist take no values (field.Forbidden on values)
  test('refuses Exists and DoesNotExist with values, with the operator in the message', () => {
    for (const operator of ['Exists', 'DoesNotExist']) {
      expect(validatePodSelectorRefs(withExpressions({ key: 'app', operator, values: ['web'] }))).toEqual([
        webhook(`${EXPRESSION}.values`, `operator ${operator} takes no values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
      ]);
    }
  });

  test('admits Exists and DoesNotExist without values, or with an empty list', () => {
    expect(validatePodSelectorRefs(withExpressions({ key: 'app', operator: 'Exists' }))).toEqual([]);
    expect(validatePodSelectorRefs(withExpressions({ key: 'app', operator: 'DoesNotExist', values: [] }))).toEqual([]);
  });

  // ValidateLabelSelectorRequirement default case: field.Invalid(operator, "not a valid selector operator");
  // cluster_webhook_test.go "rejects invalid label selector" (operator "InvalidOperator")
  test('refuses an operator that is none of In, NotIn, Exists, DoesNotExist, whatever the values', () => {
    const invalid = webhook(`${EXPRESSION}.operator`, '"InvalidOperator" is not a selector operator; expected In, NotIn, Exists, DoesNotExist', 'not a valid selector operator');
    expect(validatePodSelectorRefs(withExpressions({ key: 'app', operator: 'InvalidOperator' }))).toEqual([invalid]);
    expect(validatePodSelectorRefs(withExpressions({ key: 'app', operator: 'InvalidOperator', values: ['web'] }))).toEqual([invalid]);
  });

  // ValidateLabelName (IsQualifiedName) on the key, after the operator check
  test('refuses a key that is not a qualified name', () => {
    expect(validatePodSelectorRefs(withExpressions({ key: 'my app', operator: 'Exists' }))).toEqual([
      webhook(`${EXPRESSION}.key`, `"my app" is not a label key: ${NAME_CHARS}`, NAME_CHARS),
    ]);
  });

  // A null requirement decodes to Go's zero value: operator "" (not an operator) and key "" (empty name part)
  test('reads a null requirement as an empty one: no operator, no key', () => {
    expect(validatePodSelectorRefs(withExpressions(null as any))).toEqual([
      webhook(`${EXPRESSION}.operator`, '"" is not a selector operator; expected In, NotIn, Exists, DoesNotExist', 'not a valid selector operator'),
      webhook(`${EXPRESSION}.key`, 'undefined is not a label key: name part must be non-empty', 'name part must be non-empty'),
    ]);
  });
});

describe('validatePodSelectorRefs: ValidateLabels on matchLabels (apimachinery metav1 validation)', () => {
  test('refuses a label key that is not a qualified name, at the key', () => {
    expect(validatePodSelectorRefs(withSelector({ matchLabels: { 'my app': 'web' } }))).toEqual([
      webhook('spec.podSelectorRefs[0].selector.matchLabels["my app"]', `"my app" is not a label key: ${NAME_CHARS}`, NAME_CHARS),
    ]);
  });

  test('refuses a label value that is not a label value, at the key', () => {
    expect(validatePodSelectorRefs(withSelector({ matchLabels: { app: 'my web' } }))).toEqual([
      webhook('spec.podSelectorRefs[0].selector.matchLabels.app', `"my web" is not a label value: ${LABEL_VALUE}`, LABEL_VALUE),
    ]);
  });

  // cluster_webhook_test.go "accepts a valid configuration" (matchLabels app: myapp)
  test('admits valid keys and values, a prefixed key and an empty value included', () => {
    expect(validatePodSelectorRefs(withSelector({ matchLabels: { 'app': 'myapp', 'example.com/tier': '', 'a.b_c-d': 'x.y_z-1' } }))).toEqual([]);
  });
});

describe('validatePodSelectorRefs: names and missing selectors', () => {
  // PodSelectorRef.Selector is a struct, not a pointer: a missing selector is the empty selector, valid
  test('admits a reference without a selector', () => {
    expect(validatePodSelectorRefs(cluster({ podSelectorRefs: [{ name: 'all' }] }))).toEqual([]);
  });

  // A null reference decodes to Go's zero value (name "", empty selector); a second one repeats the name:
  // field.Duplicate on spec.podSelectorRefs[1].name
  test('reads null references as unnamed ones with an empty selector, and refuses the repeated empty name', () => {
    expect(validatePodSelectorRefs(cluster({ podSelectorRefs: [null] }))).toEqual([]);
    expect(validatePodSelectorRefs(cluster({ podSelectorRefs: [null, null] }))).toEqual([
      webhook('spec.podSelectorRefs[1].name', 'selector "" is declared twice', 'Duplicate value: ""'),
    ]);
  });
});

describe('validatePodSelectorRefs: pg_hba descriptor references (hba.ValidateLine)', () => {
  const hba = (line: string, refs: string[] = []) => validatePodSelectorRefs(cluster({
    podSelectorRefs: refs.map((name) => ({ name, selector: { matchLabels: { app: name } } })),
    postgresql: { pg_hba: [line] },
  }));

  // ValidateLine: a descriptor type other than podselector is ErrUnknownDescriptorType, even when its name is defined
  test('refuses a descriptor type other than podselector', () => {
    const line = 'host all all ${service:app} md5';
    expect(hba(line, ['app'])).toEqual([
      webhook('spec.postgresql.pg_hba[0]', `"${line}": unknown descriptor type: service; ${HBA_HINT}`, 'unknown descriptor type: service'),
    ]);
  });

  // ValidateLine returns at the first failing reference: an undefined selector after a defined one is
  // ErrPodSelectorNotFound, not ErrMultiplePodSelectorReferences
  test('reports the first undefined selector of a line with two references, not the count', () => {
    const line = 'host all all ${podselector:app} ${podselector:missing} md5';
    expect(hba(line, ['app'])).toEqual([
      webhook('spec.postgresql.pg_hba[0]', `"${line}": pod selector not found: missing; ${HBA_HINT}`, 'pod selector not found: missing'),
    ]);
  });

  // cluster_webhook_test.go "rejects multiple podselector references in a single pg_hba line"
  test('refuses two defined selectors on one line', () => {
    const line = 'host all all ${podselector:app1} ${podselector:app2} md5';
    expect(hba(line, ['app1', 'app2'])).toEqual([
      webhook('spec.postgresql.pg_hba[0]', `"${line}": at most one podselector reference is allowed per line; ${HBA_HINT}`,
        'at most one podselector reference is allowed per line'),
    ]);
  });
});

describe('validateTolerations (core validation validateTolerations, as copied by cluster_webhook.go)', () => {
  const tolerations = (...list: object[]) => validateTolerations(cluster({ affinity: { tolerations: list } }));
  const AT = 'spec.affinity.tolerations[0]';

  // cluster_webhook_test.go "doesn't complain if we provide a proper toleration"
  test('admits a key with Exists and a taint effect', () => {
    expect(tolerations({ key: 'test', operator: 'Exists', effect: 'NoSchedule' })).toEqual([]);
  });

  // ValidateLabelName on a non-empty key
  test('refuses a key that is not a label name', () => {
    expect(tolerations({ key: 'my key', operator: 'Exists' })).toEqual([
      webhook(`${AT}.key`, `"my key" is not a label name: ${NAME_CHARS}`, NAME_CHARS),
    ]);
  });

  // "effect must be 'NoExecute' when `tolerationSeconds` is set"
  test('refuses tolerationSeconds with an effect other than NoExecute, admits it with NoExecute', () => {
    expect(tolerations({ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 })).toEqual([
      webhook(`${AT}.effect`, 'tolerationSeconds is set with effect "NoSchedule"; it applies to NoExecute only', "effect must be 'NoExecute' when `tolerationSeconds` is set"),
    ]);
    expect(tolerations({ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 })).toEqual([]);
  });

  // case Equal, "": the value must be a label value (the errors joined with ";")
  test('refuses a value that is not a label value with Equal or no operator', () => {
    const invalid = webhook(`${AT}.operator`, '"a b" is not a label value', LABEL_VALUE);
    expect(tolerations({ key: 'k', operator: 'Equal', value: 'a b' })).toEqual([invalid]);
    expect(tolerations({ key: 'k', value: 'a b' })).toEqual([invalid]);
    expect(tolerations({ key: 'k', operator: 'Equal', value: 'ok' })).toEqual([]);
    // both errors of IsValidLabelValue, joined with ";" (strings.Join(..., ";"))
    const long = `a b${'c'.repeat(61)}`;
    expect(tolerations({ key: 'k', operator: 'Equal', value: long })).toEqual([
      webhook(`${AT}.operator`, `"${long}" is not a label value`, `must be no more than 63 characters;${LABEL_VALUE}`),
    ]);
  });

  // case Exists: "value must be empty when `operator` is 'Exists'"
  test('refuses a value with Exists', () => {
    expect(tolerations({ key: 'k', operator: 'Exists', value: 'v' })).toEqual([
      webhook(`${AT}.operator`, 'value "v" is set with operator Exists; remove it', "value must be empty when `operator` is 'Exists'"),
    ]);
  });

  // default: field.NotSupported(operator, validToleration operators)
  test('refuses an operator other than Equal and Exists', () => {
    expect(tolerations({ key: 'k', operator: 'Gt', value: '1' })).toEqual([
      webhook(`${AT}.operator`, '"Gt" is not a toleration operator; expected Equal or Exists', 'Unsupported value: "Gt": supported values: "Equal", "Exists"'),
    ]);
  });

  // validateTaintEffect (allowEmpty): field.NotSupported(effect, NoSchedule, PreferNoSchedule, NoExecute)
  test('refuses an effect that is not a taint effect', () => {
    expect(tolerations({ key: 'k', operator: 'Exists', effect: 'Sometimes' })).toEqual([
      webhook(`${AT}.effect`, '"Sometimes" is not a taint effect; expected NoSchedule, PreferNoSchedule or NoExecute',
        'Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'),
    ]);
  });
});

describe('validatePodPatchAnnotation (jsonpatch.DecodePatch, then the patch applied to the instance pod)', () => {
  const PATH = 'metadata.annotations["cnpg.io/podPatch"]';
  const patched = (patch: string) => validatePodPatchAnnotation(cluster({}, { 'cnpg.io/podPatch': patch }));
  const applyError = (op: object, reason: string) => webhook(PATH, `operation ${JSON.stringify(op)} cannot apply to the instance pod (${reason})`,
    `jsonpatch doesn't apply cleanly to the pod: ${reason}`);

  // DecodePatch unmarshals into jsonpatch.Patch ([]Operation): JSON that is not a list of objects fails
  test('refuses JSON that is not a list of operations', () => {
    for (const text of ['{"op": "add", "path": "/metadata/labels/x", "value": "y"}', '[1]', '"text"']) {
      expect(patched(text)).toEqual([webhook(PATH, `${JSON.stringify(text)} is not a list of operations; expected an RFC 6902 patch`,
        'error decoding JSON patch: json: cannot unmarshal into Go value of type jsonpatch.Patch')]);
    }
  });

  test('refuses an operation of an unknown kind, and one without a path', () => {
    const unknown = { op: 'merge', path: '/metadata/labels' };
    expect(patched(JSON.stringify([unknown]))).toEqual([applyError(unknown, 'Unexpected kind: merge')]);
    const pathless = { op: 'remove' };
    expect(patched(JSON.stringify([pathless]))).toEqual([applyError(pathless, 'operation missing path field')]);
  });

  // cluster_webhook_test.go "returns an error if the JSON patch doesn't apply cleanly" (a spec field a Pod lacks)
  test('refuses replacing a top-level field a Pod does not have; admits the pod itself, its top-level fields and their children', () => {
    const unknownTop = { op: 'replace', path: '/podInvalidSection', value: 'test' };
    expect(patched(JSON.stringify([unknownTop]))).toEqual([applyError(unknownTop, 'replace operation does not apply: doc is missing path: /podInvalidSection')]);
    // "" is the whole pod, "/spec" a field every Pod has, "/status/phase" a child of status: none can be known missing
    expect(patched('[{"op": "replace", "path": "", "value": {}}]')).toEqual([]);
    expect(patched('[{"op": "replace", "path": "/spec", "value": {}}]')).toEqual([]);
    expect(patched('[{"op": "replace", "path": "/status/phase", "value": "Pending"}]')).toEqual([]);
  });

  test('refuses a move or copy whose from is missing or a field a Pod does not have; admits one from a pod field', () => {
    const fromUnknown = { op: 'copy', from: '/spec/podInvalidSection', path: '/metadata/labels/x' };
    expect(patched(JSON.stringify([fromUnknown]))).toEqual([applyError(fromUnknown, 'copy operation does not apply: doc is missing from path: /spec/podInvalidSection')]);
    const noFrom = { op: 'move', path: '/metadata/labels/x' };
    expect(patched(JSON.stringify([noFrom]))).toEqual([applyError(noFrom, 'move operation does not apply: doc is missing from path: undefined')]);
    expect(patched('[{"op": "copy", "from": "/metadata/labels", "path": "/metadata/annotations"}]')).toEqual([]);
    expect(patched('[{"op": "move", "from": "/spec/nodeSelector", "path": "/metadata/labels"}]')).toEqual([]);
  });
});

describe('validateName with generateName (the API server generates the name before the webhook runs)', () => {
  const generated = (generateName: string) => validateName({ ...cluster(), metadata: { generateName } });

  // cluster_webhook.go validateName: "cluster name must be a valid DNS label"
  test('refuses a prefix that makes the generated name no DNS-1035 label, saying which name', () => {
    expect(generated('Pg-')).toEqual([webhook('metadata.generateName',
      'the generated name (e.g. "Pg-bcdfg") fails: "Pg-bcdfg" is not a DNS-1035 label; expected lowercase letters, digits and "-", starting with a letter',
      'cluster name must be a valid DNS label')]);
  });

  // validateName: "the maximum length of a cluster name is 50 characters" (the prefix is cut at 58 characters)
  test('refuses a prefix that makes the generated name longer than 50 characters', () => {
    const name = `${'a'.repeat(58)}bcdfg`;
    expect(generated('a'.repeat(70))).toEqual([webhook('metadata.generateName',
      `the generated name (e.g. "${name}") fails: "${name}" is 63 characters; at most 50 are accepted`,
      'the maximum length of a cluster name is 50 characters')]);
  });

  test('admits a short lowercase prefix', () => {
    expect(generated('pg-')).toEqual([]);
  });
});
