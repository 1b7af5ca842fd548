import { cluster, webhook } from './cluster-manifest';
import {
  tablespaceVolumeName,
  validateResources,
  validateStorageSize,
  validateTablespaceBackupSnapshot,
  validateTablespaceNames,
  validateTablespaceStorageSize,
  validateWalStorageSize,
} from '../src/rules/cluster/storage';
import { webhookViolations } from '../src/rules/webhook';

// The Cluster webhook's storage and resources rules (src/rules/cluster/storage.ts), read from CloudNativePG
// 1.30.0: internal/webhook/v1/cluster_webhook.go (validateStorageConfigurationSize, validateTablespaceNames,
// validateTablespaceBackupSnapshot, validateResources, validateHugePagesResources,
// hasEnoughMemoryForSharedBuffers), pkg/postgres/identifier.go (IsTablespaceNameValid) and
// pkg/specs/volumes.go (VolumeMountNameForTablespace, convertPostgresIDToK8sName). Every expectation below is
// the operator's behaviour, read from the Go source and its tests (cluster_webhook_test.go).

const SIZE_NOT_CONFIGURED = 'Size not configured. Please add it, or a storage request in the pvcTemplate.';
const noSize = (path: string) => webhook(`${path}.size`, 'no size; set size (e.g. "10Gi") or a storage request in pvcTemplate', SIZE_NOT_CONFIGURED);
const pvcRequesting = (storage: string) => ({ pvcTemplate: { resources: { requests: { storage } } } });

describe('storage size (cluster_webhook.go validateStorageConfigurationSize)', () => {
  // Upstream: "Storage configuration validation" / "succeeds if storage is not set but a pvc template specifies storage".
  test('admits a Cluster without size whose pvcTemplate requests storage', () => {
    const c = cluster({ storage: pvcRequesting('1Gi') });
    expect(validateStorageSize(c)).toEqual([]);
    expect(webhookViolations(c)).toEqual([]);
  });

  // Upstream: Storage().IsZero() on the pvcTemplate request: a zero request is no request.
  test('refuses a Cluster without size whose pvcTemplate requests zero storage', () => {
    expect(validateStorageSize(cluster({ storage: pvcRequesting('0') }))).toEqual([noSize('spec.storage')]);
    expect(webhookViolations(cluster({ storage: pvcRequesting('0Gi') }))).toEqual([noSize('spec.storage')]);
  });

  // Upstream: "produces one error if storage is not set at all".
  test('refuses a Cluster without size nor pvcTemplate request', () => {
    expect(validateStorageSize(cluster({ storage: {} }))).toEqual([noSize('spec.storage')]);
    // a pvcTemplate with resources but no requests (Requests.Storage() is the zero quantity)
    expect(validateStorageSize(cluster({ storage: { pvcTemplate: { resources: {} } } }))).toEqual([noSize('spec.storage')]);
    expect(validateStorageSize(cluster({ storage: { pvcTemplate: { resources: { requests: null } } } }))).toEqual([noSize('spec.storage')]);
  });

  // Upstream: validateWalStorageSize calls validateStorageConfigurationSize with the same rule.
  test('refuses a WAL volume whose pvcTemplate requests zero storage, admits one that requests some', () => {
    expect(validateWalStorageSize(cluster({ walStorage: pvcRequesting('0') }))).toEqual([noSize('spec.walStorage')]);
    expect(validateWalStorageSize(cluster({ walStorage: pvcRequesting('2Gi') }))).toEqual([]);
  });

  // Upstream: validateTablespaceStorageSize; Go decodes a null list item into the zero TablespaceConfiguration,
  // whose storage has no size.
  test('refuses a null tablespace entry for its missing storage size', () => {
    expect(validateTablespaceStorageSize(cluster({ tablespaces: [null] }))).toEqual([noSize('spec.tablespaces[0].storage')]);
  });
});

const INVALID_IDENTIFIER = "tablespace names must be valid Postgres identifiers: alphanumeric characters, '_', '$', and must start with a letter or an underscore";
const TOO_LONG = 'the maximum length of an identifier is 63 characters';
const tbs = (name: string) => ({ name, storage: { size: '1Gi' } });
const names = (...n: string[]) => validateTablespaceNames(cluster({ tablespaces: n.map(tbs) }));

