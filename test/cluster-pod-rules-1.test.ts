import { cluster, webhook } from './cluster-manifest';
import {
  livenessPingerConfig, serviceTemplateViolations, validateCerts, validateEnv, validateManagedRoles, validateManagedServices,
  validateName, validatePluginConfiguration, validatePodPatchAnnotation, validateTolerations,
} from '../src/rules/cluster/pod';

// The Cluster webhook's rules on names, certificates, tolerations, env, services, managed roles, the podPatch
// and livenessPinger annotations and plugins (src/rules/cluster/pod.ts), each called by its upstream Go name
// (internal/webhook/v1/cluster_webhook.go, CloudNativePG 1.30.0). Manifests are in wire format: a list item
// may be null or a field missing, and the rules read it as Go reads the zero value.

describe('validateName: generateName', () => {
  // cluster_webhook.go, validateName; the API server appends 5 characters to at most 58 of generateName
  // before validating admission (the library's own reading of a create with generateName)
  test('checks the generated name: the first 58 characters of generateName and a 5-character suffix', () => {
    const prefix = 'a'.repeat(58);
    const generated = `${prefix}bcdfg`;
    const manifest = { ...cluster(), metadata: { generateName: `${prefix}zz` } };
    expect(validateName(manifest)).toEqual([webhook('metadata.generateName',
      `the generated name (e.g. "${generated}") fails: "${generated}" is 63 characters; at most 50 are accepted`,
      'the maximum length of a cluster name is 50 characters')]);
  });
});

describe('validateCerts', () => {
  // cluster_webhook.go, validateCerts; cluster_webhook_test.go "certificates options validation"
  test('admits a replication TLS secret with its client CA, without a server TLS secret', () => {
    expect(validateCerts(cluster({ certificates: { replicationTLSSecret: 'repl', clientCASecret: 'ca' } }))).toEqual([]);
    expect(validateCerts(cluster({ certificates: { serverCASecret: 'server-ca' } }))).toEqual([]);
  });

  test('refuses a replication TLS secret without a client CA secret', () => {
    expect(validateCerts(cluster({ certificates: { replicationTLSSecret: 'repl' } }))).toEqual([webhook('spec.certificates.clientCASecret',
      'replicationTLSSecret is set without clientCASecret; give the CA that signed the replication certificate',
      "Client CA secret can't be empty when client replication secret is provided")]);
  });
});

