import { cluster, webhook } from './cluster-manifest';
import { validateExtensions } from '../src/rules/cluster/extensions';
import {
  clusterWebhookWarnings, getDeprecatedMonitoringFieldsWarnings, getInTreeBarmanWarnings, getMaintenanceWindowsAdmissionWarnings,
  getMonitoringFieldsWarnings, getRetentionPolicyWarnings, getSharedBuffersWarnings, getStorageWarnings,
} from '../src/rules/cluster/warnings';
import { webhookViolations, webhookWarnings } from '../src/rules/webhook';

// The warnings the Cluster webhook returns with an admitted Cluster (src/rules/cluster/warnings.ts, the
// get*Warnings functions of getAdmissionWarnings) and its rules on spec.postgresql.extensions
// (src/rules/cluster/extensions.ts, validateExtensions), each called by its upstream Go name
// (internal/webhook/v1/cluster_webhook.go, CloudNativePG 1.30.0). Every expectation below is the
// operator's behaviour, read from the Go source and its cluster_webhook_test.go.

const MAINTENANCE = 'Consider using `.spec.enablePDB` instead of the node maintenance window feature';
const barman = (paths: string) => 'Native support for Barman Cloud backups and recovery is deprecated and will be completely removed in CloudNativePG 1.31.0. '
  + `Found usage in: ${paths}. Please migrate existing clusters to the new Barman Cloud Plugin to ensure a smooth transition.`;
const RETENTION = 'Retention policies specified in .spec.backup.retentionPolicy are only used by the in-tree barman-cloud support, which is not being used in this cluster. '
  + 'Please use a backup plugin and migrate this configuration to the plugin configuration';
const storageClassBoth = (path: string) => `${path}.storageClass and ${path}.pvcTemplate.storageClassName are both specified, ${path}.storageClass value will be used.`;
const sizeBoth = (path: string) => `${path}.size and ${path}.pvcTemplate.resources.requests.storage are both specified, ${path}.size value will be used.`;
const sharedBuffers = (value: string) => `\`shared_buffers\` value '${value}' is missing a unit (e.g., MB, GB). While this is currently allowed, future releases will require an explicit unit. `
  + `Please update your configuration to specify a valid unit, such as '${value}MB'.`;
const TTL_ZERO = 'spec.monitoring.metricsQueriesTTL is explicitly set to 0; this disables automatic TTL behavior and can cause heavy load on the PostgreSQL server.';
const POD_MONITOR = 'spec.monitoring.enablePodMonitor is deprecated and will be removed in a future release. Please migrate to manually managing your PodMonitor resources. '
  + 'Set this field to false and create a PodMonitor resource for your cluster as described in the documentation.';
const METRIC_RELABELINGS = 'spec.monitoring.podMonitorMetricRelabelings is deprecated and will be removed in a future release. '
  + 'Please migrate to manually managing your PodMonitor resources with custom relabeling configurations.';
const RELABELINGS = 'spec.monitoring.podMonitorRelabelings is deprecated and will be removed in a future release. '
  + 'Please migrate to manually managing your PodMonitor resources with custom relabeling configurations.';

const STORE = { destinationPath: 's3://backups/', s3Credentials: { inheritFromIAMRole: true } };
const RELABEL = [{ action: 'replace', targetLabel: 'cluster', replacement: 'pg' }];

describe('getMaintenanceWindowsAdmissionWarnings', () => {
  // cluster_webhook.go, getMaintenanceWindowsAdmissionWarnings: any nodeMaintenanceWindow (even inProgress: false)
  test('suggests enablePDB whenever a node maintenance window is set', () => {
    expect(getMaintenanceWindowsAdmissionWarnings(cluster({ nodeMaintenanceWindow: { inProgress: true, reusePVC: true } }))).toEqual([MAINTENANCE]);
    expect(getMaintenanceWindowsAdmissionWarnings(cluster({ nodeMaintenanceWindow: { inProgress: false } }))).toEqual([MAINTENANCE]);
    expect(getMaintenanceWindowsAdmissionWarnings(cluster({ nodeMaintenanceWindow: null }))).toEqual([]);
    expect(getMaintenanceWindowsAdmissionWarnings(cluster())).toEqual([]);
  });
});