describe('tablespace names (cluster_webhook.go validateTablespaceNames, pkg/postgres/identifier.go IsTablespaceNameValid)', () => {
  // Upstream: "Tablespaces validation" / "should produce an error if the tablespace name is too long"
  // (postgresIdentifierMaxLen is 63: 63 characters pass, 64 do not).
  test('admits a 63-character name and refuses a 64-character one', () => {
    const n63 = `a${'b'.repeat(62)}`;
    const n64 = `a${'b'.repeat(63)}`;
    expect(names(n63)).toEqual([]);
    expect(names(n64)).toEqual([webhook('spec.tablespaces[0]', `"${n64}" is not a tablespace name: ${TOO_LONG}`, TOO_LONG)]);
  });

  // Upstream: "should produce an error when tablespace names collide after sanitization" (foo_bar, foo$bar).
  test('refuses names that become the same volume name, naming it', () => {
    expect(names('foo_bar', 'foo$bar')).toEqual([webhook('spec.tablespaces[1]', '"foo$bar" becomes volume "tbs-foo-bar", as another tablespace does',
      'tablespace name results in duplicate volume name "tbs-foo-bar" after sanitization (special characters are converted to hyphens)')]);
  });

  // Upstream: pkg/specs/volumes.go convertPostgresIDToK8s turns a leading '_' into '1', so _a and 1a share "tbs-1a".
  test('refuses a leading-underscore name that collides with its leading-1 twin', () => {
    expect(names('_a', '1a')).toEqual([
      webhook('spec.tablespaces[1]', `"1a" is not a tablespace name: ${INVALID_IDENTIFIER}`, INVALID_IDENTIFIER),
      webhook('spec.tablespaces[1]', '"1a" becomes volume "tbs-1a", as another tablespace does',
        'tablespace name results in duplicate volume name "tbs-1a" after sanitization (special characters are converted to hyphens)'),
    ]);
  });

  // Upstream: "should not produce an error when tablespace names are distinct after sanitization".
  test('admits names whose volume names differ, including ones ending or starting with an underscore', () => {
    expect(names('foo_bar', 'baz_qux', 'a_', 'b_', '_x', 'Mixed$Case')).toEqual([]);
  });

  // Upstream: pkg/specs/volumes.go VolumeMountNameForTablespace ("tbs-" + convertPostgresIDToK8sName).
  test('names a tablespace volume as a lower-case DNS label', () => {
    expect(tablespaceVolumeName('abc')).toBe('tbs-abc');
    expect(tablespaceVolumeName('Foo_Bar$1')).toBe('tbs-foo-bar-1');
    expect(tablespaceVolumeName('_tbs_')).toBe('tbs-1tbs-');
  });

  // Upstream: a null list item decodes to a TablespaceConfiguration with an empty name, not a valid identifier.
  test('refuses a null tablespace entry as an invalid name', () => {
    expect(validateTablespaceNames(cluster({ tablespaces: [null] }))).toEqual([
      webhook('spec.tablespaces[0]', `"" is not a tablespace name: ${INVALID_IDENTIFIER}`, INVALID_IDENTIFIER),
    ]);
  });
});

describe('tablespace snapshot classes (cluster_webhook.go validateTablespaceBackupSnapshot)', () => {
  const withClasses = (tablespaceClassName: unknown, tablespaces: unknown[] = [tbs('fast')]) =>
    validateTablespaceBackupSnapshot(cluster({ tablespaces, backup: { volumeSnapshot: { tablespaceClassName } } }));

  // Upstream: the rule returns nil when TablespaceClassName is empty (a null map is empty).
  test('admits a null tablespaceClassName', () => {
    expect(withClasses(null)).toEqual([]);
  });

  // A non-map value is the CRD schema's to refuse (type object); the webhook rule reports nothing on it.
  test('reports nothing on a tablespaceClassName that is not a map', () => {
    expect(withClasses('fast')).toEqual([]);
  });

  test('refuses a class for a tablespace that is not declared, even next to a null tablespace entry', () => {
    expect(withClasses({ fast: 'csi', slow: 'csi' }, [tbs('fast'), null])).toEqual([
      webhook('spec.backup.volumeSnapshot.tablespaceClassName', '"slow" is not a tablespace of the Cluster; declare it in tablespaces or remove the key',
        "specified the VolumeSnapshot backup configuration for the tablespace: slow, but it can't be found in the '.spec.tablespaces' stanza"),
    ]);
  });
});