describe('validateTolerations (toleration validation)', () => {
  // cluster_webhook.go, validateTolerations over Kubernetes' validation.ValidateTolerations;
  // cluster_webhook_test.go "toleration validation"
  const tolerations = (...items: unknown[]) => validateTolerations(cluster({ affinity: { tolerations: items } }));
  const at = (field: string) => `spec.affinity.tolerations[0].${field}`;

  test('reads a null toleration as the zero toleration: an empty key needs operator Exists', () => {
    expect(tolerations(null)).toEqual([webhook(at('operator'), 'an empty key matches every taint only with operator Exists (got "")',
      'operator must be Exists when `key` is empty, which means "match all values and all keys"')]);
  });

  test('admits an empty key with operator Exists (match every taint) and a named key with Equal', () => {
    expect(tolerations({ operator: 'Exists' })).toEqual([]);
    expect(tolerations({ key: 'dedicated', value: 'postgres', effect: 'NoSchedule' })).toEqual([]);
    expect(tolerations({ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 })).toEqual([]);
  });

  test('refuses a key that is not a label name', () => {
    expect(tolerations({ key: 'a b', operator: 'Exists' })).toEqual([webhook(at('key'),
      '"a b" is not a label name: name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character',
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character")]);
  });

  test('refuses tolerationSeconds with an effect other than NoExecute', () => {
    expect(tolerations({ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 })).toEqual([webhook(at('effect'),
      'tolerationSeconds is set with effect "NoSchedule"; it applies to NoExecute only', "effect must be 'NoExecute' when `tolerationSeconds` is set")]);
  });

  test('refuses a value that is not a label value with operator Equal', () => {
    const message = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    expect(tolerations({ key: 'k', operator: 'Equal', value: 'a b' })).toEqual([webhook(at('operator'), '"a b" is not a label value', message)]);
    expect(tolerations({ key: 'k', value: 'a b' })).toEqual([webhook(at('operator'), '"a b" is not a label value', message)]);
  });

  test('refuses a value with operator Exists', () => {
    expect(tolerations({ key: 'k', operator: 'Exists', value: 'v' })).toEqual([webhook(at('operator'),
      'value "v" is set with operator Exists; remove it', "value must be empty when `operator` is 'Exists'")]);
  });

  test('refuses an operator other than Equal and Exists', () => {
    expect(tolerations({ key: 'k', operator: 'In' })).toEqual([webhook(at('operator'),
      '"In" is not a toleration operator; expected Equal or Exists', 'Unsupported value: "In": supported values: "Equal", "Exists"')]);
  });

  test('refuses an effect that is not a taint effect', () => {
    expect(tolerations({ key: 'k', operator: 'Exists', effect: 'NoRun' })).toEqual([webhook(at('effect'),
      '"NoRun" is not a taint effect; expected NoSchedule, PreferNoSchedule or NoExecute',
      'Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"')]);
  });
});

describe('validateEnv (Environment variables validation)', () => {
  // cluster_webhook.go, validateEnv; a null entry has the empty name, which is not reserved
  test('admits a null entry in env', () => {
    expect(validateEnv(cluster({ env: [null, { name: 'TZ', value: 'UTC' }] }))).toEqual([]);
  });
});

describe('validateManagedServices and validateServiceTemplate', () => {
  // cluster_webhook.go, validateManagedServices and validateServiceTemplate; cluster_webhook_test.go
  // "validateManagedServices", "ServiceTemplate Validation"
  const services = (spec: object, manifest = cluster({ managed: { services: spec } })) => validateManagedServices(manifest);
  const unnamed = (i: number) => webhook(`spec.managed.services.additional[${i}]`, 'the service template has no metadata.name; name the service', 'name is required');

  test('requires a name of every additional service, also when the entry, its template or its metadata is missing', () => {
    expect(services({ additional: [null, {}, { serviceTemplate: {} }] })).toEqual([unnamed(0), unnamed(1), unnamed(2),
      webhook('spec.managed.services.additional', 'two additional services share a name', 'contains services with the same .metadata.name')]);
  });

  test('refuses a selector in an additional service template', () => {
    expect(services({ additional: [{ serviceTemplate: { metadata: { name: 'pg-lb' }, spec: { selector: { app: 'x' } } } }] })).toEqual([
      webhook('spec.managed.services.additional[0]', 'the service template has a selector; the operator sets it, remove it', 'selector field is managed by the operator'),
    ]);
  });

  // validateManagedServices: the reserved names are built from the Cluster's name ("" when metadata is missing)
  test('reads a Cluster without metadata as having the empty name', () => {
    const manifest = { spec: { managed: { services: { additional: [{ serviceTemplate: { metadata: { name: '-rw' } } }] } } } };
    expect(services({}, manifest)).toEqual([webhook('spec.managed.services.additional[0]', '"-rw" is a name the operator gives its own services; choose another',
      "the service name: '-rw' is reserved for operator use")]);
  });

  // The duplicate check compares the additional services with each other only. The name below is the
  // value Stryker seeds an array with: the test pins that the list of names starts empty.
  test('does not report a single additional service as a duplicate, whatever its name', () => {
    for (const name of ['pg-lb', 'Stryker was here']) {
      expect({ name, found: services({ additional: [{ serviceTemplate: { metadata: { name } } }] }) }).toEqual({ name, found: [] });
    }
  });

  // cluster_webhook_test.go "ServiceTemplate Validation" / "when name is not allowed"
  test('refuses a name where the operator names the service, and admits a template without one', () => {
    expect(serviceTemplateViolations('spec.managed.services.x', false, { metadata: { name: 'mine' } })).toEqual([webhook('spec.managed.services.x',
      'the service template is named "mine"; the operator names this service, remove the name', 'name is not allowed')]);
    expect(serviceTemplateViolations('spec.managed.services.x', false, undefined)).toEqual([]);
  });
});

describe('validateManagedRoles (Role management validation)', () => {
  // cluster_webhook.go, validateManagedRoles: a null role is the zero RoleConfiguration
  test('admits a null role entry', () => {
    expect(validateManagedRoles(cluster({ managed: { roles: [null, { name: 'app', connectionLimit: -1 }] } }))).toEqual([]);
  });
});

describe('validatePodPatchAnnotation', () => {
  // cluster_webhook.go, validatePodPatchAnnotation: jsonpatch.DecodePatch, then specs.NewInstance applies the
  // patch to the instance pod; cluster_webhook_test.go "validatePodPatchAnnotation"
  const PATH = 'metadata.annotations["cnpg.io/podPatch"]';
  const patched = (patch: string) => validatePodPatchAnnotation(cluster({}, { 'cnpg.io/podPatch': patch }));
  const ops = (...list: object[]) => patched(JSON.stringify(list));
  const refused = (op: object, reason: string) => [webhook(PATH, `operation ${JSON.stringify(op)} cannot apply to the instance pod (${reason})`,
    `jsonpatch doesn't apply cleanly to the pod: ${reason}`)];
  const notAList = (text: string) => [webhook(PATH, `${JSON.stringify(text)} is not a list of operations; expected an RFC 6902 patch`,
    'error decoding JSON patch: json: cannot unmarshal into Go value of type jsonpatch.Patch')];

  // "returns an error if decoding the JSON patch fails to decode"
  test('refuses a text that is not JSON, saying so', () => {
    expect(patched('invalid-json-patch')).toEqual([webhook(PATH,
      '"invalid-json-patch" is not JSON; expected an RFC 6902 patch such as [{"op": "add", "path": "/metadata/labels/x", "value": "y"}]',
      expect.stringMatching(/^error decoding JSON patch: (?!json: cannot unmarshal)/))]);
  });

  test('refuses JSON that is not a list of operation objects', () => {
    for (const text of ['{"op": "add", "path": "/metadata/labels/a", "value": "b"}', '[1]', '[null]', '["add"]', '[[]]',
      '[{"op": "add", "path": "/metadata/labels/a", "value": "b"}, 1]']) {
      expect({ text, found: patched(text) }).toEqual({ text, found: notAList(text) });
    }
  });

  // "returns nil if the JSON patch is decoded successfully"; a JSON null decodes to the empty patch
  test('admits null and a patch of known pod fields', () => {
    expect(patched('null')).toEqual([]);
    expect(ops({ op: 'replace', path: '/metadata/name', value: 'test' })).toEqual([]);
    expect(ops({ op: 'add', path: '/metadata/labels/a', value: 'b' }, { op: 'replace', path: '/spec/containers/0/image', value: 'x' })).toEqual([]);
  });

  test('refuses an operation without a path', () => {
    const op = { op: 'add', value: 'b' };
    expect(ops(op)).toEqual(refused(op, 'operation missing path field'));
  });

  // "returns an error if decoding the JSON patch fails to apply": a field no Pod has
  test('refuses replacing a top-level, metadata or spec field a Pod does not have', () => {
    for (const path of ['/spec/podInvalidSection', '/foo', '/metadata/bogus']) {
      const op = { op: 'replace', path, value: 'test' };
      expect({ path, found: ops(op) }).toEqual({ path, found: refused(op, `replace operation does not apply: doc is missing path: ${path}`) });
    }
  });

  test('admits replacing the whole document, a top-level field, a known spec field, and below status', () => {
    for (const path of ['', '/metadata', '/spec/containers', '/status/phase']) {
      expect({ path, found: ops({ op: 'replace', path, value: {} }) }).toEqual({ path, found: [] });
    }
  });

  test('admits adding a field the Pod does not have yet (the decoder ignores it)', () => {
    expect(ops({ op: 'add', path: '/spec/bogus', value: 'x' })).toEqual([]);
  });

  // RFC 6901: "~1" is "/" and "~0" is "~" in a reference token, decoded before the field is looked up
  test('decodes ~0 and ~1 in the pointer before looking the field up', () => {
    for (const path of ['/spec/node~1Name', '/spec/node~0Name']) {
      const op = { op: 'remove', path };
      expect({ path, found: ops(op) }).toEqual({ path, found: refused(op, `remove operation does not apply: doc is missing path: ${path}`) });
    }
  });

  test('refuses moving or copying from a field a Pod does not have, or without from', () => {
    for (const kind of ['move', 'copy']) {
      const op = { op: kind, from: '/spec/bogus', path: '/metadata/labels/a' };
      expect(ops(op)).toEqual(refused(op, `${kind} operation does not apply: doc is missing from path: /spec/bogus`));
      const without = { op: kind, path: '/metadata/labels/a' };
      expect(ops(without)).toEqual(refused(without, `${kind} operation does not apply: doc is missing from path: undefined`));
      expect(ops({ op: kind, from: '/metadata/labels/b', path: '/metadata/labels/a' })).toEqual([]);
    }
  });
});

describe('livenessPingerConfig (NewLivenessPingerConfigFromAnnotations)', () => {
  // pkg/management/postgres/webserver/probes: the annotation is unmarshalled into the pinger config
  test('reports a value that does not unmarshal into the config', () => {
    expect(livenessPingerConfig('[1]')).toBe('while unmarshalling pinger config: cannot unmarshal array into a struct');
  });
});

describe('validatePluginConfiguration', () => {
  // cluster_webhook.go, validatePluginConfiguration; cluster_webhook_test.go "validatePluginConfiguration"
  const withBarman = (plugins: unknown[]) => validatePluginConfiguration(cluster({
    plugins, backup: { barmanObjectStore: { destinationPath: 's3://b/', s3Credentials: { inheritFromIAMRole: true } } },
  }));

  test('returns an error if a WAL archiver plugin is enabled when barmanObjectStore is configured, naming it', () => {
    expect(withBarman([{ name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true }])).toEqual([webhook('spec.plugins',
      'WAL archiver plugin barman-cloud.cloudnative-pg.io and backup.barmanObjectStore are both configured; archive WALs with one',
      'Cannot enable a WAL archiver plugin when barmanObjectStore is configured')]);
  });

  test('names every enabled WAL archiver, separated by commas, when barmanObjectStore is configured', () => {
    expect(withBarman([{ name: 'a', isWALArchiver: true }, { name: 'b', enabled: true, isWALArchiver: true }])).toEqual([
      webhook('spec.plugins', 'WAL archiver plugin a, b and backup.barmanObjectStore are both configured; archive WALs with one',
        'Cannot enable a WAL archiver plugin when barmanObjectStore is configured'),
      webhook('spec.plugins', 'a, b are all WAL archivers; enable one', 'Cannot enable more than one WAL archiver plugin'),
    ]);
  });

  test('counts only enabled WAL archivers: not other plugins, disabled archivers or null entries', () => {
    expect(withBarman([null, { name: 'other' }, { name: 'off', enabled: false, isWALArchiver: true }, { name: 'not', isWALArchiver: false }])).toEqual([]);
  });
});