describe('getInTreeBarmanWarnings', () => {
  // cluster_webhook.go, getInTreeBarmanWarnings; cluster_webhook_test.go "returns a warning when BarmanObjectStore
  // is configured in backup", "returns warnings for both backup and external clusters with BarmanObjectStore"
  test('names every in-tree barmanObjectStore, backup first, in one warning', () => {
    expect(getInTreeBarmanWarnings(cluster({ backup: { barmanObjectStore: STORE } }))).toEqual([barman('spec.backup.barmanObjectStore')]);
    expect(getInTreeBarmanWarnings(cluster({
      backup: { barmanObjectStore: STORE },
      externalClusters: [{ name: 'origin', barmanObjectStore: STORE }],
    }))).toEqual([barman('spec.backup.barmanObjectStore, spec.externalClusters.0.barmanObjectStore')]);
  });

  // cluster_webhook_test.go "returns warnings for multiple external clusters with BarmanObjectStore"; an external
  // cluster without a barmanObjectStore (a streaming source) is not named, and keeps its index in the list
  test('names only the external clusters that use the in-tree object store, by their index', () => {
    expect(getInTreeBarmanWarnings(cluster({
      externalClusters: [{ name: 'a', barmanObjectStore: STORE }, { name: 'b', barmanObjectStore: STORE }],
    }))).toEqual([barman('spec.externalClusters.0.barmanObjectStore, spec.externalClusters.1.barmanObjectStore')]);
    expect(getInTreeBarmanWarnings(cluster({
      externalClusters: [{ name: 'stream', connectionParameters: { host: 'origin' } }, { name: 'b', barmanObjectStore: STORE }],
    }))).toEqual([barman('spec.externalClusters.1.barmanObjectStore')]);
    expect(getInTreeBarmanWarnings(cluster({ externalClusters: [{ name: 'stream', connectionParameters: { host: 'origin' } }] }))).toEqual([]);
  });

  // cluster_webhook.go, getInTreeBarmanWarnings: the Go decoder turns a null list entry into an empty ExternalCluster
  test('reads a null external cluster entry as one without an object store', () => {
    expect(getInTreeBarmanWarnings(cluster({ externalClusters: [null, { name: 'b', barmanObjectStore: STORE }] })))
      .toEqual([barman('spec.externalClusters.1.barmanObjectStore')]);
  });

  // cluster_webhook_test.go "returns no warnings when BarmanObjectStore is not configured"
  test('says nothing without an in-tree object store', () => {
    expect(getInTreeBarmanWarnings(cluster())).toEqual([]);
    expect(getInTreeBarmanWarnings(cluster({ backup: { retentionPolicy: '30d' } }))).toEqual([]);
  });
});

describe('getRetentionPolicyWarnings', () => {
  // cluster_webhook.go, getRetentionPolicyWarnings; cluster_webhook_test.go "return a warning when retention
  // policies are declared and not used" and "returns no warnings if the retention policy is used with the in-tree backup support"
  test('warns about a retention policy only when the in-tree object store is not used', () => {
    expect(getRetentionPolicyWarnings(cluster({ backup: { retentionPolicy: 'this retention policy' } }))).toEqual([RETENTION]);
    expect(getRetentionPolicyWarnings(cluster({ backup: { retentionPolicy: 'this retention policy', barmanObjectStore: STORE } }))).toEqual([]);
    expect(getRetentionPolicyWarnings(cluster({ backup: { retentionPolicy: '' } }))).toEqual([]);
    expect(getRetentionPolicyWarnings(cluster({ backup: {} }))).toEqual([]);
    expect(getRetentionPolicyWarnings(cluster())).toEqual([]);
  });
});

