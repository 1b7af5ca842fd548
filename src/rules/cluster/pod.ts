import { annotationsOf, ClusterManifest, imageOf, isSet, list, specOf, str, violation as v } from './common';
import { goJsonStruct, isDns1035Label, labelValueErrors, qualifiedNameErrors } from './go';
import { show, Violation } from '../../common/errors';
import { ImageReference } from '../../common/image-reference';
import { pathJoin } from '../../common/json';
import { isRoleReserved } from '../roles';
import { isOperatorEnv, PULL_POLICIES, RESERVED_ENV_MESSAGE } from '../rules';

// The Cluster webhook's rules on the name, the image, certificates, scheduling, services, roles,
// annotations, plugins, pg_hba pod selectors and the service account (internal/webhook/v1/cluster_webhook.go,
// CloudNativePG 1.30.0).

/** Longest Cluster name the webhook accepts. */
export const CLUSTER_NAME_MAX_LENGTH = 50;

/** `validateName` on a name: a DNS-1035 label of at most 50 characters. */
export function clusterNameViolations(name: string, path = 'metadata.name'): Violation[] {
  const out: Violation[] = [];
  if (!isDns1035Label(name)) {
    out.push(v(path, `${show(name)} is not a DNS-1035 label; expected lowercase letters, digits and "-", starting with a letter`, 'cluster name must be a valid DNS label'));
  }
  if (name.length > CLUSTER_NAME_MAX_LENGTH) {
    out.push(v(path, `${show(name)} is ${name.length} characters; at most ${CLUSTER_NAME_MAX_LENGTH} are accepted`, 'the maximum length of a cluster name is 50 characters'));
  }
  return out;
}

/** The suffix the API server appends to `generateName` (five characters of its alphabet). */
const GENERATED_SUFFIX = 'bcdfg';

/**
 * `validateName`. A create with `generateName` reaches the validating webhook with the generated name (the
 * API server generates it before validating admission): the prefix (at most 58 characters) and 5 characters.
 */
export function validateName(cluster: ClusterManifest): Violation[] {
  const metadata = cluster?.metadata;
  const name = str(metadata?.name);
  if (name === '' && str(metadata?.generateName) !== '') {
    const generated = `${str(metadata.generateName).slice(0, 58)}${GENERATED_SUFFIX}`;
    return clusterNameViolations(generated, 'metadata.generateName').map((x) => ({ ...x, message: `the generated name (e.g. ${show(generated)}) fails: ${x.message}` }));
  }
  return clusterNameViolations(name);
}

/**
 * `validateImageName` on an image name: no `latest`, not digest-only, a tag that starts with a version,
 * all as the operator splits the name (machinery's reference.New, lenient: an upper-case repository and a
 * tag such as `16.2.0-debian-12-r8` pass; the OCI grammar is the library's own check).
 */
export function imageNameViolations(imageName: string | ImageReference, path = 'spec.imageName'): Violation[] {
  const ref = typeof imageName === 'string' ? ImageReference.parse(imageName) : imageName;
  const tag = ref.operatorTag;
  if (tag === undefined) {
    return [v(path, `${show(ref.text)} has a digest but no tag; the operator reads the PostgreSQL version from the tag (e.g. ":18.6-minimal-trixie@sha256:...")`, "Can't use just the image sha as we can't detect upgrades")];
  }
  if (tag === 'latest') {
    return [v(path, `${show(ref.text)} uses the "latest" tag; expected a version tag such as ":18.6-minimal-trixie"`, "Can't use 'latest' as image tag as we can't detect upgrades")];
  }
  if (ref.version === undefined) {
    return [v(path, `tag ${show(tag)} of ${show(ref.text)} does not start with a PostgreSQL version; expected e.g. "18.6-minimal-trixie"`, 'invalid version tag')];
  }
  return [];
}

/** `validateImageName`. */
export function validateImageName(cluster: ClusterManifest): Violation[] {
  return str(specOf(cluster).imageName) === '' ? [] : imageNameViolations(imageOf(cluster));
}