describe('resources (cluster_webhook.go validateResources, validateHugePagesResources, hasEnoughMemoryForSharedBuffers)', () => {
  const withResources = (resources: object, parameters?: object) =>
    validateResources(cluster({ resources, ...(parameters ? { postgresql: { parameters } } : {}) }));

  // Upstream validateResources: !cpuRequest.IsZero() && !cpuLimits.IsZero() && cpuRequest.Cmp(cpuLimits) > 0: no
  // request is never greater than a limit, even a limit below zero
  test('compares a request with its limit only when both are set and not zero', () => {
    expect(withResources({ limits: { cpu: '-1', memory: '-1Gi' } })).toEqual([]);
    expect(withResources({ requests: { cpu: '0' }, limits: { cpu: '-1' } })).toEqual([]);
  });

  // Upstream: validateHugePagesResources compares with Quantity.Cmp, so 512Mi and 0.5Gi are equal.
  test('admits HugePages requests equal to their limits, in any notation', () => {
    expect(withResources({
      requests: { 'memory': '1Gi', 'hugepages-2Mi': '512Mi' },
      limits: { 'memory': '1Gi', 'hugepages-2Mi': '0.5Gi' },
    })).toEqual([]);
  });

  // Upstream: "returns an error when hugepages request is different than hugepages limits".
  test('refuses HugePages requests that differ from their limits', () => {
    expect(withResources({
      requests: { 'memory': '1Gi', 'hugepages-2Mi': '256Mi' },
      limits: { 'memory': '1Gi', 'hugepages-2Mi': '512Mi' },
    })).toEqual([webhook('spec.resources.requests["hugepages-2Mi"]',
      'hugepages-2Mi request "256Mi" differs from its limit "512Mi"; HugePages requests equal limits', 'HugePages requests must equal the limits')]);
  });

  // Upstream: hasEnoughMemoryForSharedBuffers admits sharedBuffers.Cmp(memoryRequest) <= 0
  // ("returns no errors when memoryRequest is greater than or equal to shared_buffers in GB").
  test('admits shared_buffers equal to the memory request', () => {
    expect(withResources({ requests: { memory: '1Gi' } }, { shared_buffers: '1GB' })).toEqual([]);
  });

  // Upstream: "returns an error when memoryRequest is less than shared_buffers in MB".
  test('refuses shared_buffers above the memory request', () => {
    expect(withResources({ requests: { memory: '1Gi' } }, { shared_buffers: '2048MB' })).toEqual([
      webhook('spec.resources.requests', 'memory request "1Gi" is lower than shared_buffers "2048MB" (and no HugePages size holds it)',
        'Memory request is lower than PostgreSQL `shared_buffers` value'),
    ]);
  });

  // Upstream: "returns an error when the ephemeral storage request is greater than ephemeral storage limit".
  test('refuses an ephemeral storage request above its limit', () => {
    expect(withResources({ requests: { 'ephemeral-storage': '2Gi' }, limits: { 'ephemeral-storage': '1Gi' } })).toEqual([
      webhook('spec.resources.requests["ephemeral-storage"]', 'ephemeral storage request "2Gi" is greater than the limit "1Gi"',
        'Ephemeral storage request is greater than the limit'),
    ]);
  });

  // Upstream: "returns no error when the ephemeral storage request is correctly set".
  test('admits an ephemeral storage request within its limit', () => {
    expect(withResources({ requests: { 'ephemeral-storage': '1Gi' }, limits: { 'ephemeral-storage': '1Gi' } })).toEqual([]);
  });
});