describe('getStorageWarnings', () => {
  const pvc = (size: string | undefined, pvcTemplate: object, extra: object = {}) =>
    ({ ...(size === undefined ? {} : { size }), pvcTemplate, ...extra });
  const requests = (storage: unknown) => ({ resources: { requests: { storage } } });

  // cluster_webhook_test.go "returns a warning when both storageClass and storageClassName are specified",
  // "returns a warning when both size and storage requests are specified", "returns multiple warnings when both storage conflicts exist"
  test('warns when a storage class or a size is given both on the storage and on its pvcTemplate', () => {
    expect(getStorageWarnings(cluster({ storage: { storageClass: 'fast-ssd', pvcTemplate: { storageClassName: 'fast-ssd' } } })))
      .toEqual([storageClassBoth('spec.storage')]);
    expect(getStorageWarnings(cluster({ storage: pvc('1Gi', requests('2Gi')) }))).toEqual([sizeBoth('spec.storage')]);
    expect(getStorageWarnings(cluster({ storage: pvc('1Gi', { storageClassName: 'fast-ssd', ...requests('2Gi') }, { storageClass: 'fast-ssd' }) })))
      .toEqual([storageClassBoth('spec.storage'), sizeBoth('spec.storage')]);
  });

  // cluster_webhook_test.go "returns warnings for WAL storage configuration conflicts", "returns warnings for both
  // storage and WAL storage conflicts"
  test('warns about spec.walStorage the same way, after spec.storage', () => {
    expect(getStorageWarnings(cluster({ walStorage: pvc('500Mi', { storageClassName: 'fast-ssd', ...requests('1Gi') }, { storageClass: 'fast-ssd' }) })))
      .toEqual([storageClassBoth('spec.walStorage'), sizeBoth('spec.walStorage')]);
    expect(getStorageWarnings(cluster({
      storage: pvc('1Gi', { storageClassName: 'fast-ssd' }, { storageClass: 'fast-ssd' }),
      walStorage: pvc('500Mi', requests('1Gi')),
    }))).toEqual([storageClassBoth('spec.storage'), sizeBoth('spec.walStorage')]);
  });

  // cluster_webhook.go, getStorageWarnings: StorageClass != nil && pvcTemplate.StorageClassName != nil, both needed
  test('says nothing when only one of the two storage classes is given', () => {
    expect(getStorageWarnings(cluster({ storage: { size: '1Gi', storageClass: 'fast-ssd', pvcTemplate: { volumeMode: 'Filesystem' } } }))).toEqual([]);
    expect(getStorageWarnings(cluster({ storage: { size: '1Gi', pvcTemplate: { storageClassName: 'fast-ssd' } } }))).toEqual([]);
  });

  // cluster_webhook_test.go "returns no warnings when storage is properly configured", "returns no warnings when
  // PVC template has storage configured", "returns no warnings when WAL storage is nil", "returns no warnings when
  // PVC template is nil", "returns no warnings when storage requests are zero" (Requests.Storage() of a pvcTemplate
  // without resources or requests is the zero quantity)
  test('says nothing without a pvcTemplate, without a size, or without a storage request', () => {
    expect(getStorageWarnings(cluster())).toEqual([]);
    expect(getStorageWarnings(cluster({ storage: pvc(undefined, requests('1Gi')) }))).toEqual([]);
    expect(getStorageWarnings(cluster({ storage: { size: '1Gi', pvcTemplate: null }, walStorage: null }))).toEqual([]);
    expect(getStorageWarnings(cluster({ storage: pvc('1Gi', { resources: { requests: {} } }) }))).toEqual([]);
    expect(getStorageWarnings(cluster({ storage: pvc('1Gi', { resources: {} }) }))).toEqual([]);
    expect(getStorageWarnings(cluster({ storage: pvc('1Gi', { accessModes: ['ReadWriteOnce'] }) }))).toEqual([]);
    expect(getStorageWarnings(cluster({ storage: pvc('1Gi', requests(null)) }))).toEqual([]);
  });

  // cluster_webhook.go, getStorageWarnings: requestsSpecified := !Requests.Storage().IsZero(): a request that is
  // written but equal to zero (any number of zeros, with or without a fraction, sign or suffix) is not specified
  test('reads a storage request of zero, however it is written, as no request', () => {
    for (const zero of ['0', '00', '0Gi', '0M', '+0', '-0Ki', '0.00', '0.', '.0', '00.000Mi', 0, '0e3', '0E3', '0e-3']) {
      expect({ zero, found: getStorageWarnings(cluster({ storage: pvc('1Gi', requests(zero)) })) }).toEqual({ zero, found: [] });
    }
    for (const request of ['1', '10Gi', '0.5Gi', '500m', '100', 5]) {
      expect({ request, found: getStorageWarnings(cluster({ storage: pvc('1Gi', requests(request)) })) }).toEqual({ request, found: [sizeBoth('spec.storage')] });
    }
  });
});