/** `validateImagePullPolicy`. */
export function validateImagePullPolicy(cluster: ClusterManifest): Violation[] {
  const policy = str(specOf(cluster).imagePullPolicy);
  if (policy === '' || PULL_POLICIES.includes(policy)) return [];
  return [v('spec.imagePullPolicy', `${show(policy)} is not a pull policy; expected Always, Never or IfNotPresent`, "invalid imagePullPolicy, if defined must be one of 'Always', 'Never' or 'IfNotPresent'")];
}

/** `validateCerts`: a server TLS secret needs its CA and no alt names; a replication TLS secret the client CA. */
export function validateCerts(cluster: ClusterManifest): Violation[] {
  const certs = specOf(cluster).certificates;
  if (!isSet(certs)) return [];
  const out: Violation[] = [];
  if (str(certs.serverTLSSecret) !== '') {
    if (list(certs.serverAltDNSNames).length !== 0) {
      out.push(v('spec.certificates.serverAltDNSNames', 'serverAltDNSNames are set with serverTLSSecret; the names belong in your certificate, remove them here',
        "Server alternative DNS names can't be defined when server TLS secret is provided"));
    }
    if (str(certs.serverCASecret) === '') {
      out.push(v('spec.certificates.serverCASecret', 'serverTLSSecret is set without serverCASecret; give the CA that signed the server certificate',
        "Server CA secret can't be empty when server TLS secret is provided"));
    }
  }
  if (str(certs.replicationTLSSecret) !== '' && str(certs.clientCASecret) === '') {
    out.push(v('spec.certificates.clientCASecret', 'replicationTLSSecret is set without clientCASecret; give the CA that signed the replication certificate',
      "Client CA secret can't be empty when client replication secret is provided"));
  }
  return out;
}