describe('getSharedBuffersWarnings', () => {
  const withSharedBuffers = (value: unknown) => getSharedBuffersWarnings(cluster({ postgresql: { parameters: { shared_buffers: value } } }));

  // cluster_webhook.go, getSharedBuffersWarnings: strconv.Atoi(v) succeeds, i.e. a bare (signed) decimal integer
  test('warns about a shared_buffers value without a unit, suggesting MB', () => {
    expect(withSharedBuffers('128')).toEqual([sharedBuffers('128')]);
    expect(withSharedBuffers('+16384')).toEqual([sharedBuffers('+16384')]);
    expect(withSharedBuffers('0')).toEqual([sharedBuffers('0')]);
  });

  // cluster_webhook.go, getSharedBuffersWarnings: an empty value, or one Atoi refuses (a unit, a fraction, too big
  // for int64), gives no warning
  test('says nothing about a value with a unit, an empty value, or no shared_buffers', () => {
    expect(withSharedBuffers('128MB')).toEqual([]);
    expect(withSharedBuffers('1GB')).toEqual([]);
    expect(withSharedBuffers('1.5')).toEqual([]);
    expect(withSharedBuffers('99999999999999999999')).toEqual([]);
    expect(withSharedBuffers('')).toEqual([]);
    expect(getSharedBuffersWarnings(cluster({ postgresql: { parameters: { work_mem: '64' } } }))).toEqual([]);
    expect(getSharedBuffersWarnings(cluster())).toEqual([]);
  });
});

describe('getMonitoringFieldsWarnings', () => {
  const withTtl = (metricsQueriesTTL: unknown) => getMonitoringFieldsWarnings(cluster({ monitoring: { metricsQueriesTTL } }));

  // cluster_webhook.go, getMonitoringFieldsWarnings: GetMetricsQueriesTTL().Duration == 0, the TTL read with Go's
  // time.ParseDuration (a bare "0", or zeros with units, a sign, fractions, several unit groups)
  test('warns about a metrics TTL of zero, however it is written', () => {
    // micro as U+00B5 and as the Greek mu U+03BC: Go accepts both
    for (const zero of ['0', '0s', '00s', '0ms', '+0s', '-0s', '0.s', '0.0s', '0.000s', '.0s', '0h0m', '0h0m0s', '0\u00b5s', '0\u03bcs']) {
      expect({ zero, found: withTtl(zero) }).toEqual({ zero, found: [TTL_ZERO] });
    }
  });

  // time.ParseDuration refuses these ("missing unit", "unknown unit"): the operator cannot decode the Cluster, so
  // they are no TTL of zero
  test('a TTL that is no Go duration is not warned about as zero', () => {
    for (const invalid of ['00', '0x', '0s0', '']) {
      expect({ invalid, found: withTtl(invalid) }).toEqual({ invalid, found: [] });
    }
  });

  // cluster_webhook.go, getMonitoringFieldsWarnings; api/v1/cluster_funcs.go, GetMetricsQueriesTTL: an unset TTL
  // is 30s, not zero
  test('says nothing about a TTL that is not zero, or no TTL', () => {
    for (const ttl of ['30s', '10s', '1m0s', '0.5s', '0h1m', '100ms', '-10s']) {
      expect({ ttl, found: withTtl(ttl) }).toEqual({ ttl, found: [] });
    }
    expect(getMonitoringFieldsWarnings(cluster({ monitoring: {} }))).toEqual([]);
    expect(getMonitoringFieldsWarnings(cluster())).toEqual([]);
  });
});

describe('getDeprecatedMonitoringFieldsWarnings', () => {
  // cluster_webhook.go, getDeprecatedMonitoringFieldsWarnings: enablePodMonitor, then the two relabeling lists
  test('warns about each deprecated PodMonitor field in use, in order', () => {
    expect(getDeprecatedMonitoringFieldsWarnings(cluster({ monitoring: { enablePodMonitor: true } }))).toEqual([POD_MONITOR]);
    expect(getDeprecatedMonitoringFieldsWarnings(cluster({ monitoring: { podMonitorMetricRelabelings: RELABEL } }))).toEqual([METRIC_RELABELINGS]);
    expect(getDeprecatedMonitoringFieldsWarnings(cluster({ monitoring: { podMonitorRelabelings: RELABEL } }))).toEqual([RELABELINGS]);
    expect(getDeprecatedMonitoringFieldsWarnings(cluster({
      monitoring: { enablePodMonitor: true, podMonitorMetricRelabelings: RELABEL, podMonitorRelabelings: RELABEL },
    }))).toEqual([POD_MONITOR, METRIC_RELABELINGS, RELABELINGS]);
  });

  // cluster_webhook.go, getDeprecatedMonitoringFieldsWarnings: EnablePodMonitor false and empty lists say nothing
  test('says nothing when the PodMonitor is off and the relabeling lists are empty', () => {
    expect(getDeprecatedMonitoringFieldsWarnings(cluster({
      monitoring: { enablePodMonitor: false, podMonitorMetricRelabelings: [], podMonitorRelabelings: [] },
    }))).toEqual([]);
    expect(getDeprecatedMonitoringFieldsWarnings(cluster())).toEqual([]);
  });
});

describe('clusterWebhookWarnings and webhookWarnings', () => {
  // cluster_webhook.go, getAdmissionWarnings: maintenance window, in-tree Barman, retention policy, storage,
  // shared_buffers, monitoring TTL, deprecated monitoring fields, in this order
  test('returns every warning of an admitted Cluster in the webhook\'s order', () => {
    const warned = cluster({
      nodeMaintenanceWindow: { inProgress: false },
      externalClusters: [{ name: 'origin', barmanObjectStore: STORE }],
      backup: { retentionPolicy: '30d' },
      storage: { size: '1Gi', storageClass: 'fast', pvcTemplate: { storageClassName: 'fast', resources: { requests: { storage: '2Gi' } } } },
      postgresql: { parameters: { shared_buffers: '256' } },
      monitoring: { metricsQueriesTTL: '0s', enablePodMonitor: true, podMonitorMetricRelabelings: RELABEL, podMonitorRelabelings: RELABEL },
    });
    const all = [
      MAINTENANCE, barman('spec.externalClusters.0.barmanObjectStore'), RETENTION, storageClassBoth('spec.storage'), sizeBoth('spec.storage'),
      sharedBuffers('256'), TTL_ZERO, POD_MONITOR, METRIC_RELABELINGS, RELABELINGS,
    ];
    expect(clusterWebhookWarnings(warned)).toEqual(all);
    expect(webhookWarnings(warned)).toEqual(all);
    expect(webhookViolations(warned)).toEqual([]);
  });

  // cluster_webhook.go, getAdmissionWarnings: a plain Cluster is admitted silently
  test('returns no warning for a plain Cluster', () => {
    expect(clusterWebhookWarnings(cluster())).toEqual([]);
    expect(webhookWarnings(cluster())).toEqual([]);
  });
});