/** `validateSuperuserSecret`: a name when set. */
export function validateSuperuserSecret(cluster: ClusterManifest): Violation[] {
  const secret = specOf(cluster).superuserSecret;
  if (!isSet(secret) || str(secret.name) !== '') return [];
  return [v('spec.superuserSecret.name', 'superuserSecret has no name; name the Secret or remove superuserSecret', "Super user secret name can't be empty")];
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** `validateTolerations` (Kubernetes' own toleration rules). */
export function validateTolerations(cluster: ClusterManifest): Violation[] {
  const out: Violation[] = [];
  list(specOf(cluster).affinity?.tolerations).forEach((t, i) => {
    const at = `spec.affinity.tolerations[${i}]`;
    const key = str(t?.key);
    const operator = str(t?.operator);
    const effect = str(t?.effect);
    const value = str(t?.value);
    for (const e of key !== '' ? qualifiedNameErrors(key) : []) out.push(v(`${at}.key`, `${show(key)} is not a label name: ${e}`, e));
    if (key === '' && operator !== 'Exists') {
      out.push(v(`${at}.operator`, `an empty key matches every taint only with operator Exists (got ${show(operator)})`, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (isSet(t?.tolerationSeconds) && effect !== 'NoExecute') {
      out.push(v(`${at}.effect`, `tolerationSeconds is set with effect ${show(effect)}; it applies to NoExecute only`, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === 'Equal' || operator === '') {
      const errs = labelValueErrors(value);
      if (errs.length > 0) out.push(v(`${at}.operator`, `${show(value)} is not a label value`, errs.join(';')));
    } else if (operator === 'Exists') {
      if (value !== '') out.push(v(`${at}.operator`, `value ${show(value)} is set with operator Exists; remove it`, "value must be empty when `operator` is 'Exists'"));
    } else {
      out.push(v(`${at}.operator`, `${show(operator)} is not a toleration operator; expected Equal or Exists`, `Unsupported value: ${JSON.stringify(operator)}: supported values: "Equal", "Exists"`));
    }
    if (effect !== '' && !TAINT_EFFECTS.includes(effect)) {
      out.push(v(`${at}.effect`, `${show(effect)} is not a taint effect; expected NoSchedule, PreferNoSchedule or NoExecute`,
        `Unsupported value: ${JSON.stringify(effect)}: supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"`));
    }
  });
  return out;
}

/** `validateAntiAffinity`: preferred, required or empty. */
export function validateAntiAffinity(cluster: ClusterManifest): Violation[] {
  const type = str(specOf(cluster).affinity?.podAntiAffinityType);
  if (type === '' || type === 'preferred' || type === 'required') return [];
  return [v('spec.affinity.podAntiAffinityType', `${show(type)} is not accepted; expected preferred or required`, "pod anti-affinity type must be 'preferred' (default if empty) or 'required'")];
}

/** `validateEnv`: no variable the operator sets. */
export function validateEnv(cluster: ClusterManifest): Violation[] {
  return list(specOf(cluster).env).flatMap((e, i) => (isOperatorEnv(str(e?.name))
    ? [v(`spec.env[${i}].name`, `${show(e.name)} is reserved by the operator (PG*, CNPG_*, POD_NAME, NAMESPACE, CLUSTER_NAME); use another name`, RESERVED_ENV_MESSAGE)]
    : []));
}

/** `validateServiceTemplate`. */
export function serviceTemplateViolations(path: string, nameRequired: boolean, template: any): Violation[] {
  const out: Violation[] = [];
  const selector = template?.spec?.selector;
  if (isSet(selector) && Object.keys(selector).length > 0) out.push(v(path, 'the service template has a selector; the operator sets it, remove it', 'selector field is managed by the operator'));
  const name = str(template?.metadata?.name);
  if (name === '' && nameRequired) out.push(v(path, 'the service template has no metadata.name; name the service', 'name is required'));
  if (name !== '' && !nameRequired) out.push(v(path, `the service template is named ${show(name)}; the operator names this service, remove the name`, 'name is not allowed'));
  return out;
}

/** `validateManagedServices`: rw stays, additional services named, not reserved, not repeated. */
export function validateManagedServices(cluster: ClusterManifest): Violation[] {
  const services = specOf(cluster).managed?.services;
  if (!isSet(services)) return [];
  const clusterName = str(cluster?.metadata?.name);
  const reserved = ['rw', 'ro', 'r', 'any'].map((s) => `${clusterName}-${s}`);
  const out: Violation[] = [];
  if (list(services.disabledDefaultServices).includes('rw')) {
    out.push(v('spec.managed.services.disabledDefaultServices', 'the rw service cannot be disabled: applications reach the primary through it', 'service of type RW cannot be disabled.'));
  }
  const names: string[] = [];
  list(services.additional).forEach((svc, i) => {
    const name = str(svc?.serviceTemplate?.metadata?.name);
    const at = `spec.managed.services.additional[${i}]`;
    names.push(name);
    if (reserved.includes(name)) out.push(v(at, `${show(name)} is a name the operator gives its own services; choose another`, `the service name: '${name}' is reserved for operator use`));
    out.push(...serviceTemplateViolations(at, true, svc?.serviceTemplate));
  });
  if (new Set(names).size !== names.length) out.push(v('spec.managed.services.additional', 'two additional services share a name', 'contains services with the same .metadata.name'));
  return out;
}

/** `validateManagedRoles`: unique, a valid connection limit, not reserved, not both setting and disabling a password. */
export function validateManagedRoles(cluster: ClusterManifest): Violation[] {
  const out: Violation[] = [];
  const seen = new Set<string>();
  list(specOf(cluster).managed?.roles).forEach((role, i) => {
    const at = `spec.managed.roles[${i}]`;
    const name = str(role?.name);
    if (seen.has(name)) out.push(v(`${at}.name`, `role ${show(name)} is declared twice`, 'Role name is duplicate of another'));
    seen.add(name);
    const limit = typeof role?.connectionLimit === 'number' ? role.connectionLimit : 0;
    if (limit !== -1 && limit < 0) {
      out.push(v(`${at}.connectionLimit`, `${limit} is negative; expected -1 (no limit) or a positive number`, 'Connection limit should be positive, unless defaulting to -1'));
    }
    if (isRoleReserved(name)) {
      out.push(v(`${at}.name`, `${show(name)} is reserved (postgres, streaming_replica and the cnpg_ and pg_ prefixes belong to the operator and PostgreSQL)`, 'This role is reserved for operator use'));
    }
    if (role?.disablePassword === true && isSet(role?.passwordSecret)) {
      out.push(v(at, `role ${show(name)} has a passwordSecret and disablePassword; remove one`, 'This role both sets and disables a password'));
    }
  });
  return out;
}

/** The hibernation annotation. */
export const HIBERNATION_ANNOTATION = 'cnpg.io/hibernation';
/** The pod patch annotation (an RFC 6902 JSON patch applied to every instance pod). */
export const POD_PATCH_ANNOTATION = 'cnpg.io/podPatch';
/** The alpha liveness pinger annotation. */
export const LIVENESS_PINGER_ANNOTATION = 'alpha.cnpg.io/livenessPinger';

/** `validateHibernationAnnotation`: on or off. */
export function validateHibernationAnnotation(cluster: ClusterManifest): Violation[] {
  const annotations = annotationsOf(cluster);
  if (!(HIBERNATION_ANNOTATION in annotations)) return [];
  const value = annotations[HIBERNATION_ANNOTATION];
  if (value === 'on' || value === 'off') return [];
  return [v(pathJoin('metadata.annotations', HIBERNATION_ANNOTATION), `${show(value)} is not accepted; expected "on" or "off"`, 'Annotation value for hibernation should be "on" or "off"')];
}

const PATCH_OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'];
const POD_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
const OBJECT_META_FIELDS = new Set(['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields']);
const POD_SPEC_FIELDS = new Set(['activeDeadlineSeconds', 'affinity', 'automountServiceAccountToken', 'containers', 'dnsConfig', 'dnsPolicy',
  'enableServiceLinks', 'ephemeralContainers', 'hostAliases', 'hostIPC', 'hostNetwork', 'hostPID', 'hostUsers', 'hostname', 'hostnameOverride',
  'imagePullSecrets', 'initContainers', 'nodeName', 'nodeSelector', 'os', 'overhead', 'preemptionPolicy', 'priority', 'priorityClassName',
  'readinessGates', 'resourceClaims', 'resources', 'restartPolicy', 'runtimeClassName', 'schedulerName', 'schedulingGates', 'securityContext',
  'serviceAccount', 'serviceAccountName', 'setHostnameAsFQDN', 'shareProcessNamespace', 'subdomain', 'terminationGracePeriodSeconds',
  'tolerations', 'topologySpreadConstraints', 'volumes', 'workloadRef']);

/** A JSON pointer that can never exist in a Pod (an unknown top-level, metadata or spec field). */
function neverInPod(pointer: string): boolean {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts.length === 0) return false;
  if (!POD_FIELDS.has(parts[0])) return true;
  if (parts.length < 2) return false;
  if (parts[0] === 'metadata') return !OBJECT_META_FIELDS.has(parts[1]);
  if (parts[0] === 'spec') return !POD_SPEC_FIELDS.has(parts[1]);
  return false;
}

/**
 * `validatePodPatchAnnotation`: the patch decodes, and applies to the instance pod. The pod itself is the
 * operator's to build; the library refuses only what can never apply (an unknown operation, a missing path,
 * replacing, removing, testing, moving or copying a field a Pod does not have), so no valid patch is refused.
 */
export function validatePodPatchAnnotation(cluster: ClusterManifest): Violation[] {
  const annotations = annotationsOf(cluster);
  if (!(POD_PATCH_ANNOTATION in annotations)) return [];
  const text = str(annotations[POD_PATCH_ANNOTATION]);
  const path = pathJoin('metadata.annotations', POD_PATCH_ANNOTATION);
  let patch: unknown;
  try {
    patch = JSON.parse(text);
  } catch (e) {
    return [v(path, `${show(text)} is not JSON; expected an RFC 6902 patch such as [{"op": "add", "path": "/metadata/labels/x", "value": "y"}]`, `error decoding JSON patch: ${(e as Error).message}`)];
  }
  if (patch !== null && (!Array.isArray(patch) || patch.some((op) => op === null || typeof op !== 'object' || Array.isArray(op)))) {
    return [v(path, `${show(text)} is not a list of operations; expected an RFC 6902 patch`, 'error decoding JSON patch: json: cannot unmarshal into Go value of type jsonpatch.Patch')];
  }
  for (const op of (patch ?? []) as any[]) {
    const kind = op.op;
    const reason = !PATCH_OPS.includes(kind) ? `Unexpected kind: ${kind}`
      : typeof op.path !== 'string' ? 'operation missing path field'
        : kind !== 'add' && neverInPod(op.path) ? `${kind} operation does not apply: doc is missing path: ${op.path}`
          : (kind === 'move' || kind === 'copy') && (typeof op.from !== 'string' || neverInPod(op.from)) ? `${kind} operation does not apply: doc is missing from path: ${op.from}`
            : undefined;
    if (reason) {
      return [v(path, `operation ${show(op)} cannot apply to the instance pod (${reason})`, `jsonpatch doesn't apply cleanly to the pod: ${reason}`)];
    }
  }
  return [];
}

/** `validateLivenessPingerProbe`: the annotation decodes and says whether it is enabled. */
export function validateLivenessPingerProbe(cluster: ClusterManifest): Violation[] {
  const annotations = annotationsOf(cluster);
  if (!(LIVENESS_PINGER_ANNOTATION in annotations)) return [];
  const error = livenessPingerError(str(annotations[LIVENESS_PINGER_ANNOTATION]));
  if (error === undefined) return [];
  return [v(pathJoin('metadata.annotations', LIVENESS_PINGER_ANNOTATION), `${show(annotations[LIVENESS_PINGER_ANNOTATION])} is not a pinger configuration; expected JSON such as {"enabled": true, "requestTimeout": 1000, "connectionTimeout": 1000}`,
    `error decoding liveness pinger config: ${error}`)];
}

/** The liveness pinger configuration of the annotation (`NewLivenessPingerConfigFromAnnotations`), or its error. */
export function livenessPingerConfig(text: string): { enabled: boolean; requestTimeout: number; connectionTimeout: number } | string {
  const parsed = goJsonStruct(text, { enabled: 'bool', requestTimeout: 'int', connectionTimeout: 'int' });
  if (typeof parsed === 'string') return `while unmarshalling pinger config: ${parsed}`;
  if (parsed.enabled === undefined) return 'pinger config is missing the enabled field';
  return {
    enabled: parsed.enabled as boolean,
    requestTimeout: (parsed.requestTimeout as number) || 1000,
    connectionTimeout: (parsed.connectionTimeout as number) || 1000,
  };
}

function livenessPingerError(text: string): string | undefined {
  const config = livenessPingerConfig(text);
  return typeof config === 'string' ? config : undefined;
}

/** `validatePluginConfiguration`: one enabled WAL archiver, and none with barmanObjectStore. */
export function validatePluginConfiguration(cluster: ClusterManifest): Violation[] {
  const spec = specOf(cluster);
  const archivers = list(spec.plugins).filter((p) => p?.enabled !== false && p?.isWALArchiver === true).map((p) => str(p.name));
  const out: Violation[] = [];
  if (isSet(spec.backup?.barmanObjectStore) && archivers.length > 0) {
    out.push(v('spec.plugins', `WAL archiver plugin ${archivers.join(', ')} and backup.barmanObjectStore are both configured; archive WALs with one`, 'Cannot enable a WAL archiver plugin when barmanObjectStore is configured'));
  }
  if (archivers.length > 1) out.push(v('spec.plugins', `${archivers.join(', ')} are all WAL archivers; enable one`, 'Cannot enable more than one WAL archiver plugin'));
  return out;
}

const DESCRIPTOR_REFERENCE = /\$\{([^:]+):([^}]+)\}/g;
const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** `ValidateLabelSelector`: label keys and values, expression operators and their values. */
function labelSelectorViolations(selector: any, path: string): Violation[] {
  const out: Violation[] = [];
  list(selector?.matchExpressions).forEach((e, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    const operator = str(e?.operator);
    const values = list(e?.values);
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) out.push(v(`${at}.values`, `operator ${operator} needs values`, 'must be specified when `operator` is \'In\' or \'NotIn\''));
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) out.push(v(`${at}.values`, `operator ${operator} takes no values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
    } else {
      out.push(v(`${at}.operator`, `${show(operator)} is not a selector operator; expected ${SELECTOR_OPERATORS.join(', ')}`, 'not a valid selector operator'));
    }
    for (const err of qualifiedNameErrors(str(e?.key))) out.push(v(`${at}.key`, `${show(e?.key)} is not a label key: ${err}`, err));
    // apimachinery ValidateLabelSelectorRequirement: the operator passes no AllowInvalidLabelValueInSelector
    values.forEach((value, j) => {
      for (const err of labelValueErrors(str(value))) out.push(v(`${at}.values[${j}]`, `${show(value)} is not a label value: ${err}`, err));
    });
  });
  const labels = isSet(selector?.matchLabels) ? selector.matchLabels : {};
  for (const [key, value] of Object.entries(labels)) {
    for (const err of qualifiedNameErrors(key)) out.push(v(pathJoin(`${path}.matchLabels`, key), `${show(key)} is not a label key: ${err}`, err));
    for (const err of labelValueErrors(str(value))) out.push(v(pathJoin(`${path}.matchLabels`, key), `${show(value)} is not a label value: ${err}`, err));
  }
  return out;
}

/** `validatePodSelectorRefs`: unique names, valid selectors, pg_hba lines naming defined selectors, one per line. */
export function validatePodSelectorRefs(cluster: ClusterManifest): Violation[] {
  const spec = specOf(cluster);
  const out: Violation[] = [];
  const known = new Set<string>();
  list(spec.podSelectorRefs).forEach((ref, i) => {
    const name = str(ref?.name);
    const at = `spec.podSelectorRefs[${i}]`;
    if (known.has(name)) out.push(v(`${at}.name`, `selector ${show(name)} is declared twice`, `Duplicate value: ${JSON.stringify(name)}`));
    known.add(name);
    out.push(...labelSelectorViolations(ref?.selector, `${at}.selector`));
  });
  list(spec.postgresql?.pg_hba).forEach((line, i) => {
    const text = str(line);
    let count = 0;
    let error: string | undefined;
    for (const m of text.matchAll(DESCRIPTOR_REFERENCE)) {
      if (m[1] !== 'podselector') {
        error = `unknown descriptor type: ${m[1]}`;
        break;
      }
      count++;
      if (!known.has(m[2])) {
        error = `pod selector not found: ${m[2]}`;
        break;
      }
    }
    if (error === undefined && count > 1) error = 'at most one podselector reference is allowed per line';
    if (error !== undefined) out.push(v(`spec.postgresql.pg_hba[${i}]`, `${show(text)}: ${error}; define the selector in podSelectorRefs and reference it as \${podselector:NAME}`, error));
  });
  return out;
}

/** `validateServiceAccountConfig`: serviceAccountName and serviceAccountTemplate not both. */
export function validateServiceAccountConfig(cluster: ClusterManifest): Violation[] {
  const spec = specOf(cluster);
  if (str(spec.serviceAccountName) === '' || !isSet(spec.serviceAccountTemplate)) return [];
  return [v('spec.serviceAccountName', `serviceAccountName ${show(spec.serviceAccountName)} and serviceAccountTemplate are both set; use an existing ServiceAccount or a template, not both`,
    'serviceAccountName and serviceAccountTemplate are mutually exclusive')];
}