describe('validateExtensions', () => {
  const ext = (name: unknown, reference?: string, extra: object = {}) =>
    ({ name, ...(reference === undefined ? {} : { image: { reference } }), ...extra });
  const withExtensions = (...extensions: unknown[]) => validateExtensions(cluster({ postgresql: { extensions } }));
  const missingReference = (i: number, name: string) => webhook(`spec.postgresql.extensions[${i}].image.reference`,
    `extension "${name}" has no image reference and the Cluster uses no catalog to define it; give its image`,
    `Image reference for extension \`${name}\` must be set when no image catalog is configured`);

  // cluster_webhook.go, validateExtensions: ensureNotEmptyOrDuplicate on the name; an empty name is refused and the
  // entry skipped (no image reference check for it)
  test('refuses an extension with an empty name, and checks nothing else of it', () => {
    const empty = (i: number) => webhook(`spec.postgresql.extensions[${i}].name`, 'extension name is empty; expected a name such as "pgvector"', 'value cannot be empty');
    expect(withExtensions(ext(''))).toEqual([empty(0)]);
    expect(withExtensions(ext('vector', 'ghcr.io/x/pgvector:0.8'), ext('', undefined, { bin_path: ['..'] }))).toEqual([empty(1)]);
    expect(withExtensions(ext(''), ext(''))).toEqual([empty(0), empty(1)]);
    // a null entry decodes (in Go) as an ExtensionConfiguration with an empty name
    expect(withExtensions(null)).toEqual([empty(0)]);
    expect(webhookViolations(cluster({ postgresql: { extensions: [ext('')] } }))).toEqual([empty(0)]);
  });

  // cluster_webhook.go, validateExtensions: ImageCatalogRef == nil && ImageVolumeSource.Reference == ""
  test('refuses an extension without an image reference when the Cluster has no image catalog', () => {
    expect(withExtensions(ext('vector'))).toEqual([missingReference(0, 'vector')]);
    expect(withExtensions(ext('vector', ''))).toEqual([missingReference(0, 'vector')]);
    expect(withExtensions(ext('postgis', 'ghcr.io/x/postgis:3'), { name: 'vector', image: {} })).toEqual([missingReference(1, 'vector')]);
    expect(withExtensions(ext('vector', 'ghcr.io/x/pgvector:0.8'))).toEqual([]);
  });

  // cluster_webhook.go, validateExtensions: with an imageCatalogRef, the catalog may give the reference
  test('admits an extension without an image reference when the Cluster uses an image catalog', () => {
    const withCatalog = cluster({
      imageName: undefined,
      imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: 'postgresql', major: 18 },
      postgresql: { extensions: [ext('vector')] },
    });
    expect(validateExtensions(withCatalog)).toEqual([]);
  });

  // cluster_webhook.go, validateExtensionEnvVars; cluster_webhook_test.go "returns an error for forbidden env entries"
  test('refuses PATH and LD_LIBRARY_PATH in env, pointing at the extension\'s path lists', () => {
    expect(withExtensions(ext('extOne', 'extOne', { env: [{ name: 'PATH', value: '/my/binary/path' }, { name: 'LD_LIBRARY_PATH', value: '/my/library/path' }] }))).toEqual([
      webhook('spec.postgresql.extensions[0].env[0].name', '"PATH" is set by the operator, from the extension\'s path lists',
        'PATH must be configured via spec.postgresql.extensions[0].bin_path'),
      webhook('spec.postgresql.extensions[0].env[1].name', '"LD_LIBRARY_PATH" is set by the operator, from the extension\'s path lists',
        'LD_LIBRARY_PATH must be configured via spec.postgresql.extensions[0].ld_library_path'),
    ]);
  });

  // cluster_webhook.go, validateExtensionEnvVars; cluster_webhook_test.go "returns an error for reserved env entries"
  test('refuses the environment variables the operator reserves', () => {
    expect(withExtensions(ext('extOne', 'extOne', { env: [{ name: 'PGDATA', value: '/some/path' }, { name: 'CNPG_SECRET', value: 'some_value' }] }))).toEqual([
      webhook('spec.postgresql.extensions[0].env[0].name', '"PGDATA" is set by the operator', 'the usage of this environment variable is reserved for the operator'),
      webhook('spec.postgresql.extensions[0].env[1].name', '"CNPG_SECRET" is set by the operator', 'the usage of this environment variable is reserved for the operator'),
    ]);
  });

  // cluster_webhook.go, validateExtensionEnvVars: FindUnknownPlaceholders, joined with ", "; cluster_webhook_test.go
  // "returns an error for unknown placeholders in env values"
  test('refuses unsupported placeholders in an env value, listing them all', () => {
    expect(withExtensions(ext('extOne', 'extOne', { env: [{ name: 'GOOD', value: '${image_root}/lib' }, { name: 'BAD', value: '${image_rot}/lib:${HOME}' }] }))).toEqual([
      webhook('spec.postgresql.extensions[0].env[1].value', '"${image_rot}/lib:${HOME}" uses ${image_rot}, ${HOME}; only ${image_root} is replaced (write $${...} for a literal)',
        'unsupported placeholder(s): ${image_rot}, ${HOME}; supported: ${image_root}'),
    ]);
  });

  // cluster_webhook.go, validateExtensionEnvVars: a null env entry decodes (in Go) as an empty ExtensionEnvVar,
  // which no check refuses (an empty name is not reserved; an empty value has no placeholder)
  test('reads a null env entry as an empty one', () => {
    expect(withExtensions(ext('extOne', 'extOne', { env: [null] }))).toEqual([]);
  });
});
