import { ConformanceCase } from './format';

// Upstream's Cluster webhook specs (internal/webhook/v1/cluster_webhook_test.go, CloudNativePG v1.30.0), in
// the file's order. Upstream builds partial Go objects and calls one validator: most cases do the same
// (`rule`, on the object as upstream builds it, `go()`). Where the verdict a user gets differs from the
// validator's alone (the defaulting webhook fills something in first), a second case of the same spec takes
// the whole admission path on a complete manifest (`cluster()`), with a note. Format: README.md beside this.

const U = 'internal/webhook/v1/cluster_webhook_test.go';
type E = ConformanceCase['expect'];

const ok: E = { allowed: true };

/** Refused, with the operator's message (or a distinctive part), the field and the number of errors. */
function no(message?: string, field?: string, count?: number): E {
  return {
    allowed: false,
    ...(message === undefined ? {} : { message }),
    ...(field === undefined ? {} : { field }),
    ...(count === undefined ? {} : { count }),
  };
}

/** `HaveLen(n)` with no message checked. */
function errors(count: number, field?: string): E {
  return no(undefined, field, count);
}

/** A Cluster as upstream's Go test builds it: the spec (and metadata) it sets, nothing else. */
export function go(spec: object = {}, metadata: object = {}): object {
  return { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata, spec };
}

/** A whole Cluster manifest: the name and storage upstream's partial objects leave out, then `spec`. */
export function cluster(spec: object = {}, metadata: object = {}): object {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: 'cluster-example', ...metadata },
    spec: { storage: { size: '1Gi' }, ...spec },
  };
}

/** The cases of one upstream `Describe` (or nested containers, joined with ` > `). */
function section(describe: string) {
  const test = (it: string) => `${describe} > ${it}`;
  const base = { upstream: U, kind: 'Cluster' };
  return {
    /** A spec of one validator (its Go name), on the object as given. */
    rule: (rule: string, it: string, object: object, expect: E, extra: Partial<ConformanceCase> = {}): ConformanceCase =>
      ({ ...base, test: test(it), rule, object, expect, ...extra }),
    /** A spec through the whole admission path (schema, CEL, defaults, webhook; update rules with `old`). */
    whole: (it: string, object: object, expect: E, extra: Partial<ConformanceCase> = {}): ConformanceCase =>
      ({ ...base, test: test(it), object, expect, ...extra }),
    /** A spec of a helper, called directly. */
    call: (it: string, fn: string, args: unknown[], returns: unknown): ConformanceCase =>
      ({ ...base, test: test(it), call: { fn, args }, expect: { returns } }),
    /** A spec with no counterpart at manifest level, with the reason. */
    na: (it: string, notApplicable: string): ConformanceCase => ({ ...base, test: test(it), expect: { notApplicable } }),
  };
}

const params = (p: object) => ({ postgresql: { parameters: p } });
const SKIP_WAL = { annotations: { 'cnpg.io/skipWalArchiving': 'enabled' } };
const DEFAULTS_FILL = 'the defaulting webhook fills the missing half in first (owner = database, database = "app"): CloudNativePG admits the Cluster';

// ---------------------------------------------------------------------------------------------

const bootstrapMethods = section('bootstrap methods validation');
const certificates = section('certificates options validation');
const initdb = section('initdb options validation');
const pullPolicy = section('ImagePullPolicy validation');
const imageName = section('Image name validation');
const quantity = section('parsePostgresQuantityValue');
const configuration = section('configuration change validation');
const MiB = 2 ** 20;

const PART1: ConformanceCase[] = [
  bootstrapMethods.whole('doesn\'t complain if there isn\'t a configuration', cluster(), ok),
  bootstrapMethods.rule('validateBootstrapMethod', 'doesn\'t complain if there isn\'t a configuration', go(), ok),
  bootstrapMethods.rule('validateBootstrapMethod', 'doesn\'t complain if we are using initdb', go({ bootstrap: { initdb: {} } }), ok),
  bootstrapMethods.whole('doesn\'t complain if we are using initdb', cluster({ bootstrap: { initdb: {} } }), ok),
  bootstrapMethods.rule('validateBootstrapMethod', 'doesn\'t complain if we are using recovery', go({ bootstrap: { recovery: {} } }), ok),
  bootstrapMethods.rule('validateBootstrapMethod', 'complains where there are two active bootstrap methods', go({ bootstrap: { recovery: {}, initdb: {} } }),
    no('Only one bootstrap method can be specified at a time', 'spec.bootstrap', 1)),
  bootstrapMethods.whole('complains where there are two active bootstrap methods', cluster({ bootstrap: { recovery: {}, initdb: {} } }),
    no('Only one bootstrap method can be specified at a time', 'spec.bootstrap')),

  certificates.rule('validateCerts', 'doesn\'t complain if there isn\'t a configuration', go(), ok),
  certificates.rule('validateCerts', 'doesn\'t complain if you specify some valid secret names',
    go({ certificates: { serverCASecret: 'test-server-ca', serverTLSSecret: 'test-server-tls' } }), ok),
  certificates.rule('validateCerts', 'does complain if you specify the TLS secret and not the CA', go({ certificates: { serverTLSSecret: 'test-server-tls' } }),
    no("Server CA secret can't be empty when server TLS secret is provided", 'spec.certificates.serverCASecret', 1)),
  certificates.whole('does complain if you specify the TLS secret and not the CA', cluster({ certificates: { serverTLSSecret: 'test-server-tls' } }),
    no("Server CA secret can't be empty when server TLS secret is provided", 'spec.certificates.serverCASecret')),
  certificates.rule('validateCerts', 'does complain if you specify the TLS secret and AltDNSNames is not empty',
    go({ certificates: { serverCASecret: 'test-server-ca', serverTLSSecret: 'test-server-tls', serverAltDNSNames: ['dns-name'] } }),
    no("Server alternative DNS names can't be defined when server TLS secret is provided", 'spec.certificates.serverAltDNSNames', 1)),

  initdb.rule('validateInitDB', 'doesn\'t complain if there isn\'t a configuration', go(), ok),
  initdb.rule('validateInitDB', 'complains if you specify the database name but not the owner', go({ bootstrap: { initdb: { database: 'app' } } }),
    no('You need to specify the database owner user', 'spec.bootstrap.initdb.owner', 1)),
  initdb.whole('complains if you specify the database name but not the owner', cluster({ bootstrap: { initdb: { database: 'app' } } }), ok, { note: DEFAULTS_FILL }),
  initdb.rule('validateInitDB', 'complains if you specify the owner but not the database name', go({ bootstrap: { initdb: { owner: 'app' } } }),
    no('You need to specify the database name', 'spec.bootstrap.initdb.database', 1)),
  initdb.whole('complains if you specify the owner but not the database name', cluster({ bootstrap: { initdb: { owner: 'app' } } }), ok, { note: DEFAULTS_FILL }),
  initdb.rule('validateInitDB', 'doesn\'t complain if you specify both database name and owner user', go({ bootstrap: { initdb: { database: 'app', owner: 'app' } } }), ok),
  initdb.rule('validateInitDB', 'complain if key is missing in the secretRefs',
    go({ bootstrap: { initdb: { database: 'app', owner: 'app', postInitApplicationSQLRefs: { secretRefs: [{ name: 'secret1' }] } } } }),
    no('key and name must be specified', 'spec.bootstrap.initdb.postInitApplicationSQLRefs.secretRefs[0]', 1)),
  initdb.rule('validateInitDB', 'complain if name is missing in the secretRefs',
    go({ bootstrap: { initdb: { database: 'app', owner: 'app', postInitApplicationSQLRefs: { secretRefs: [{ key: 'key' }] } } } }),
    no('key and name must be specified', 'spec.bootstrap.initdb.postInitApplicationSQLRefs.secretRefs[0]', 1)),
  initdb.rule('validateInitDB', 'complain if key is missing in the configMapRefs',
    go({ bootstrap: { initdb: { database: 'app', owner: 'app', postInitApplicationSQLRefs: { configMapRefs: [{ name: 'configmap1' }] } } } }),
    no('key and name must be specified', 'spec.bootstrap.initdb.postInitApplicationSQLRefs.configMapRefs[0]', 1)),
  initdb.rule('validateInitDB', 'complain if name is missing in the configMapRefs',
    go({ bootstrap: { initdb: { database: 'app', owner: 'app', postInitApplicationSQLRefs: { configMapRefs: [{ key: 'key' }] } } } }),
    no('key and name must be specified', 'spec.bootstrap.initdb.postInitApplicationSQLRefs.configMapRefs[0]', 1)),
  initdb.rule('validateInitDB', 'doesn\'t complain if configmapRefs and secretRefs are valid', go({
    bootstrap: {
      initdb: {
        database: 'app',
        owner: 'app',
        postInitApplicationSQLRefs: {
          configMapRefs: [{ name: 'configmap1', key: 'key' }, { name: 'configmap2', key: 'key' }],
          secretRefs: [{ name: 'secret1', key: 'key' }, { name: 'secret2', key: 'key' }],
        },
      },
    },
  }), ok),
  initdb.rule('validateSuperuserSecret', 'doesn\'t complain if superuser secret it\'s empty', go(), ok),
  initdb.rule('validateSuperuserSecret', 'complains if superuser secret name it\'s empty', go({ superuserSecret: { name: '' } }),
    no("Super user secret name can't be empty", 'spec.superuserSecret.name', 1)),

  pullPolicy.rule('validateImagePullPolicy', 'complains if the imagePullPolicy isn\'t valid', go({ imagePullPolicy: 'wrong' }),
    no("invalid imagePullPolicy, if defined must be one of 'Always', 'Never' or 'IfNotPresent'", 'spec.imagePullPolicy', 1)),
  pullPolicy.rule('validateImagePullPolicy', 'does not complain if the imagePullPolicy is valid', go({ imagePullPolicy: 'Always' }), ok),

  imageName.rule('validateImageName', 'doesn\'t complain if the user simply accept the default', go(), ok),
  imageName.whole('doesn\'t complain if the user simply accept the default', cluster(), ok, { note: 'after the defaulting webhook, imageName is the operator\'s default image' }),
  imageName.rule('validateImageName', 'complains when the \'latest\' tag is detected', go({ imageName: 'postgres:latest' }),
    no("Can't use 'latest' as image tag as we can't detect upgrades", 'spec.imageName', 1)),
  imageName.rule('validateImageName', 'doesn\'t complain when a alpha tag is used', go({ imageName: 'postgres:15alpha1' }), ok),
  imageName.rule('validateImageName', 'doesn\'t complain when a beta tag is used', go({ imageName: 'postgres:15beta1' }), ok),
  imageName.rule('validateImageName', 'doesn\'t complain when a release candidate tag is used', go({ imageName: 'postgres:15rc1' }), ok),
  imageName.rule('validateImageName', 'complains when only the sha is passed',
    go({ imageName: 'postgres@sha256:cff94de382ca538861622bbe84cfe03f44f307a9846a5c5eda672cf4dc692866' }),
    no("Can't use just the image sha as we can't detect upgrades", 'spec.imageName', 1)),
  imageName.rule('validateImageName', 'doesn\'t complain if the tag is valid', go({ imageName: 'postgres:10.4' }), ok),
  imageName.rule('validateImageName', 'doesn\'t complain if the tag is valid (2)', go({ imageName: 'postgres:14.4-1' }), ok),
  imageName.rule('validateImageName', 'doesn\'t complain if the tag is valid and has sha',
    go({ imageName: 'postgres:10.4@sha256:cff94de382ca538861622bbe84cfe03f44f307a9846a5c5eda672cf4dc692866' }), ok),
  imageName.rule('validateImageName', 'complain when the tag name is not a PostgreSQL version', go({ imageName: 'postgres:test_12' }),
    no('invalid version tag', 'spec.imageName', 1)),

  quantity.call('bare', 'parsePostgresQuantityValue', ['1'], MiB),
  quantity.call('B', 'parsePostgresQuantityValue', ['1B'], 1),
  quantity.call('kB', 'parsePostgresQuantityValue', ['1kB'], 1024),
  quantity.call('MB', 'parsePostgresQuantityValue', ['1MB'], MiB),
  quantity.call('GB', 'parsePostgresQuantityValue', ['1GB'], 2 ** 30),
  quantity.call('TB', 'parsePostgresQuantityValue', ['1TB'], 2 ** 40),
  quantity.call('spaceB', 'parsePostgresQuantityValue', ['1 B'], 1),
  quantity.call('spaceMB', 'parsePostgresQuantityValue', ['1 MB'], MiB),
  quantity.call('reject kb', 'parsePostgresQuantityValue', ['1kb'], undefined),
  quantity.call('reject Mb', 'parsePostgresQuantityValue', ['1Mb'], undefined),
  quantity.call('reject G', 'parsePostgresQuantityValue', ['1G'], undefined),
  quantity.call('reject random unit', 'parsePostgresQuantityValue', ['1random'], undefined),
  quantity.call('reject non-numeric', 'parsePostgresQuantityValue', ['non-numeric'], undefined),
];

const NAME = 'must be a valid PostgreSQL configuration parameter name (a GUC name, optionally namespaced with a single dot)';
const injection = (it: string, key: string, field: string) => configuration.rule('validateConfiguration', `rejects a parameter name that could inject a directive > ${it}`,
  go({ ...params({ [key]: '/bin/evil' }), storage: { size: '10Gi' } }), no(NAME, field, 1));
const malformed = (it: string, key: string, field: string) => configuration.rule('validateConfiguration', `rejects a malformed parameter name > ${it}`,
  go({ ...params({ [key]: 'value' }), storage: { size: '10Gi' } }), no(NAME, field, 1));
const walSizes = (p: object, walStorage?: string, storage = '10Gi') => go({ ...params(p), ...(walStorage ? { walStorage: { size: walStorage } } : {}), storage: { size: storage } });
const MIN_MAX = 'Invalid vale. Parameter min_wal_size (default 80MB) should be smaller than parameter max_wal_size (default 1GB)';
const WAL_LEVEL = "`wal_level` should be set at `logical` or `replica` when `archive_mode` is `on`, '.instances' field is greater than 1, or this is a replica cluster";
const S3 = { backup: { barmanObjectStore: { s3Credentials: {} } } };

const PART2: ConformanceCase[] = [
  configuration.rule('validateConfiguration', 'accepts well-formed parameter names, including namespaced custom GUCs',
    go({ ...params({ 'work_mem': '16MB', 'auto_explain.log_min_duration': '100ms', 'some$ext.param$1': 'value' }), storage: { size: '10Gi' } }), ok),
  injection('leading comment then newline', '#\narchive_command', 'spec.postgresql.parameters["#\\narchive_command"]'),
  injection('valid name with a trailing newline injection', 'archive_command\nrestart_after = 0', 'spec.postgresql.parameters["archive_command\\nrestart_after = 0"]'),
  injection('carriage return', 'archive_command\rrestart_after = 0', 'spec.postgresql.parameters["archive_command\\rrestart_after = 0"]'),
  malformed('trailing newline', 'archive_command\n', 'spec.postgresql.parameters["archive_command\\n"]'),
  malformed('embedded NUL byte', 'work_mem\u0000', 'spec.postgresql.parameters["work_mem\\u0000"]'),
  malformed('equals sign', 'work_mem=128MB', 'spec.postgresql.parameters["work_mem=128MB"]'),
  malformed('leading whitespace', ' work_mem', 'spec.postgresql.parameters[" work_mem"]'),
  malformed('space in the middle', 'work mem', 'spec.postgresql.parameters["work mem"]'),
  malformed('hash character', 'work#mem', 'spec.postgresql.parameters["work#mem"]'),
  malformed('empty string', '', 'spec.postgresql.parameters[""]'),

  ...[
    walSizes({ min_wal_size: '80MB', max_wal_size: '1024' }),
    walSizes({ min_wal_size: '1500', max_wal_size: '2 GB' }, '3Gi'),
    walSizes({ min_wal_size: '1.5GB', max_wal_size: '2000' }, '2Gi'),
    walSizes({ max_wal_size: '1GB' }, '2Gi'),
    walSizes({ min_wal_size: '100MB' }, '2Gi'),
    go(params({})),
  ].map((object) => configuration.rule('validateConfiguration', 'produces no error when WAL size settings are correct', object, ok)),
  configuration.whole('produces no error when WAL size settings are correct', cluster({ ...params({ min_wal_size: '1.5GB', max_wal_size: '2000' }), walStorage: { size: '2Gi' } }), ok,
    { note: 'min_wal_size "1.5GB" is a valid PostgreSQL size: the whole admission path admits it too' }),
  configuration.rule('validateConfiguration', 'produces one complaint when min_wal_size is bigger than max_wal_size',
    walSizes({ min_wal_size: '1500', max_wal_size: '1GB' }, undefined, '2Gi'), no(MIN_MAX, 'spec.postgresql.parameters.min_wal_size', 1)),
  configuration.rule('validateConfiguration', 'produces one complaint when min_wal_size is bigger than max_wal_size',
    walSizes({ min_wal_size: '2G', max_wal_size: '1GB' }, '2Gi', '4Gi'), no('Invalid value for configuration parameter min_wal_size', 'spec.postgresql.parameters.min_wal_size', 1)),
  configuration.rule('validateConfiguration', 'produces one complaint when max_wal_size is bigger than WAL storage', walSizes({ max_wal_size: '2GB' }, '1G', '4Gi'),
    no('Invalid value. Parameter max_wal_size (default 1GB) should be smaller than WAL volume size', 'spec.postgresql.parameters.max_wal_size', 1)),
  configuration.rule('validateConfiguration', 'produces one complaint when max_wal_size is bigger than WAL storage', walSizes({ min_wal_size: '80MB', max_wal_size: '1500' }, '1G', '4Gi'),
    no('Invalid value. Parameter max_wal_size (default 1GB) should be smaller than WAL volume size', 'spec.postgresql.parameters.max_wal_size', 1)),
  configuration.rule('validateConfiguration', 'produces two complaints when min_wal_size is bigger than WAL storage and max_wal_size', walSizes({ min_wal_size: '3GB', max_wal_size: '1GB' }, '2Gi'),
    no('Invalid value. Parameter min_wal_size (default 80MB) should be smaller than WAL volume size', 'spec.postgresql.parameters.min_wal_size', 2)),
  configuration.rule('validateConfiguration', 'complains about invalid value for min_wal_size and max_wal_size', walSizes({ min_wal_size: 'xxx', max_wal_size: '1GB' }),
    no('Invalid value for configuration parameter min_wal_size', 'spec.postgresql.parameters.min_wal_size', 1)),
  configuration.rule('validateConfiguration', 'complains about invalid value for min_wal_size and max_wal_size', walSizes({ min_wal_size: '80', max_wal_size: '1Gb' }, '2Gi'),
    no('Invalid value for configuration parameter max_wal_size', 'spec.postgresql.parameters.max_wal_size', 1)),
  configuration.rule('validateConfiguration', 'doesn\'t compare default values for min_wal_size and max_wal_size with WalStorage', go({ ...params({}), walStorage: { size: '100Mi' } }), ok),
  configuration.rule('validateConfiguration', 'doesn\'t compare default values for min_wal_size and max_wal_size with WalStorage', walSizes({ min_wal_size: '1.5GB' }, '2Gi'),
    no(MIN_MAX, 'spec.postgresql.parameters.min_wal_size', 1)),
  configuration.rule('validateConfiguration', 'doesn\'t compare default values for min_wal_size and max_wal_size with WalStorage', walSizes({ max_wal_size: '70M' }, '2Gi', '4Gi'),
    no('Invalid value for configuration parameter max_wal_size', 'spec.postgresql.parameters.max_wal_size', 1)),
  configuration.rule('validateConfiguration', 'should detect an invalid `shared_buffers` value', go(params({ shared_buffers: 'invalid' })),
    no('Invalid value for configuration parameter shared_buffers', 'spec.postgresql.parameters.shared_buffers', 1)),
  configuration.rule('validateConfiguration', 'should reject minimal wal_level when backup is configured', go({ ...S3, ...params({ wal_level: 'minimal', max_wal_senders: '0' }) }),
    no(WAL_LEVEL, 'spec.postgresql.parameters.wal_level', 1)),
  configuration.rule('validateConfiguration', 'should allow replica wal_level when backup is configured', go({ ...S3, ...params({ wal_level: 'replica' }) }), ok),
  configuration.rule('validateConfiguration', 'should allow logical wal_level when backup is configured', go({ ...S3, ...params({ wal_level: 'logical' }) }), ok),
  configuration.rule('validateConfiguration', 'should reject minimal wal_level when instances is greater than one', go({ instances: 2, ...params({ wal_level: 'minimal', max_wal_senders: '0' }) }),
    no(WAL_LEVEL, 'spec.postgresql.parameters.wal_level', 1)),
  configuration.rule('validateConfiguration', 'should allow replica wal_level when instances is greater than one', go({ instances: 2, ...params({ wal_level: 'replica' }) }), ok),
  configuration.rule('validateConfiguration', 'should allow logical wal_level when instances is greater than one', go({ instances: 2, ...params({ wal_level: 'logical' }) }), ok),
  configuration.rule('validateConfiguration', 'should reject an unknown wal_level value', go({ instances: 1, ...params({ wal_level: 'test' }) }),
    no('unrecognized `wal_level` value - allowed values', 'spec.postgresql.parameters.wal_level', 1)),
  configuration.rule('validateConfiguration', 'should reject minimal if it is a replica cluster', go({ instances: 1, replica: { enabled: true }, ...params({ wal_level: 'minimal', max_wal_senders: '0' }) }),
    no(WAL_LEVEL, 'spec.postgresql.parameters.wal_level', 1)),
  configuration.rule('validateConfiguration', 'should allow minimal wal_level with one instance and without archive mode',
    go({ instances: 1, ...params({ wal_level: 'minimal', max_wal_senders: '0' }) }, SKIP_WAL), ok),
  configuration.whole('should allow minimal wal_level with one instance and without archive mode',
    cluster({ instances: 1, ...params({ wal_level: 'minimal', max_wal_senders: '0' }) }, SKIP_WAL), ok,
    { note: 'the whole path too: the defaults set archive_mode "off" from the annotation, and minimal is admitted' }),
  configuration.rule('validateConfiguration', 'should disallow minimal wal_level with one instance, without max_wal_senders being specified',
    go({ instances: 1, ...params({ wal_level: 'minimal' }) }, SKIP_WAL), no('`max_wal_senders` should be set at `0` when `wal_level` is `minimal`', 'spec.postgresql.parameters.max_wal_senders', 1)),
  configuration.rule('validateConfiguration', 'rejects PostgreSQL version lower than 13', go({ imageName: 'postgres:12' }),
    no('Unsupported PostgreSQL version. Versions 13 or newer are supported', 'spec.imageName', 1)),
  configuration.whole('should disallow changing wal_level to minimal for existing clusters',
    cluster({ instances: 1, ...params({ wal_level: 'minimal', max_wal_senders: '0' }) }, SKIP_WAL),
    no('Change of `wal_level` to `minimal` not allowed on an existing cluster (from logical)', 'spec.postgresql.parameters.wal_level', 1),
    { old: cluster({ instances: 1, ...params({ max_wal_senders: '0' }) }, SKIP_WAL), note: 'upstream defaults the old object; the update rules default both sides' }),
  configuration.whole('should allow retaining wal_level to minimal for existing clusters',
    cluster({ instances: 1, ...params({ wal_level: 'minimal', max_wal_senders: '0', shared_buffers: '512MB' }) }, SKIP_WAL), ok,
    { old: cluster({ instances: 1, ...params({ wal_level: 'minimal', max_wal_senders: '0' }) }, SKIP_WAL) }),
  configuration.rule('validateConfigurationChange', 'complains when changing image and settings simultaneously if PrimaryUpdateMethodSwitchover',
    go({ primaryUpdateMethod: 'switchover', imageName: 'postgres:10.5', ...params({ shared_buffers: '4G' }) }),
    no("Can't change image name and configuration at the same time when `primaryUpdateMethod` is set to `switchover`", 'spec.imageName', 1),
    { old: go({ imageName: 'postgres:10.4' }) }),
  configuration.rule('validateConfiguration', 'wal_log_hints > should reject wal_log_hints set to an invalid value', go({ instances: 1, ...params({ wal_log_hints: 'foo' }) }),
    no('invalid `wal_log_hints` value. Must be a postgres boolean', 'spec.postgresql.parameters.wal_log_hints', 1)),
  configuration.rule('validateConfiguration', 'wal_log_hints > should allow wal_log_hints set to off for clusters having just one instance',
    go({ instances: 1, ...params({ wal_log_hints: 'off' }) }, SKIP_WAL), ok),
  configuration.rule('validateConfiguration', 'wal_log_hints > should not allow wal_log_hints set to off for clusters having more than one instance',
    go({ instances: 3, ...params({ wal_log_hints: 'off' }) }, SKIP_WAL), no('`wal_log_hints` must be set to `on` when `instances` > 1', 'spec.postgresql.parameters.wal_log_hints')),
  configuration.rule('validateConfiguration', 'wal_log_hints > should allow wal_log_hints set to on for clusters having just one instance',
    go({ instances: 1, ...params({ wal_log_hints: 'on' }) }, SKIP_WAL), ok),
  configuration.rule('validateConfiguration', 'wal_log_hints > should not allow wal_log_hints set to on for clusters having more than one instance',
    go({ instances: 3, ...params({ wal_log_hints: 'true' }) }, SKIP_WAL), ok, { note: 'upstream\'s name says "not allow", its assertion is BeEmpty: "true" is on' }),
];

const imageChange = section('validate image name change');
const DEFAULT_MAJOR = 18; // the major of the operator's default image (OPERATOR_DEFAULT_IMAGE, 18.4)
const stored = (spec: object, major?: number) =>
  ({ ...go(spec), ...(major === undefined ? {} : { status: { pgDataImageInfo: { majorVersion: major } } }) });
const catalogRef = (major: number) => ({ imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ImageCatalog', name: 'test', major } });
const DOWNGRADE = "can't downgrade from major";
const imageChangeCase = (it: string, old: object, next: object, expect: E) => imageChange.rule('validateImageChange', it, next, expect, { old });

const target = section('recovery target');
const recovery = (recoveryTarget: object, extra: object = {}) => go({ bootstrap: { recovery: { recoveryTarget, ...extra } } });
const RT = 'spec.bootstrap.recovery.recoveryTarget';

const PART3: ConformanceCase[] = [
  imageChangeCase('using image name > doesn\'t complain with no changes', stored({}, DEFAULT_MAJOR), go(), ok),
  imageChangeCase('using image name > complains if it can\'t upgrade between mayor versions', stored({ imageName: 'postgres:17.0' }, 17), go({ imageName: 'postgres:16.0' }),
    no(`${DOWNGRADE} 17 to 16`, 'spec.imageName', 1)),
  imageChangeCase('using image name > doesn\'t complain if image change is valid', stored({ imageName: 'postgres:17.1' }, 17), go({ imageName: 'postgres:17.0' }), ok),
  imageChangeCase('using image catalog > complains on major downgrades', stored(catalogRef(16), 16), go(catalogRef(15)), no(`${DOWNGRADE} 16 to 15`, 'spec.imageCatalogRef.major', 1)),
  imageChangeCase('changing from imageName to imageCatalogRef > doesn\'t complain when the major is the same', stored({ imageName: 'postgres:16.1' }, 16), go(catalogRef(16)), ok),
  imageChangeCase('changing from imageName to imageCatalogRef > complains on major downgrades', stored({ imageName: 'postgres:17.1' }, 17), go(catalogRef(16)),
    no(`${DOWNGRADE} 17 to 16`, 'spec.imageCatalogRef.major', 1)),
  imageChangeCase('changing from imageName to imageCatalogRef > complains going from default imageName to different major imageCatalogRef', stored({}, DEFAULT_MAJOR), go(catalogRef(16)),
    no(`${DOWNGRADE} ${DEFAULT_MAJOR} to 16`, 'spec.imageCatalogRef.major', 1)),
  imageChangeCase('changing from imageName to imageCatalogRef > doesn\'t complain going from default imageName to same major imageCatalogRef', stored({}), go(catalogRef(DEFAULT_MAJOR)), ok),
  imageChangeCase('changing from imageCatalogRef to imageName > doesn\'t complain when the major is the same', stored(catalogRef(17), 17), go({ imageName: 'postgres:17.1' }), ok),
  imageChangeCase('changing from imageCatalogRef to imageName > complains on major downgrades', stored(catalogRef(17), 17), go({ imageName: 'postgres:16.1' }),
    no(`${DOWNGRADE} 17 to 16`, 'spec.imageName', 1)),
  imageChangeCase('changing from imageCatalogRef to imageName > complains going from imageCatalogRef to lower major default imageName', stored(catalogRef(DEFAULT_MAJOR + 1), DEFAULT_MAJOR + 1), go(),
    no(`${DOWNGRADE} ${DEFAULT_MAJOR + 1} to ${DEFAULT_MAJOR}`, 'spec.imageName', 1)),
  imageChangeCase('changing from imageCatalogRef to imageName > doesn\'t complain going from imageCatalogRef to same major default imageName', stored(catalogRef(DEFAULT_MAJOR), DEFAULT_MAJOR), go(), ok),

  target.rule('validateRecoveryTarget', 'is mutually exclusive', recovery({ targetLSN: '1/1', targetTime: '2021-09-01 10:22:47.000000+06' }),
    no('Recovery target options are mutually exclusive', RT, 1)),
  target.rule('validateRecoveryTarget', 'Requires BackupID to perform PITR with TargetName', recovery({ backupID: '20220616T031500', targetName: 'restore_point_1' }), ok),
  target.rule('validateRecoveryTarget', 'Fails when no BackupID is provided to perform PITR with TargetXID', recovery({ targetXID: '1234' }), no('BackupID is missing', RT, 1)),
  target.rule('validateRecoveryTarget', 'TargetTime\'s format as `YYYY-MM-DD HH24:MI:SS.FF6TZH` is valid', recovery({ targetTime: '2021-09-01 10:22:47.000000+06' }), ok),
  target.rule('validateRecoveryTarget', 'TargetTime\'s format as YYYY-MM-DD HH24:MI:SS.FF6TZH:TZM` is valid', recovery({ targetTime: '2021-09-01 10:22:47.000000+06:00' }), ok),
  target.rule('validateRecoveryTarget', 'TargetTime\'s format as YYYY-MM-DD HH24:MI:SS.FF6 TZH:TZM` is invalid', recovery({ targetTime: '2021-09-01 10:22:47.000000 +06:00' }),
    no('The format of TargetTime is invalid', RT, 1)),
  target.rule('validateRecoveryTarget', 'raises errors for invalid LSN', recovery({ targetLSN: '28734982739847293874823974928738423/987429837498273498723984723' }), no('Invalid TargetLSN', RT, 1)),
  target.rule('validateRecoveryTarget', 'valid LSN', recovery({ targetLSN: '1/1' }), ok),
  target.rule('validateRecoveryTarget', 'can be specified', recovery({ targetTime: '2020-01-01 01:01:00' }), ok),
  target.rule('validateRecoveryTarget', 'recoveryTLI is specified > allows \'latest\'', recovery({ targetTLI: 'latest' }), ok),
  target.rule('validateRecoveryTarget', 'recoveryTLI is specified > allows a positive integer', recovery({ targetTLI: '23' }), ok),
  target.rule('validateRecoveryTarget', 'recoveryTLI is specified > prevents 0 value', recovery({ targetTLI: '0' }),
    no("recovery target timeline can be set to 'latest' or a positive integer", `${RT}.targetTLI`, 1)),
  target.rule('validateRecoveryTarget', 'recoveryTLI is specified > prevents negative values', recovery({ targetTLI: '-5' }),
    no("recovery target timeline can be set to 'latest' or a positive integer", `${RT}.targetTLI`, 1)),
  target.rule('validateRecoveryTarget', 'recoveryTLI is specified > prevents everything else beside the empty string', recovery({ targetTLI: 'I don\'t remember' }),
    no("recovery target timeline can be set to 'latest' or a positive integer", `${RT}.targetTLI`, 1)),
  ...([
    ['accepts a non-negative integer', '1234', ok],
    ['rejects a non-numeric value', 'not-a-number', no('recovery target xid must be a non-negative 32-bit integer', `${RT}.targetXID`, 1)],
    ['rejects an LSN-shaped value', '1/1', no('recovery target xid must be a non-negative 32-bit integer', `${RT}.targetXID`, 1)],
    ['rejects a negative value', '-1', no('recovery target xid must be a non-negative 32-bit integer', `${RT}.targetXID`, 1)],
    ['accepts the largest 32-bit XID', '4294967295', ok],
    ['rejects a value above 2^32-1 to avoid silent epoch truncation', '4294967296', no('recovery target xid must be a non-negative 32-bit integer', `${RT}.targetXID`, 1)],
  ] as const).map(([it, xid, expect]) => target.rule('validateRecoveryTarget', `TargetXID is specified > ${it}`, recovery({ backupID: 'backup-id', targetXID: xid }), expect)),
  ...([
    ['accepts an arbitrary printable string', 'my\'restore point', ok],
    ['rejects an embedded newline', 'line1\nline2', no('recovery target name must not contain ASCII control characters', `${RT}.targetName`, 1)],
    ['rejects an embedded NUL byte', 'a\u0000b', no('recovery target name must not contain ASCII control characters', `${RT}.targetName`, 1)],
    ['rejects a DEL byte', 'a\u007fb', no('recovery target name must not contain ASCII control characters', `${RT}.targetName`, 1)],
    ['accepts a 63-byte name', 'a'.repeat(63), ok],
    ['rejects a 64-byte name', 'a'.repeat(64), no('recovery target name must be shorter than 64 bytes', `${RT}.targetName`, 1)],
  ] as const).map(([it, name, expect]) => target.rule('validateRecoveryTarget', `TargetName is specified > ${it}`, recovery({ backupID: 'backup-id', targetName: name }), expect)),
];

const strategy = section('primary update strategy');
const syncReplicas = section('Number of synchronous replicas');
const lease = section('validatePrimaryLease');
const syncConfig = section('validateSynchronousReplicaConfiguration');
const storageChange = section('storage configuration validation');
const names = section('Cluster name validation');
const SYNC = 'Invalid synchronous configuration: the number of synchronous replicas must be less than the total number of instances and the provided standby names.';
const primaryLease = (l: object) => go({ primaryLease: l });
const LEASE = 'leaseDurationSeconds must be greater than renewDeadlineSeconds';
const RENEW = 'renewDeadlineSeconds must be greater than retryPeriodSeconds multiplied by 1.2';

const PART4: ConformanceCase[] = [
  strategy.rule('validatePrimaryUpdateStrategy', 'allows \'unsupervised\'', go({ primaryUpdateStrategy: 'unsupervised', instances: 3 }), ok),
  strategy.rule('validatePrimaryUpdateStrategy', 'allows \'supervised\'', go({ primaryUpdateStrategy: 'supervised', instances: 3 }), ok),
  strategy.rule('validatePrimaryUpdateStrategy', 'prevents \'supervised\' for single-instance clusters', go({ primaryUpdateStrategy: 'supervised', instances: 1 }),
    no('supervised update strategy is not allowed for clusters with a single instance', 'spec.primaryUpdateStrategy')),
  strategy.rule('validatePrimaryUpdateStrategy', 'allows \'unsupervised\' for single-instance clusters', go({ primaryUpdateStrategy: 'unsupervised', instances: 1 }), ok),
  strategy.rule('validatePrimaryUpdateStrategy', 'prevents everything else', go({ primaryUpdateStrategy: 'maybe', instances: 3 }),
    no("primaryUpdateStrategy should be empty, 'supervised' or 'unsupervised'", 'spec.primaryUpdateStrategy')),

  syncReplicas.rule('validateConfiguration', 'new-style configuration > can\'t have both new-style configuration and legacy one',
    go({ instances: 3, minSyncReplicas: 1, maxSyncReplicas: 2, postgresql: { synchronous: { number: 2 } } }),
    no("Can't have both legacy synchronous replica configuration and new one", 'spec.postgresql.synchronous')),
  syncReplicas.rule('validateMaxSyncReplicas', 'legacy configuration > should be a positive integer', go({ instances: 3, maxSyncReplicas: -3 }),
    no('maxSyncReplicas must be a non negative integer', 'spec.maxSyncReplicas')),
  syncReplicas.rule('validateMaxSyncReplicas', 'legacy configuration > should not be equal than the number of replicas', go({ instances: 3, maxSyncReplicas: 3 }),
    no('maxSyncReplicas must be lower than the number of instances', 'spec.maxSyncReplicas')),
  syncReplicas.rule('validateMaxSyncReplicas', 'legacy configuration > should not be greater than the number of replicas', go({ instances: 3, maxSyncReplicas: 5 }),
    no('maxSyncReplicas must be lower than the number of instances', 'spec.maxSyncReplicas')),
  syncReplicas.rule('validateMaxSyncReplicas', 'legacy configuration > can be zero', go({ instances: 3, maxSyncReplicas: 0 }), ok),
  syncReplicas.rule('validateMaxSyncReplicas', 'legacy configuration > can be lower than the number of replicas', go({ instances: 3, maxSyncReplicas: 2 }), ok),

  lease.rule('validatePrimaryLease', 'is valid when the stanza is omitted', go(), ok),
  lease.rule('validatePrimaryLease', 'is valid with the default timings', primaryLease({ leaseDurationSeconds: 15, renewDeadlineSeconds: 10 }), ok),
  lease.rule('validatePrimaryLease', 'rejects a lease duration not greater than the renew deadline', primaryLease({ leaseDurationSeconds: 10, renewDeadlineSeconds: 10 }),
    no(LEASE, 'spec.primaryLease.leaseDurationSeconds')),
  lease.rule('validatePrimaryLease', 'validates a partially-specified stanza against the defaults', primaryLease({ renewDeadlineSeconds: 8 }), ok),
  lease.rule('validatePrimaryLease', 'validates a partially-specified stanza against the defaults', primaryLease({ renewDeadlineSeconds: 20 }),
    no(LEASE, 'spec.primaryLease.leaseDurationSeconds')),
  lease.rule('validatePrimaryLease', 'rejects a renew deadline that is not greater than retryPeriod*1.2',
    primaryLease({ leaseDurationSeconds: 15, renewDeadlineSeconds: 10, retryPeriodSeconds: 10 }), no(RENEW, 'spec.primaryLease.renewDeadlineSeconds')),
  lease.rule('validatePrimaryLease', 'rejects a renew deadline just below the retryPeriod*1.2 boundary',
    primaryLease({ leaseDurationSeconds: 15, renewDeadlineSeconds: 11, retryPeriodSeconds: 10 }), no(RENEW, 'spec.primaryLease.renewDeadlineSeconds')),
  lease.rule('validatePrimaryLease', 'accepts a renew deadline just above the retryPeriod*1.2 boundary',
    primaryLease({ leaseDurationSeconds: 15, renewDeadlineSeconds: 13, retryPeriodSeconds: 10 }), ok),
  lease.rule('validatePrimaryLease', 'accepts the documented non-default tuning example',
    primaryLease({ leaseDurationSeconds: 60, renewDeadlineSeconds: 40, retryPeriodSeconds: 15, releasedLeaseDurationSeconds: 2 }), ok),

  syncConfig.rule('validateSynchronousReplicaConfiguration', 'returns no error when synchronous configuration is nil', go(), ok),
  syncConfig.rule('validateSynchronousReplicaConfiguration', 'returns an error when number of synchronous replicas is greater than the total instances and standbys',
    go({ instances: 2, postgresql: { synchronous: { number: 5, standbyNamesPost: ['standby1'], standbyNamesPre: ['standby2'] } } }), no(SYNC, 'spec.postgresql.synchronous', 1)),
  syncConfig.rule('validateSynchronousReplicaConfiguration', 'returns an error when number of synchronous replicas is equal to total instances and standbys',
    go({ instances: 3, postgresql: { synchronous: { number: 5, standbyNamesPost: ['standby1'], standbyNamesPre: ['standby2'] } } }), no(SYNC, 'spec.postgresql.synchronous', 1)),
  syncConfig.rule('validateSynchronousReplicaConfiguration', 'returns no error when number of synchronous replicas is less than total instances and standbys',
    go({ instances: 2, postgresql: { synchronous: { number: 2, standbyNamesPost: ['standby1'], standbyNamesPre: ['standby2'] } } }), ok),

  storageChange.rule('validateStorageChange', 'complains if the size is being reduced', go({ storage: { size: '512M' } }),
    no("can't shrink existing storage from 1G to 512M", 'spec.storage'), { old: go({ storage: { size: '1G' } }) }),
  storageChange.rule('validateStorageChange', 'does not complain if nothing has been changed', go({ storage: { size: '1G', storageClass: 'one' } }), ok,
    { old: go({ storage: { size: '1G', storageClass: 'one' } }) }),
  storageChange.rule('validateStorageChange', 'works fine is the size is being enlarged', go({ storage: { size: '10G' } }), ok, { old: go({ storage: { size: '8G' } }) }),

  names.rule('validateName', 'should be a valid DNS label', go({}, { name: 'test.one' }), no('cluster name must be a valid DNS label', 'metadata.name')),
  names.rule('validateName', 'should not be too long', go({}, { name: 'abcdefghi'.repeat(9) }), no('the maximum length of a cluster name is 50 characters', 'metadata.name')),
  names.rule('validateName', 'should not raise errors when the name is ok', go({}, { name: 'abcdefghi'.repeat(4) }), ok),
  names.rule('validateName', 'should return errors when the name is not DNS-1035 compliant', go({}, { name: '4b96d026-a956-47eb-bae8-a99b840805c3' }),
    no('cluster name must be a valid DNS label', 'metadata.name')),
  names.rule('validateName', 'should return errors when the name length is greater than 50', go({}, { name: `${'toomuchlong'.repeat(4)}-after4times` }),
    no('the maximum length of a cluster name is 50 characters', 'metadata.name')),
  names.rule('validateName', 'should return errors when having a name with dots', go({}, { name: 'wrong.name' }), no('cluster name must be a valid DNS label', 'metadata.name')),
];

const externalList = section('validation of the list of external clusters');
const external = section('validation of an external cluster');
const baseBackup = section('bootstrap base backup validation');
const recoveryValidation = section('bootstrap recovery validation');
const tolerations = section('toleration validation');
const antiAffinity = section('validate anti-affinity');
const DUPLICATES = 'the list of external clusters contains duplicate values';
const UNSAFE = "cannot contain a path separator or a '..' component";
const ONE = { name: 'one', connectionParameters: { dbname: 'postgres' } };
const escaping = (it: string, ec: object, field: string) => external.rule('validateExternalClusters', `rejects names and secret selectors that would escape the secrets directory > ${it}`,
  go({ externalClusters: [{ ...ONE, ...ec }] }), no(UNSAFE, field));
const affinity = (a: object) => go({ affinity: a });
const ANTI_AFFINITY = "pod anti-affinity type must be 'preferred' (default if empty) or 'required'";
const ORIGIN = [{ name: 'origin', connectionParameters: { host: 'origin-rw', dbname: 'app' } }];

const PART5: ConformanceCase[] = [
  externalList.rule('validateExternalClusters', 'is correct when it\'s empty', go(), ok),
  externalList.rule('validateExternalClusters', 'complains when the list of clusters contains duplicates', go({ externalClusters: [ONE, ONE] }), no(DUPLICATES, 'spec.externalClusters')),
  externalList.rule('validateExternalClusters', 'should not raise errors is the cluster name is unique', go({ externalClusters: [ONE, { ...ONE, name: 'two' }] }), ok),
  external.rule('validateExternalClusters', 'ensure that one of connectionParameters and barmanObjectStore is set', go({ externalClusters: [{}] }),
    no('one of connectionParameters, plugin and barmanObjectStore is required', 'spec.externalClusters[0]')),
  external.rule('validateExternalClusters', 'ensure that one of connectionParameters and barmanObjectStore is set', go({ externalClusters: [{ connectionParameters: { dbname: 'postgres' } }] }), ok),
  external.rule('validateExternalClusters', 'ensure that one of connectionParameters and barmanObjectStore is set', go({ externalClusters: [{ barmanObjectStore: {} }] }), ok),
  escaping('traversal in the name', { name: '../pwned' }, 'spec.externalClusters[0].name'),
  escaping('separator in the name', { name: 'nested/pwned' }, 'spec.externalClusters[0].name'),
  escaping('traversal in the sslCert secret name', { sslCert: { name: '../pwned', key: 'tls.crt' } }, 'spec.externalClusters[0].sslCert.name'),
  escaping('traversal in the sslCert secret key', { sslCert: { name: 'cert', key: '../pwned' } }, 'spec.externalClusters[0].sslCert.key'),
  external.rule('validateExternalClusters', 'does not reject a password selector whose value would be unsafe as a path',
    go({ externalClusters: [{ ...ONE, password: { name: '../pwned', key: '../pwned' } }] }), ok),
  external.rule('validateExternalClusters', 'accepts a well-formed name and secret selectors',
    go({ externalClusters: [{ ...ONE, sslCert: { name: 'cert', key: 'tls.crt' }, password: { name: 'creds', key: 'password' } }] }), ok),

  baseBackup.rule('validatePgBaseBackupApplicationDatabase', 'complains if you specify the database name but not the owner for pg_basebackup',
    go({ bootstrap: { pg_basebackup: { database: 'app' } } }), no('You need to specify the database owner user', 'spec.bootstrap.pg_basebackup.owner', 1)),
  baseBackup.whole('complains if you specify the database name but not the owner for pg_basebackup',
    cluster({ bootstrap: { pg_basebackup: { source: 'origin', database: 'app' } }, externalClusters: ORIGIN }), ok, { note: DEFAULTS_FILL }),
  baseBackup.rule('validatePgBaseBackupApplicationDatabase', 'complains if you specify the owner but not the database name for pg_basebackup',
    go({ bootstrap: { pg_basebackup: { owner: 'app' } } }), no('You need to specify the database name', 'spec.bootstrap.pg_basebackup.database', 1)),
  baseBackup.whole('complains if you specify the owner but not the database name for pg_basebackup',
    cluster({ bootstrap: { pg_basebackup: { source: 'origin', owner: 'app' } }, externalClusters: ORIGIN }), ok, { note: DEFAULTS_FILL }),
  baseBackup.rule('validatePgBaseBackupApplicationDatabase', 'doesn\'t complain if you specify both database name and owner user for pg_basebackup',
    go({ bootstrap: { pg_basebackup: { database: 'app', owner: 'app' } } }), ok),
  baseBackup.rule('validateBootstrapPgBaseBackupSource', 'doesn\'t complain if we are not bootstrapping using pg_basebackup', go({ bootstrap: {} }), ok),
  baseBackup.rule('validateBootstrapPgBaseBackupSource', 'complain when the source cluster doesn\'t exist', go({ bootstrap: { pg_basebackup: { source: 'test' } } }),
    no('External cluster test not found', 'spec.bootstrap.pg_basebackup.source')),

  recoveryValidation.rule('validateRecoveryApplicationDatabase', 'complains if you specify the database name but not the owner for recovery',
    go({ bootstrap: { recovery: { database: 'app' } } }), no('You need to specify the database owner user', 'spec.bootstrap.recovery.owner', 1)),
  recoveryValidation.whole('complains if you specify the database name but not the owner for recovery',
    cluster({ bootstrap: { recovery: { source: 'origin', database: 'app' } }, externalClusters: ORIGIN }), ok, { note: DEFAULTS_FILL }),
  recoveryValidation.rule('validateRecoveryApplicationDatabase', 'complains if you specify the owner but not the database name for recovery',
    go({ bootstrap: { recovery: { owner: 'app' } } }), no('You need to specify the database name', 'spec.bootstrap.recovery.database', 1)),
  recoveryValidation.whole('complains if you specify the owner but not the database name for recovery',
    cluster({ bootstrap: { recovery: { source: 'origin', owner: 'app' } }, externalClusters: ORIGIN }), ok, { note: DEFAULTS_FILL }),
  recoveryValidation.rule('validateRecoveryApplicationDatabase', 'doesn\'t complain if you specify both database name and owner user for recovery',
    go({ bootstrap: { recovery: { database: 'app', owner: 'app' } } }), ok),
  recoveryValidation.rule('validateBootstrapRecoverySource', 'complains when bootstrap recovery source does not match one of the names of external clusters',
    go({ bootstrap: { recovery: { source: 'test' } }, externalClusters: [{ name: 'another-test' }] }), no('External cluster test not found', 'spec.bootstrap.recovery.source')),
  recoveryValidation.rule('validateBootstrapRecoverySource', 'complains when bootstrap recovery source have no BarmanObjectStore nor plugin configuration',
    go({ bootstrap: { recovery: { source: 'test' } }, externalClusters: [{ name: 'test' }] }),
    no('External cluster test cannot be used for recovery: missing connection parameters, Barman, or CNPG-i configuration', 'spec.bootstrap.recovery.source', 1)),
  recoveryValidation.whole('complains when bootstrap recovery source have no BarmanObjectStore nor plugin configuration',
    cluster({ bootstrap: { recovery: { source: 'origin' } }, externalClusters: ORIGIN }), ok,
    { note: 'since 1.27 an external cluster with connectionParameters is a valid recovery source: CloudNativePG admits it' }),

  tolerations.rule('validateTolerations', 'doesn\'t complain if we provide a proper toleration', affinity({ tolerations: [{ key: 'test', operator: 'Exists', effect: 'NoSchedule' }] }), ok),
  tolerations.rule('validateTolerations', 'complain when the toleration ', affinity({ tolerations: [{ key: '', operator: 'Equal', effect: 'NoSchedule' }] }),
    no('operator must be Exists when `key` is empty', 'spec.affinity.tolerations[0].operator')),

  antiAffinity.rule('validateAntiAffinity', 'doesn\'t complain if we provide an empty affinity section', affinity({}), ok),
  antiAffinity.rule('validateAntiAffinity', 'doesn\'t complain if we provide a proper PodAntiAffinity with anti-affinity enabled', affinity({ enablePodAntiAffinity: true, podAntiAffinityType: 'required' }), ok),
  antiAffinity.rule('validateAntiAffinity', 'doesn\'t complain if we provide a proper PodAntiAffinity with anti-affinity disabled', affinity({ enablePodAntiAffinity: false, podAntiAffinityType: 'required' }), ok),
  antiAffinity.rule('validateAntiAffinity', 'doesn\'t complain if we provide a proper PodAntiAffinity with anti-affinity enabled (2)', affinity({ enablePodAntiAffinity: true, podAntiAffinityType: 'preferred' }), ok),
  antiAffinity.rule('validateAntiAffinity', 'doesn\'t complain if we provide a proper PodAntiAffinity default with anti-affinity enabled', affinity({ enablePodAntiAffinity: true, podAntiAffinityType: '' }), ok),
  antiAffinity.rule('validateAntiAffinity', 'complains if we provide a wrong PodAntiAffinity with anti-affinity disabled', affinity({ enablePodAntiAffinity: false, podAntiAffinityType: 'error' }),
    no(ANTI_AFFINITY, 'spec.affinity.podAntiAffinityType')),
  antiAffinity.rule('validateAntiAffinity', 'complains if we provide a wrong PodAntiAffinity with anti-affinity enabled', affinity({ enablePodAntiAffinity: true, podAntiAffinityType: 'error' }),
    no(ANTI_AFFINITY, 'spec.affinity.podAntiAffinityType')),

  externalList.rule('validateExternalClusters', 'is correct when it\'s empty (2)', go(), ok),
  externalList.rule('validateExternalClusters', 'complains when the list of servers contains duplicates',
    go({ externalClusters: [{ name: 'one', connectionParameters: {} }, { name: 'one', connectionParameters: {} }] }), no(DUPLICATES, 'spec.externalClusters')),
  externalList.rule('validateExternalClusters', 'should not raise errors is the server name is unique',
    go({ externalClusters: [{ name: 'one', connectionParameters: {} }, { name: 'two', connectionParameters: {} }] }), ok),
  baseBackup.rule('validateBootstrapPgBaseBackupSource', 'complain when the source cluster doesn\'t exist (2)', go({ bootstrap: { pg_basebackup: { source: 'test' } } }),
    no('External cluster test not found', 'spec.bootstrap.pg_basebackup.source')),
];

const unix = section('unix permissions identifiers change validation');
const token = section('promotion token validation');
const replicaMode = section('replica mode validation');
const replicaExternal = section('validate the replica cluster external clusters');
const changes = section('Validation changes');
const backup = section('Backup validation');
const retention = section('Backup retention policy validation');
const imports = section('validation of imports');

function promotionToken(content: object): string {
  return Buffer.from(JSON.stringify(content)).toString('base64');
}
const TOKEN = {
  latestCheckpointTimelineID: '1',
  redoWalFile: '0000000100000001000000A1',
  databaseSystemIdentifier: '231231212',
  latestCheckpointREDOLocation: '0/1000000',
  timeOfLatestCheckpoint: 'we don\'t know',
  operatorVersion: 'version info',
};
const TEST = [{ name: 'test' }];
const initdbImport = (i: object) => go({ bootstrap: { initdb: { database: 'app', owner: 'app', import: i } } });
const REPLICA_BOOTSTRAP = 'replica mode bootstrap is compatible only with pg_basebackup or recovery';

const PART6: ConformanceCase[] = [
  unix.rule('validateUnixPermissionIdentifierChange', 'complains if the PostgresGID is changed', go({ postgresGID: 53 }), no('GID is an immutable field in the spec', 'spec.postgresGID'),
    { old: go({ postgresGID: 26 }) }),
  unix.rule('validateUnixPermissionIdentifierChange', 'complains if the PostgresUID is changed', go({ postgresGID: 74 }), no('UID is an immutable field in the spec', 'spec.postgresUID'),
    { old: go({ postgresUID: 26 }) }),
  unix.rule('validateUnixPermissionIdentifierChange', 'should not complain if the values havn\'t been changed', go({ postgresUID: 74, postgresGID: 76 }), ok,
    { old: go({ postgresUID: 74, postgresGID: 76 }) }),

  token.rule('validatePromotionToken', 'complains if the replica token is not formatted in base64',
    go({ replica: { enabled: false, source: 'test', promotionToken: 'this-is-a-wrong-token' }, bootstrap: { initdb: {} }, externalClusters: TEST }),
    no('Invalid promotionToken format: invalid promotion token (Base64 decoding failed)', 'spec.replica.promotionToken')),
  token.rule('validatePromotionToken', 'complains if the replica token is not valid',
    go({ replica: { enabled: false, source: 'test', promotionToken: promotionToken({}) }, bootstrap: { initdb: {} }, externalClusters: TEST }),
    no('Invalid promotionToken content: invalid promotion token (LatestCheckpointTimelineID is empty)', 'spec.replica.promotionToken')),
  token.rule('validatePromotionToken', 'doesn\'t complain if the replica token is valid', go({
    replica: {
      enabled: false,
      source: 'test',
      promotionToken: promotionToken({ ...TOKEN, latestCheckpointTimelineID: '3', redoWalFile: 'this-wal-file', latestCheckpointREDOLocation: '33322232' }),
    },
    bootstrap: { initdb: {} },
    externalClusters: TEST,
  }), ok),
  token.rule('validatePromotionToken', 'complains if the token is set on a replica cluster (enabled)',
    go({ replica: { enabled: true, source: 'test', promotionToken: promotionToken(TOKEN) } }), no('promotionToken is only allowed for primary clusters', 'spec.replica.promotionToken')),
  token.rule('validatePromotionToken', 'complains if the token is set on a replica cluster (primary, default name)',
    go({ replica: { primary: 'test', source: 'test', promotionToken: promotionToken(TOKEN) } }, { name: 'test2' }), no('promotionToken is only allowed for primary clusters')),
  token.rule('validatePromotionToken', 'complains if the token is set on a replica cluster (primary, self)',
    go({ replica: { primary: 'test', self: 'test2', source: 'test', promotionToken: promotionToken(TOKEN) } }), no('promotionToken is only allowed for primary clusters')),
  token.rule('validatePromotionToken', 'complains it the token is set when minApplyDelay is being used',
    go({ replica: { primary: 'test', self: 'test', source: 'test', promotionToken: promotionToken(TOKEN), minApplyDelay: '1h' } }),
    no('minApplyDelay cannot be applied with a promotion token', 'spec.replica.minApplyDelay')),

  replicaMode.rule('validateReplicaMode', 'complains if the bootstrap method is not specified', go({ replica: { enabled: true, source: 'test' }, externalClusters: TEST }),
    no('bootstrap configuration is required for replica mode', 'spec.bootstrap')),
  replicaMode.rule('validateReplicaMode', 'complains if the initdb bootstrap method is used',
    go({ replica: { enabled: true, source: 'test' }, bootstrap: { initdb: {} }, externalClusters: TEST }), no(REPLICA_BOOTSTRAP, 'spec.replica')),
  replicaMode.whole('complains if the initdb bootstrap method is used',
    cluster({ replica: { enabled: true, source: 'origin' }, bootstrap: { initdb: {} }, externalClusters: ORIGIN }), no(REPLICA_BOOTSTRAP, 'spec.replica')),
  replicaMode.rule('validateReplicaMode', 'doesn\'t complain about initdb if we enable the external cluster on an existing cluster',
    go({ replica: { enabled: true, source: 'test' }, bootstrap: { initdb: {} }, externalClusters: TEST }, { resourceVersion: 'existing' }), ok),
  replicaMode.rule('validateReplicaClusterChange', 'should complain if enabled is set to off during a transition', {
    ...go({ replica: { enabled: false, source: 'test' }, bootstrap: { initdb: {} }, externalClusters: TEST }, { resourceVersion: 'existing' }),
    status: { switchReplicaClusterStatus: { inProgress: true } },
  }, no('cannot modify the field while there is an ongoing operation to enable the replica cluster', 'spec.replica.enabled', 1), {
    old: {
      ...go({ replica: { enabled: true, source: 'test' }, bootstrap: { initdb: {} }, externalClusters: TEST }, { resourceVersion: 'existing' }),
      status: { switchReplicaClusterStatus: { inProgress: true } },
    },
  }),
  replicaMode.rule('validateReplicaMode', 'is valid when the pg_basebackup bootstrap option is used',
    go({ replica: { enabled: true, source: 'test' }, bootstrap: { pg_basebackup: {} }, externalClusters: TEST }), ok),
  replicaMode.rule('validateReplicaMode', 'is valid when the restore bootstrap option is used',
    go({ replica: { enabled: true, source: 'test' }, bootstrap: { recovery: {} }, externalClusters: TEST }), ok),
  replicaMode.rule('validateReplicaMode', 'complains when the primary field is used with the enabled field',
    go({ replica: { enabled: true, primary: 'toast', source: 'test' }, bootstrap: { pg_basebackup: {} }, externalClusters: [] }),
    no('replica mode enabled is not compatible with the primary field', 'spec.replica.enabled')),
  replicaMode.rule('validateReplicaMode', 'doesn\'t complain when the enabled field is not specified',
    go({ replica: { primary: 'test', source: 'test' }, bootstrap: { pg_basebackup: {} }, externalClusters: TEST }, { name: 'test-2' }), ok),
  replicaMode.rule('validateReplicaMode', 'doesn\'t complain when creating a new primary cluster with the replication stanza set',
    go({ replica: { primary: 'test', source: 'test' }, bootstrap: { initdb: {} }, externalClusters: TEST }, { name: 'test' }), ok),

  replicaExternal.rule('validateReplicaClusterExternalClusters', 'complains when the external cluster doesn\'t exist (source)',
    go({ replica: { enabled: true, source: 'test' }, bootstrap: {}, externalClusters: [] }), no('External cluster test not found', 'spec.replica.source')),
  replicaExternal.rule('validateReplicaClusterExternalClusters', 'complains when the external cluster doesn\'t exist (primary)',
    go({ replica: { primary: 'test2', source: 'test' }, bootstrap: { pg_basebackup: {} }, externalClusters: TEST }), no('External cluster test2 not found', 'spec.replica.primary')),
  replicaExternal.rule('validateReplicaClusterExternalClusters', 'complains when the external cluster doesn\'t exist (self)',
    go({ replica: { self: 'test2', primary: 'test', source: 'test' }, bootstrap: { pg_basebackup: {} }, externalClusters: TEST }), no('External cluster test2 not found', 'spec.replica.self')),

  changes.rule('validateClusterChanges', 'doesn\'t complain if given old cluster is nil', go(), ok,
    { note: 'no stored object: the update rules return nothing (as validateClusterChanges with a nil old object)' }),

  backup.rule('validateBackupConfiguration', 'complain if there\'s no credentials', go({ backup: { barmanObjectStore: {} } }),
    no('missing credentials. One and only one of azureCredentials, s3Credentials and googleCredentials are required', 'spec.backup.barmanObjectStore', 1)),

  retention.rule('validateRetentionPolicy', 'doesn\'t complain if given policy is not provided', go({ backup: {} }), ok),
  retention.rule('validateRetentionPolicy', 'doesn\'t complain if given policy is valid', go({ backup: { retentionPolicy: '90d' } }), ok),
  retention.rule('validateRetentionPolicy', 'complain if a given policy is not valid', go({ backup: { retentionPolicy: '09' } }),
    no('not a valid retention policy', 'spec.backup.retentionPolicy', 1)),

  imports.rule('validateImport', 'rejects unrecognized import type', initdbImport({ type: 'fooBar' }), no('Unrecognized import type', 'spec.bootstrap.initdb.import.type', 1)),
  imports.rule('validateImport', 'rejects microservice import with roles', initdbImport({ type: 'microservice', databases: ['foo'], roles: ['bar'] }),
    no('You cannot specify roles to import for the `microservice` import type', 'spec.bootstrap.initdb.import.roles', 1)),
  imports.rule('validateImport', 'rejects microservice import without exactly one database', initdbImport({ type: 'microservice', databases: ['foo', 'bar'] }),
    no('You need to specify a single database for the `microservice` import type', 'spec.bootstrap.initdb.import.databases', 1)),
  imports.rule('validateImport', 'rejects microservice import with a wildcard on the database name', initdbImport({ type: 'microservice', databases: ['*foo'] }),
    no('You cannot specify any wildcard for the `microservice` import type', 'spec.bootstrap.initdb.import.databases[0]', 1)),
  imports.rule('validateImport', 'accepts microservice import when well specified', initdbImport({ type: 'microservice', databases: ['foo'] }), ok),
  imports.rule('validateImport', 'rejects monolith import with no databases', initdbImport({ type: 'monolith', databases: [] }),
    no('You need to specify at least a database for the `monolith` import type', 'spec.bootstrap.initdb.import.databases', 1)),
  imports.rule('validateImport', 'rejects monolith import with PostImport Application SQL',
    initdbImport({ type: 'monolith', databases: ['foo'], postImportApplicationSQL: ['select * from bar'] }),
    no('postImportApplicationSQL is not allowed for the `monolith` import type', 'spec.bootstrap.initdb.import.postImportApplicationSQL', 1)),
  imports.rule('validateImport', 'rejects monolith import with wildcards alongside specific values', initdbImport({ type: 'monolith', databases: ['bar', '*'] }),
    no('Wildcard import cannot be used along other database names', 'spec.bootstrap.initdb.import.databases', 1)),
  imports.rule('validateImport', 'rejects monolith import with wildcards alongside specific values', initdbImport({ type: 'monolith', databases: ['foo'], roles: ['baz', '*'] }),
    no('Wildcard import cannot be used along other role names', 'spec.bootstrap.initdb.import.roles', 1)),
  imports.rule('validateImport', 'accepts monolith import with proper values', initdbImport({ type: 'monolith', databases: ['foo'] }), ok),
  imports.rule('validateImport', 'accepts monolith import with wildcards', initdbImport({ type: 'monolith', databases: ['*'], roles: ['*'] }), ok),
];

const slots = section('validation of replication slots configuration');
const env = section('Environment variables validation > a ClusterSpec is given');
const storage = section('Storage configuration validation > a ClusterSpec is given');
const ephemeral = section('Ephemeral volume configuration validation');
const roles = section('Role management validation');
const managedExtensions = section('Managed Extensions validation');
const snapshots = section('Recovery from volume snapshot validation');
const resources = section('validateResources');

const IMAGE = 'ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie'; // versions.DefaultImageName of 1.30.0
/** The replication slots of an object after the defaulting webhook, as upstream's `oldCluster.Default()` leaves them. */
const defaultedSlots = (ha: object, sync: object) => ({ highAvailability: { slotPrefix: '_cnpg_', ...ha }, synchronizeReplicas: { ...sync } });
const withSlots = (replicationSlots: object | undefined) => go({ imageName: IMAGE, ...(replicationSlots === undefined ? {} : { replicationSlots }) });
const slotsChange = (it: string, old: object | undefined, next: object | undefined, expect: E) =>
  slots.rule('validateReplicationSlotsChange', it, withSlots(next), expect, { old: withSlots(old) });
const logicalDecoding = (spec: object) => go({ replicationSlots: { highAvailability: { synchronizeLogicalDecoding: true } }, ...spec });
const snapshot = (name: string, kind = 'VolumeSnapshot', apiGroup = 'snapshot.storage.k8s.io') => ({ apiGroup, kind, name });
const fromRecovery = (r: object) => go({ bootstrap: { recovery: r }, walStorage: {} });
const res = (requests: object, limits: object = {}, p: object = {}) => go({ ...params(p), resources: { requests, limits } });
const SHARED_BUFFERS = 'Memory request is lower than PostgreSQL `shared_buffers` value';
const tbs = (name: string, size = '10Gi') => ({ name, storage: { size } });
const withTablespaces = (tablespaces?: object[], spec: object = {}) => go({ instances: 3, storage: { size: '10Gi' }, ...(tablespaces ? { tablespaces } : {}), ...spec }, { name: 'cluster1' });
const FAILOVER = { 'pg_failover_slots.synchronize_slot_names': 'my_slot' };
const HA_ON = { replicationSlots: { highAvailability: { enabled: true } } };

const PART7: ConformanceCase[] = [
  slots.whole('can be enabled on the default PostgreSQL image', cluster({ imageName: IMAGE, replicationSlots: { highAvailability: { enabled: true } } }), ok,
    { note: 'upstream\'s UpdateInterval: 0 is Go\'s zero value, absent from the JSON (omitempty)' }),
  slots.whole('set replicationSlots by default', cluster({ imageName: IMAGE }), { defaulted: { spec: { replicationSlots: { highAvailability: { enabled: true } } } } }),
  slots.whole('set replicationSlots by default', cluster({ imageName: IMAGE }), ok),
  slots.whole('set replicationSlots.highAvailability by default', cluster({ imageName: IMAGE, replicationSlots: { updateInterval: 30 } }),
    { defaulted: { spec: { replicationSlots: { updateInterval: 30, highAvailability: { enabled: true } } } } }),
  slots.whole('set replicationSlots.highAvailability by default', cluster({ imageName: IMAGE, replicationSlots: { updateInterval: 30 } }), ok),
  slotsChange('allows enabling replication slots on the fly', defaultedSlots({ enabled: false }, { enabled: false }),
    { highAvailability: { enabled: true, slotPrefix: '_test_' }, synchronizeReplicas: { enabled: true } }, ok),
  slotsChange('prevents changing the slot prefix while replication slots are enabled', defaultedSlots({ enabled: true, slotPrefix: '_test_' }, { enabled: true }),
    defaultedSlots({ enabled: true, slotPrefix: '_toast_' }, { enabled: true }),
    no('Cannot change replication slot prefix while highAvailability is enabled', 'spec.replicationSlots.highAvailability.slotPrefix', 1)),
  slotsChange('prevents removing the replication slot section when highAvailability is enabled', defaultedSlots({ enabled: true, slotPrefix: '_test_' }, { enabled: false }),
    undefined, no('Cannot remove spec.replicationSlots section while highAvailability is enabled', 'spec.replicationSlots', 1)),
  slotsChange('prevents removing the replication slot section when synchronizeReplicas is enabled', defaultedSlots({ enabled: false }, { enabled: true }),
    undefined, no('Cannot remove spec.replicationSlots section while synchronizeReplicas is enabled', 'spec.replicationSlots', 1)),
  slotsChange('prevents removing the replication slot section when both features are enabled', defaultedSlots({ enabled: true, slotPrefix: '_test_' }, { enabled: true }),
    undefined, errors(2, 'spec.replicationSlots')),
  slotsChange('allows disabling the replication slots', defaultedSlots({ enabled: true, slotPrefix: '_test_' }, { enabled: true }),
    defaultedSlots({ enabled: false, slotPrefix: '_test_' }, { enabled: true }), ok),
  slots.rule('validateReplicationSlots', 'should return an error when SynchronizeReplicasConfiguration is not nil and has invalid regex',
    withSlots({ synchronizeReplicas: { excludePatterns: ['([a-zA-Z]+'] } }),
    no('Cannot configure synchronizeReplicas. Invalid regexes were found', 'spec.replicationSlots.synchronizeReplicas.excludePatterns', 1)),
  slots.rule('validateReplicationSlots', 'should not return an error when SynchronizeReplicasConfiguration is not nil and regex is valid',
    withSlots({ synchronizeReplicas: { excludePatterns: ['validpattern'] } }), ok),
  slots.rule('validateReplicationSlots', 'should not return an error when SynchronizeReplicasConfiguration is nil', withSlots({}), ok),
  slotsChange('prevents removing the synchronizeReplicas section when synchronizeReplicas is enabled', defaultedSlots({ enabled: false }, { enabled: true }),
    { highAvailability: { enabled: false, slotPrefix: '_cnpg_' } },
    no('Cannot remove spec.replicationSlots.synchronizeReplicas section while synchronizeReplicas is enabled', 'spec.replicationSlots.synchronizeReplicas', 1)),
  slotsChange('allows disabling the synchronizeReplicas feature', defaultedSlots({ enabled: false }, { enabled: true }), defaultedSlots({ enabled: false }, { enabled: false }), ok),
  slotsChange('allows removing synchronizeReplicas section when synchronizeReplicas is disabled', defaultedSlots({ enabled: false }, { enabled: false }),
    { highAvailability: { enabled: false, slotPrefix: '_cnpg_' } }, ok),
  slots.rule('validateSynchronizeLogicalDecoding', 'returns no errors when synchronizeLogicalDecoding is disabled',
    go({ replicationSlots: { highAvailability: { synchronizeLogicalDecoding: false } } }), ok),
  slots.rule('validateSynchronizeLogicalDecoding', 'returns no errors when pg_failover_slots is enabled',
    logicalDecoding(params({ 'hot_standby_feedback': 'true', 'pg_failover_slots.synchronize_slot_names': 'name_like:%' })), ok),
  slots.rule('validateSynchronizeLogicalDecoding', 'returns an error when Postgres version is < 17 and pg_failover_slots is not enabled', logicalDecoding({ imageName: 'postgres:16' }),
    no('pg_failover_slots extension must be enabled', 'spec.replicationSlots.highAvailability.synchronizeLogicalDecoding', 1)),
  slots.rule('validateSynchronizeLogicalDecoding', 'returns an error when Postgres version is 17 and hot_standby_feedback is disabled',
    logicalDecoding({ imageName: 'postgres:17', ...params({ sync_replication_slots: 'on', hot_standby_feedback: 'off' }) }),
    no('`hot_standby_feedback` must be enabled', 'spec.postgresql.parameters.hot_standby_feedback', 1)),
  slots.rule('validateSynchronizeLogicalDecoding', 'returns an error when Postgres version is 17 and sync_replication_slots is disabled',
    logicalDecoding({ imageName: 'postgres:17', ...params({ hot_standby_feedback: 'on', sync_replication_slots: 'off' }) }),
    no('`sync_replication_slots` setting or pg_failover_slots extension must be enabled', 'spec.postgresql.parameters.sync_replication_slots', 1)),
  slots.rule('validateSynchronizeLogicalDecoding', 'returns no errors when all conditions are met',
    logicalDecoding({ imageName: 'postgres:17', ...params({ hot_standby_feedback: 'on', sync_replication_slots: 'on' }) }), ok),

  env.rule('validateEnv', 'detects if the environment variable list is correct', go({ env: [{ name: 'TZ', value: 'Europe/Rome' }] }), ok),
  env.rule('validateEnv', 'detects if the environment variable list contains a reserved variable', go({ env: [{ name: 'TZ', value: 'Europe/Rome' }, { name: 'PGDATA', value: '/tmp' }] }),
    no('the usage of this environment variable is reserved for the operator', 'spec.env[1].name', 1)),

  storage.rule('validateStorageSize', 'produces one error if storage is not set at all', go({ storage: {} }),
    no('Size not configured. Please add it, or a storage request in the pvcTemplate.', 'spec.storage.size', 1)),
  storage.rule('validateStorageSize', 'succeeds if storage size is set', go({ storage: { size: '1G' } }), ok),
  storage.rule('validateStorageSize', 'succeeds if storage is not set but a pvc template specifies storage', go({ storage: { pvcTemplate: { resources: { requests: { storage: '1Gi' } } } } }), ok),

  ephemeral.rule('validateEphemeralVolumeSource', 'succeeds if no ephemeral configuration is present', go(), ok),
  ephemeral.rule('validateEphemeralVolumeSource', 'succeeds if ephemeralVolumeSource is set', go({ ephemeralVolumeSource: {} }), ok),
  ephemeral.rule('validateEphemeralVolumeSource', 'succeeds if ephemeralVolumesSizeLimit.temporaryData is set', go({ ephemeralVolumesSizeLimit: { temporaryData: '1Gi' } }), ok),
  ephemeral.rule('validateEphemeralVolumeSource', 'succeeds if ephemeralVolumeSource and ephemeralVolumesSizeLimit.shm are set',
    go({ ephemeralVolumeSource: {}, ephemeralVolumesSizeLimit: { shm: '1Gi' } }), ok),
  ephemeral.rule('validateEphemeralVolumeSource', 'produces one error if conflicting ephemeral storage options are set',
    go({ ephemeralVolumeSource: {}, ephemeralVolumesSizeLimit: { temporaryData: '1Gi' } }),
    no('Conflicting settings: provide either ephemeralVolumeSource or ephemeralVolumesSizeLimit.TemporaryData, not both.', 'spec.ephemeralVolumeSource', 1)),

  roles.rule('validateManagedRoles', 'should succeed if there is no management stanza', go(), ok),
  roles.rule('validateManagedRoles', 'should succeed if the role defined is not reserved', go({ managed: { roles: [{ name: 'non-conflicting' }] } }), ok),
  roles.rule('validateManagedRoles', 'should produce an error on invalid connection limit', go({ managed: { roles: [{ name: 'non-conflicting', connectionLimit: -3 }] } }),
    no('Connection limit should be positive, unless defaulting to -1', 'spec.managed.roles[0].connectionLimit', 1)),
  roles.rule('validateManagedRoles', 'should produce an error if the role is reserved', go({ managed: { roles: [{ name: 'postgres' }] } }),
    no('This role is reserved for operator use', 'spec.managed.roles[0].name', 1)),
  roles.rule('validateManagedRoles', 'should produce two errors if the role is reserved and the connection limit is invalid',
    go({ managed: { roles: [{ name: 'postgres', connectionLimit: -3 }] } }), errors(2)),
  roles.rule('validateManagedRoles', 'should produce an error if we define two roles with the same name',
    go({ managed: { roles: [{ name: 'my_test', connectionLimit: -1 }, { name: 'my_test', superuser: true, bypassrls: true, connectionLimit: -1 }] } }),
    no('Role name is duplicate of another', 'spec.managed.roles[1].name', 1)),
  roles.rule('validateManagedRoles', 'should produce an error if we have a password secret AND DisablePassword in a role',
    go({ managed: { roles: [{ name: 'my_test', superuser: true, bypassrls: true, disablePassword: true, passwordSecret: { name: 'myPassword' }, connectionLimit: -1 }] } }),
    no('This role both sets and disables a password', 'spec.managed.roles[0]', 1)),

  managedExtensions.rule('validateManagedExtensions', 'should succeed if no extension is enabled', go(), ok),
  managedExtensions.rule('validatePgFailoverSlots', 'should fail if hot_standby_feedback is set to an invalid value', go({ ...HA_ON, ...params({ ...FAILOVER, hot_standby_feedback: 'foo' }) }),
    no('`hot_standby_feedback` must be enabled to use', 'spec.postgresql.parameters.hot_standby_feedback', 1)),
  managedExtensions.rule('validatePgFailoverSlots', 'should succeed if pg_failover_slots and its prerequisites are enabled', go({ ...HA_ON, ...params({ ...FAILOVER, hot_standby_feedback: 'on' }) }), ok),
  managedExtensions.rule('validatePgFailoverSlots', 'should produce two errors if pg_failover_slots is enabled and its prerequisites are disabled', go(params(FAILOVER)),
    no('replicationSlots must be enabled', 'spec.replicationSlots', 2)),
  managedExtensions.rule('validatePgFailoverSlots', 'should produce an error if pg_failover_slots is enabled and HA slots are disabled', go(params({ ...FAILOVER, hot_standby_feedback: 'yes' })),
    no('replicationSlots must be enabled', 'spec.replicationSlots', 1)),
  managedExtensions.rule('validatePgFailoverSlots', 'should produce an error if pg_failover_slots is enabled and hot_standby_feedback is disabled', go({ ...HA_ON, ...params(FAILOVER) }),
    no('`hot_standby_feedback` must be enabled to use', 'spec.postgresql.parameters.hot_standby_feedback', 1)),

  snapshots.rule('validateBootstrapRecoveryDataSource', 'should produce an error when defining two recovery sources at the same time',
    go({ bootstrap: { recovery: { source: 'sourceName', backup: {}, volumeSnapshots: {} } } }),
    no('Recovery from dataSource is not compatible with other types of recovery', 'spec.bootstrap.recovery.backup', 1)),
  snapshots.rule('validateBootstrapRecoveryDataSource', 'should produce an error when defining a backupID while recovering using a DataSource',
    go({ bootstrap: { recovery: { recoveryTarget: { backupID: '20220616T031500' }, volumeSnapshots: { storage: snapshot('pgdata', 'PersistentVolumeClaim', '') } } } }),
    no('Cannot specify a backupID when recovering using a DataSource', 'spec.bootstrap.recovery.recoveryTarget.backupID', 1)),
  snapshots.rule('validateBootstrapRecoveryDataSource', 'should produce an error when asking to recovery WALs from a snapshot without having storage for it',
    go({ bootstrap: { recovery: { volumeSnapshots: { storage: snapshot('pgdata'), walStorage: snapshot('pgwal') } } } }),
    no('A WAL storage configuration is required when recovering using a DataSource for WALs', 'spec.bootstrap.recovery.volumeSnapshots.walStorage', 1)),
  snapshots.rule('validateBootstrapRecoveryDataSource', 'should not produce an error when the configuration is sound',
    go({ bootstrap: { recovery: { volumeSnapshots: { storage: snapshot('pgdata'), walStorage: snapshot('pgwal') } } }, walStorage: {} }), ok),
  snapshots.rule('validateBootstrapRecoveryDataSource', 'accepts recovery from a VolumeSnapshot', fromRecovery({ volumeSnapshots: { storage: snapshot('pgdata'), walStorage: snapshot('pgwal') } }), ok),
  snapshots.rule('validateBootstrapRecoveryDataSource', 'accepts recovery from a VolumeSnapshot, while restoring WALs from an object store',
    fromRecovery({ volumeSnapshots: { storage: snapshot('pgdata') }, source: 'pg-cluster' }), ok),
  snapshots.rule('validateBootstrapRecoveryDataSource', 'using an nil apiGroup > accepts recovery from a PersistentVolumeClaim',
    fromRecovery({ volumeSnapshots: { storage: snapshot('pgdata'), walStorage: snapshot('pgwal') } }), ok),
  snapshots.rule('validateBootstrapRecoveryDataSource', 'using an empty apiGroup > accepts recovery from a PersistentVolumeClaim',
    fromRecovery({ volumeSnapshots: { storage: snapshot('pgdata'), walStorage: snapshot('pgwal') } }), ok),
  snapshots.rule('validateBootstrapRecoveryDataSource', 'prevent recovery from other Objects',
    fromRecovery({ volumeSnapshots: { storage: snapshot('pgdata', 'Secret', ''), walStorage: snapshot('pgwal', 'ConfigMap', '') } }),
    no('Only VolumeSnapshots and PersistentVolumeClaims are supported', 'spec.bootstrap.recovery.volumeSnapshots.storage', 2)),

  resources.rule('validateResources', 'returns an error when the CPU request is greater than CPU limit', res({ cpu: '2' }, { cpu: '1' }),
    no('CPU request is greater than the limit', 'spec.resources.requests.cpu', 1)),
  resources.rule('validateResources', 'returns an error when the Memory request is greater than Memory limit', res({ memory: '2Gi' }, { memory: '1Gi' }),
    no('Memory request is greater than the limit', 'spec.resources.requests.memory', 1)),
  resources.rule('validateResources', 'returns no error when the ephemeral storage request is correctly set', res({ 'ephemeral-storage': '1' }, { 'ephemeral-storage': '1' }), ok),
  resources.rule('validateResources', 'returns an error when the ephemeral storage request is greater than ephemeral storage limit', res({ 'ephemeral-storage': '2' }, { 'ephemeral-storage': '1' }),
    no('Ephemeral storage request is greater than the limit', 'spec.resources.requests["ephemeral-storage"]', 1)),
  resources.rule('validateResources', 'returns three errors when CPU, Memory, and ephemeral storage requests are greater than limits',
    res({ 'cpu': '2', 'memory': '2Gi', 'ephemeral-storage': '2' }, { 'cpu': '1', 'memory': '1Gi', 'ephemeral-storage': '1' }), errors(3)),
  resources.rule('validateResources', 'returns two errors when both CPU and Memory requests are greater than their limits', res({ cpu: '2', memory: '2Gi' }, { cpu: '1', memory: '1Gi' }), errors(2)),
  resources.rule('validateResources', 'returns no errors when both CPU and Memory requests are less than or equal to their limits', res({ cpu: '1', memory: '1Gi' }, { cpu: '2', memory: '2Gi' }), ok),
  resources.rule('validateResources', 'returns no errors when CPU request is set but limit is nil', res({ cpu: '1' }), ok),
  resources.rule('validateResources', 'returns no errors when CPU limit is set but request is nil', res({}, { cpu: '1' }), ok),
  resources.rule('validateResources', 'returns no errors when Memory request is set but limit is nil', res({ memory: '1Gi' }), ok),
  resources.rule('validateResources', 'returns no errors when Memory limit is set but request is nil', res({}, { memory: '1Gi' }), ok),
  resources.rule('validateResources', 'returns an error when memoryRequest is less than shared_buffers in kB', res({ memory: '1Gi' }, {}, { shared_buffers: '2000000kB' }),
    no(SHARED_BUFFERS, 'spec.resources.requests', 1)),
  resources.rule('validateResources', 'returns an error when memoryRequest is less than shared_buffers in MB', res({ memory: '1000Mi' }, {}, { shared_buffers: '2000MB' }),
    no(SHARED_BUFFERS, 'spec.resources.requests', 1)),
  resources.rule('validateResources', 'returns no errors when no memoryRequest is set', res({}, {}, { shared_buffers: '1GB' }), ok),
  resources.rule('validateResources', 'returns no errors when memoryRequest is greater than or equal to shared_buffers in GB', res({ memory: '2Gi' }, {}, { shared_buffers: '1GB' }), ok),
  resources.rule('validateResources', 'returns an error when hugepages request is different than hugepages limits', res({ 'memory': '2Gi', 'hugepages-1Gi': '1Gi' }, { 'hugepages-1Gi': '2Gi' }),
    no('HugePages requests must equal the limits', 'spec.resources.requests["hugepages-1Gi"]', 1)),
  resources.rule('validateResources', 'returns an error when hugepages request is present but no CPU or memory are', res({ 'hugepages-1Gi': '1Gi' }),
    no('HugePages require cpu or memory', 'spec.resources', 1)),
  resources.rule('validateResources', 'returns an error when no request is enough to contain shared_buffers, even if the sum is',
    res({ 'memory': '1Gi', 'ugepages-1Gi': '1Gi', 'hugepages-2Mi': '1Gi' }, {}, { shared_buffers: '2000000kB' }), no(SHARED_BUFFERS, 'spec.resources.requests', 1)),
  resources.rule('validateResources', 'returns no errors when hugepages-1Gi request is greater than or equal to shared_buffers in GB',
    res({ 'memory': '256Mi', 'hugepages-1Gi': '1Gi' }, {}, { shared_buffers: '1GB' }), ok),
  resources.rule('validateResources', 'returns no errors when hugepages-2Mi request is greater than or equal to shared_buffers in GB',
    res({ memory: '256Mi' }, { 'hugepages-2Mi': '1Gi' }, { shared_buffers: '1GB' }), ok),
  resources.rule('validateResources', 'returns no errors when shared_buffers is in a format that can\'t be parsed', res({ memory: '1Gi' }, {}, { shared_buffers: 'invalid_value' }), ok),
];

const tablespaces = section('Tablespaces validation');
const hibernation = section('Validate hibernation');
const services = section('validateManagedServices');
const template = section('ServiceTemplate Validation > validateServiceTemplate');
const podPatch = section('validatePodPatchAnnotation');
const plugins = section('validatePluginConfiguration');
const liveness = section('liveness probe validation');
const extensions = section('validateExtensions');
const barmanWarnings = section('getInTreeBarmanWarnings');
const retentionWarnings = section('getRetentionPolicyWarnings');
const storageWarnings = section('getStorageWarnings');
const quorumAnnotation = section('failoverQuorum annotation validation');
const quorum = section('failoverQuorum validation');
const selectors = section('podSelectorRefs validation');
const serviceAccount = section('ServiceAccount configuration validation');

const LONG_TABLESPACE = 'my_tablespace1my_tablespace2my_tablespace3my_tablespace4my_tablespace5';
const withServices = (managed: object | undefined) => go({ ...(managed === undefined ? {} : { managed: { services: managed } }) }, { name: 'test' });
const additional = (...serviceNames: string[]) => ({ additional: serviceNames.map((name) => ({ serviceTemplate: { metadata: { name } } })) });
const annotated = (key: string, value: string) => go({}, { annotations: { [key]: value } });
const WAL_PLUGIN_1 = { name: 'walArchiverPlugin1', enabled: true, isWALArchiver: true };
const WAL_PLUGIN_2 = { name: 'walArchiverPlugin2', enabled: true, isWALArchiver: true };
const ext = (name: string, reference: string, extra: object = {}) => ({ name, image: { reference }, ...extra });
const withExtensions = (...list: object[]) => go({ postgresql: { extensions: list } });
const DEPRECATED = 'Native support for Barman Cloud backups and recovery is deprecated';
const pvc = (request?: string, storageClassName?: string) => ({
  pvcTemplate: { ...(storageClassName ? { storageClassName } : {}), resources: { requests: request ? { storage: request } : {} } },
});
const QUORUM_SYNC = 'Invalid failoverQuorum configuration: synchronous replication configuration is required.';
const selectorRef = (name: string, selector: object) => ({ name, selector });
const hba = (...lines: string[]) => ({ postgresql: { pg_hba: lines } });

const PART8: ConformanceCase[] = [
  tablespaces.rule('validate', 'should succeed if there is no tablespaces section', withTablespaces(), ok),
  tablespaces.rule('validate', 'should succeed if the tablespaces are ok', withTablespaces([tbs('my_tablespace')]), ok),
  tablespaces.rule('validate', 'should produce an error if the tablespace name is too long', withTablespaces([tbs(LONG_TABLESPACE)]),
    no('the maximum length of an identifier is 63 characters', 'spec.tablespaces[0]', 1)),
  tablespaces.rule('validate', 'should produce an error if the tablespace name is reserved by Postgres', withTablespaces([tbs('pg_foo')]),
    no("tablespace names beginning 'pg_' are reserved for Postgres", 'spec.tablespaces[0]', 1)),
  tablespaces.rule('validate', 'should produce an error if the tablespace name is not valid', withTablespaces([tbs('my-^&sdf;')]),
    no('tablespace names must be valid Postgres identifiers', 'spec.tablespaces[0]', 1)),
  tablespaces.rule('validate', 'should produce an error if there are duplicate tablespaces', withTablespaces([tbs('my_tablespace'), tbs('my_TAblespace'), tbs('another')]),
    no('duplicate tablespace name', 'spec.tablespaces[1]', 1)),
  tablespaces.rule('validate', 'should produce an error when tablespace names collide after sanitization', withTablespaces([tbs('foo_bar'), tbs('foo$bar')]),
    no('duplicate volume name', 'spec.tablespaces[1]', 1)),
  tablespaces.rule('validate', 'should not produce an error when tablespace names are distinct after sanitization', withTablespaces([tbs('foo_bar'), tbs('baz_qux')]), ok),
  tablespaces.rule('validate', 'should produce an error if the storage configured for the tablespace is invalid', withTablespaces([tbs('my_tablespace1', '10Gibberish')]),
    no("Size value isn't valid", 'spec.tablespaces[0].storage.size', 1)),
  tablespaces.rule('validate', 'should produce two errors if two tablespaces have errors', withTablespaces([tbs('my_tablespace1', '10Gibberish'), tbs(LONG_TABLESPACE)]), errors(2)),
  tablespaces.rule('validateClusterChanges', 'should produce an error if the tablespaces section is deleted', go({ instances: 3 }, { name: 'cluster1' }),
    no('tablespaces section cannot be deleted once created', 'spec.tablespaces', 1), { old: withTablespaces([tbs('my-tablespace1')]) }),
  tablespaces.rule('validateClusterChanges', 'should produce an error if a tablespace is deleted', withTablespaces([tbs('my-tablespace1')]),
    no('no tablespace can be deleted once created', 'spec.tablespaces[1]', 1), { old: withTablespaces([tbs('my-tablespace1'), tbs('my-tablespace2')]) }),
  tablespaces.rule('validateClusterChanges', 'should produce an error if a tablespace is reduced in size', withTablespaces([tbs('my-tablespace1', '9Gi')]),
    no("can't shrink existing storage from 10Gi to 9Gi", 'spec.tablespaces[0]', 1), { old: withTablespaces([tbs('my-tablespace1')]) }),
  tablespaces.rule('validateTablespaceBackupSnapshot', 'should not complain when the backup section refers to a tbs that is defined',
    withTablespaces([tbs('my-tablespace1', '9Gi')], { backup: { volumeSnapshot: { tablespaceClassName: { 'my-tablespace1': 'random' } } } }), ok),
  tablespaces.rule('validateTablespaceBackupSnapshot', 'should complain when the backup section refers to a tbs that is not defined',
    withTablespaces([tbs('my-tablespace1', '9Gi')], { backup: { volumeSnapshot: { tablespaceClassName: { 'not-present': 'random' } } } }),
    no("specified the VolumeSnapshot backup configuration for the tablespace: not-present, but it can't be found in the '.spec.tablespaces' stanza", 'spec.backup.volumeSnapshot.tablespaceClassName', 1)),

  hibernation.rule('validateHibernationAnnotation', 'should succeed if hibernation is set to \'on\'', annotated('cnpg.io/hibernation', 'on'), ok),
  hibernation.rule('validateHibernationAnnotation', 'should succeed if hibernation is set to \'off\'', annotated('cnpg.io/hibernation', 'off'), ok),
  hibernation.rule('validateHibernationAnnotation', 'should fail if hibernation is set to an invalid value', annotated('cnpg.io/hibernation', ''),
    no('Annotation value for hibernation should be "on" or "off"', 'metadata.annotations["cnpg.io/hibernation"]', 1)),

  services.rule('validateManagedServices', 'when Managed or Services is nil > should return no errors', withServices(undefined), ok),
  services.rule('validateManagedServices', 'when Managed or Services is nil > should return no errors', go({ managed: {} }, { name: 'test' }), ok),
  services.rule('validateManagedServices', 'when there are no duplicate names > should return no errors', withServices(additional('service1', 'service2')), ok),
  services.rule('validateManagedServices', 'when there are duplicate names > should return an error', withServices(additional('service1', 'service1')),
    no('contains services with the same .metadata.name', 'spec.managed.services.additional', 1)),
  services.rule('validateManagedServices', 'when service template validation fails > should return an error', withServices(additional('')),
    no('name is required', 'spec.managed.services.additional[0]', 1)),
  services.rule('validateManagedServices', 'when service template validation fails > should not allow reserved service names', withServices(additional('test-rw', 'test-r', 'test-ro', 'test-any')),
    no("the service name: 'test-any' is reserved for operator use", 'spec.managed.services.additional[3]', 4)),
  services.rule('validateManagedServices', 'disabledDefault service validation > should allow the disablement of ro and r service',
    withServices({ additional: [], disabledDefaultServices: ['r', 'ro'] }), ok),
  services.rule('validateManagedServices', 'disabledDefault service validation > should not allow the disablement of rw service',
    withServices({ additional: [], disabledDefaultServices: ['rw'] }), no('service of type RW cannot be disabled.', 'spec.managed.services.disabledDefaultServices', 1)),

  template.call('when name is required > should return an error if the name is empty', 'validateServiceTemplate', [true, { metadata: { name: '' } }], ['name is required']),
  template.call('when name is required > should not return an error if the name is present', 'validateServiceTemplate', [true, { metadata: { name: 'valid-name' } }], []),
  template.call('when name is not allowed > should return an error if the name is present', 'validateServiceTemplate', [false, { metadata: { name: 'invalid-name' } }], ['name is not allowed']),
  template.call('when name is not allowed > should not return an error if the name is empty', 'validateServiceTemplate', [false, { metadata: { name: '' } }], []),
  template.call('when selector is present > should return an error if the selector is present', 'validateServiceTemplate',
    [true, { metadata: { name: 'valid-name' }, spec: { selector: { app: 'test' } } }], ['selector field is managed by the operator']),
  template.call('when selector is present > should not return an error if the selector is absent', 'validateServiceTemplate',
    [true, { metadata: { name: 'valid-name' }, spec: { selector: {} } }], []),

  podPatch.rule('validatePodPatchAnnotation', 'returns nil if the annotation is not present', go({}, { annotations: {} }), ok),
  podPatch.rule('validatePodPatchAnnotation', 'returns an error if decoding the JSON patch fails to decode', annotated('cnpg.io/podPatch', 'invalid-json-patch'),
    no('error decoding JSON patch', 'metadata.annotations["cnpg.io/podPatch"]', 1)),
  podPatch.rule('validatePodPatchAnnotation', 'returns an error if decoding the JSON patch fails to apply',
    annotated('cnpg.io/podPatch', '[{"op": "replace", "path": "/spec/podInvalidSection", "value": "test"}]'),
    no('jsonpatch doesn\'t apply cleanly to the pod', 'metadata.annotations["cnpg.io/podPatch"]', 1)),
  podPatch.rule('validatePodPatchAnnotation', 'returns nil if the JSON patch is decoded successfully',
    annotated('cnpg.io/podPatch', '[{"op": "replace", "path": "/metadata/name", "value": "test"}]'), ok),

  plugins.rule('validatePluginConfiguration', 'returns no errors if no plugins are enabled', go({ plugins: [] }), ok),
  plugins.rule('validatePluginConfiguration', 'returns an error if a WAL archiver plugin is enabled when barmanObjectStore is configured',
    go({ plugins: [WAL_PLUGIN_1], backup: { barmanObjectStore: {} } }), no('Cannot enable a WAL archiver plugin when barmanObjectStore is configured', 'spec.plugins', 1)),
  plugins.rule('validatePluginConfiguration', 'returns an error if more than one WAL archiver plugin is enabled', go({ plugins: [WAL_PLUGIN_1, WAL_PLUGIN_2] }),
    no('Cannot enable more than one WAL archiver plugin', 'spec.plugins', 1)),
  plugins.rule('validatePluginConfiguration', 'returns no errors when WAL archiver is enabled', go({ plugins: [WAL_PLUGIN_1] }), ok),

  liveness.rule('validateLivenessPingerProbe', 'returns no errors if the liveness pinger annotation is not present', go({}, { annotations: {} }), ok),
  liveness.rule('validateLivenessPingerProbe', 'returns no errors if the liveness pinger annotation is valid',
    annotated('alpha.cnpg.io/livenessPinger', '{"connectionTimeout": 1000, "requestTimeout": 5000, "enabled": true}'), ok),
  liveness.rule('validateLivenessPingerProbe', 'returns an error if the liveness pinger annotation is invalid', annotated('alpha.cnpg.io/livenessPinger', '{"requestTimeout": 5000}'),
    no('error decoding liveness pinger config', 'metadata.annotations["alpha.cnpg.io/livenessPinger"]', 1)),

  extensions.rule('validateExtensions', 'returns no error when extensions are not specified', go(), ok),
  extensions.rule('validateExtensions', 'returns no error if the specified extensions are unique', withExtensions(ext('extOne', 'extOne'), ext('extTwo', 'extOne')), ok),
  extensions.rule('validateExtensions', 'returns an error per duplicate extension name',
    withExtensions(ext('extOne', 'extOne'), ext('extTwo', 'extOne'), ext('extTwo', 'extTwo:1'), ext('extOne', 'extOne:1')),
    no('Duplicate value: "extOne"', 'spec.postgresql.extensions[3].name', 2)),
  extensions.rule('validateExtensions', 'returns multiple errors for both invalid ExtensionControlPath and DynamicLibraryPath',
    withExtensions(ext('extOne', 'extOne', { extension_control_path: ['/valid/path', ''], dynamic_library_path: ['', '/valid/lib/path'] })),
    no('value cannot be empty', 'spec.postgresql.extensions[0].dynamic_library_path[0]', 2)),
  extensions.rule('validateExtensions', 'returns no error when ExtensionControlPath and DynamicLibraryPath are valid', withExtensions(ext('extOne', 'extOne', {
    extension_control_path: ['/usr/share/postgresql/extension', '/opt/custom/extensions'],
    dynamic_library_path: ['/usr/lib/postgresql/lib', '/opt/custom/lib'],
  })), ok),
  extensions.rule('validateExtensions', 'returns no error when LdLibraryPath and BinPath are valid',
    withExtensions(ext('extOne', 'extOne', { ld_library_path: ['/opt/custom/lib'], bin_path: ['/opt/custom/bin'] })), ok),
  ...([
    ['ExtensionControlPath', 'extension_control_path', '/usr/share/postgresql/extension', '/opt/custom/extensions'],
    ['DynamicLibraryPath', 'dynamic_library_path', '/usr/lib/postgresql/lib', '/opt/custom/lib'],
    ['LdLibraryPath', 'ld_library_path', '/usr/lib/postgresql/lib', '/opt/custom/lib'],
    ['BinPath', 'bin_path', '/usr/local/bin', '/opt/custom/bin'],
  ] as const).map(([label, field, a, b]) => extensions.rule('validateExtensions', `returns errors for duplicate ${label} entries`,
    withExtensions(ext('extOne', 'extOne', { [field]: [a, b, a] })), no(`Duplicate value: "${a}"`, `spec.postgresql.extensions[0].${field}[2]`, 1))),
  extensions.rule('validateExtensions', 'returns an error for empty LdLibraryPath entries', withExtensions(ext('extOne', 'extOne', { ld_library_path: ['/valid/path', ''] })),
    no('value cannot be empty', 'spec.postgresql.extensions[0].ld_library_path[1]', 1)),
  extensions.rule('validateExtensions', 'returns an error for empty BinPath entries', withExtensions(ext('extOne', 'extOne', { bin_path: ['/valid/path', ''] })),
    no('value cannot be empty', 'spec.postgresql.extensions[0].bin_path[1]', 1)),
  extensions.rule('validateExtensions', 'returns an error for path traversal in path lists', withExtensions(ext('extOne', 'extOne', {
    extension_control_path: ['../../etc'], dynamic_library_path: ['../escape'], ld_library_path: ['lib/../../../secret'], bin_path: ['../bin'],
  })), no('path must not escape the extension directory', 'spec.postgresql.extensions[0].bin_path[0]', 4)),
  extensions.rule('validateExtensions', 'returns errors for duplicates in both LdLibraryPath and BinPath', withExtensions(ext('extOne', 'extOne', {
    ld_library_path: ['/usr/lib/postgresql/lib', '/usr/lib/postgresql/lib'], bin_path: ['/usr/lib/postgresql/bin', '/usr/lib/postgresql/bin'],
  })), no('Duplicate value: "/usr/lib/postgresql/bin"', 'spec.postgresql.extensions[0].bin_path[1]', 2)),
  extensions.rule('validateExtensions', 'returns errors for duplicates in both ExtensionControlPath and DynamicLibraryPath', withExtensions(ext('extOne', 'extOne', {
    extension_control_path: ['/usr/share/postgresql/extension', '/usr/share/postgresql/extension'], dynamic_library_path: ['/usr/lib/postgresql/lib', '/usr/lib/postgresql/lib'],
  })), no('Duplicate value: "/usr/share/postgresql/extension"', 'spec.postgresql.extensions[0].extension_control_path[1]', 2)),
  extensions.rule('validateExtensions', 'returns an error for forbidden env entries',
    withExtensions(ext('extOne', 'extOne', { env: [{ name: 'PATH', value: '/my/binary/path' }, { name: 'LD_LIBRARY_PATH', value: '/my/library/path' }] })),
    no('LD_LIBRARY_PATH must be configured via spec.postgresql.extensions[0].ld_library_path', 'spec.postgresql.extensions[0].env[1].name', 2)),
  extensions.rule('validateExtensions', 'returns an error for reserved env entries',
    withExtensions(ext('extOne', 'extOne', { env: [{ name: 'PGDATA', value: '/some/path' }, { name: 'CNPG_SECRET', value: 'some_value' }] })),
    no('the usage of this environment variable is reserved for the operator', 'spec.postgresql.extensions[0].env[1].name', 2)),
  extensions.rule('validateExtensions', 'returns an error for duplicate env entries',
    withExtensions(ext('extOne', 'extOne', { env: [{ name: 'FOO', value: 'foo' }, { name: 'FOO', value: 'bar' }] })),
    no('Duplicate value: "FOO"', 'spec.postgresql.extensions[0].env[1].name', 1)),
  extensions.rule('validateExtensions', 'returns an error for unknown placeholders in env values',
    withExtensions(ext('extOne', 'extOne', { env: [{ name: 'GOOD', value: '${image_root}/lib' }, { name: 'BAD', value: '${image_rot}/lib' }] })),
    no('unsupported placeholder(s): ${image_rot}; supported: ${image_root}', 'spec.postgresql.extensions[0].env[1].value', 1)),
  extensions.rule('validateExtensions', 'accepts escaped placeholders in env values',
    withExtensions(ext('extOne', 'extOne', { env: [{ name: 'LITERAL', value: '$${not_a_placeholder}' }, { name: 'MIXED', value: '$${escaped}/${image_root}/lib' }] })), ok),
  extensions.rule('validateExtensions', 'returns an error when extension names collide after underscore sanitization',
    withExtensions(ext('pg_ivm', 'pg_ivm:latest'), ext('pg-ivm', 'pg-ivm:latest')), no('duplicate volume name', 'spec.postgresql.extensions[1].name', 1)),
  extensions.rule('validateExtensions', 'returns no error when extension names with underscores don\'t collide',
    withExtensions(ext('pg_ivm', 'pg_ivm:latest'), ext('pg_stat', 'pg_stat:latest')), ok),
  extensions.rule('validateExtensions', 'returns no error when extension names have mixed underscores and hyphens without collisions',
    withExtensions(ext('pg_foo-bar', 'pg_foo-bar:latest'), ext('pg-foo_baz', 'pg-foo_baz:latest')), ok),
  extensions.rule('validateExtensions', 'returns an error when three extensions collide after sanitization',
    withExtensions(ext('pgstat', 'pgstat:latest'), ext('pg_stat', 'pg_stat:latest'), ext('pg-stat', 'pg-stat:latest')),
    no('duplicate volume name "ext-pg-stat"', 'spec.postgresql.extensions[2].name', 1)),

  barmanWarnings.rule('getInTreeBarmanWarnings', 'returns no warnings when BarmanObjectStore is not configured', go(), { allowed: true, warnings: [] }),
  barmanWarnings.rule('getInTreeBarmanWarnings', 'returns a warning when BarmanObjectStore is configured in backup', go({ backup: { barmanObjectStore: {} } }),
    { allowed: true, warnings: ['spec.backup.barmanObjectStore'] }),
  barmanWarnings.rule('getInTreeBarmanWarnings', 'returns warnings for multiple external clusters with BarmanObjectStore',
    go({ externalClusters: [{ barmanObjectStore: {} }, { barmanObjectStore: {} }] }),
    { allowed: true, warnings: ['spec.externalClusters.0.barmanObjectStore, spec.externalClusters.1.barmanObjectStore'] }),
  barmanWarnings.rule('getInTreeBarmanWarnings', 'returns warnings for both backup and external clusters with BarmanObjectStore',
    go({ backup: { barmanObjectStore: {} }, externalClusters: [{ barmanObjectStore: {} }] }),
    { allowed: true, warnings: [`${DEPRECATED} and will be completely removed in CloudNativePG 1.31.0. Found usage in: spec.backup.barmanObjectStore, spec.externalClusters.0.barmanObjectStore`] }),
  retentionWarnings.rule('getRetentionPolicyWarnings', 'returns no warnings if the retention policy is used with the in-tree backup support',
    go({ backup: { retentionPolicy: 'this retention policy', barmanObjectStore: {} } }), { allowed: true, warnings: [] }),
  retentionWarnings.rule('getRetentionPolicyWarnings', 'return a warning when retention policies are declared and not used', go({ backup: { retentionPolicy: 'this retention policy' } }),
    { allowed: true, warnings: ['Retention policies specified in .spec.backup.retentionPolicy are only used by the in-tree barman-cloud support'] }),
  storageWarnings.rule('getStorageWarnings', 'returns no warnings when storage is properly configured', go({ storage: { size: '1Gi' } }), { allowed: true, warnings: [] }),
  storageWarnings.rule('getStorageWarnings', 'returns no warnings when PVC template has storage configured', go({ storage: pvc('1Gi') }), { allowed: true, warnings: [] }),
  storageWarnings.rule('getStorageWarnings', 'returns a warning when both storageClass and storageClassName are specified',
    go({ storage: { storageClass: 'fast-ssd', ...pvc(undefined, 'fast-ssd') } }),
    { allowed: true, warnings: ['spec.storage.storageClass and spec.storage.pvcTemplate.storageClassName are both specified, spec.storage.storageClass value will be used'] }),
  storageWarnings.rule('getStorageWarnings', 'returns a warning when both size and storage requests are specified', go({ storage: { size: '1Gi', ...pvc('2Gi') } }),
    { allowed: true, warnings: ['spec.storage.size and spec.storage.pvcTemplate.resources.requests.storage are both specified, spec.storage.size value will be used'] }),
  storageWarnings.rule('getStorageWarnings', 'returns multiple warnings when both storage conflicts exist', go({ storage: { size: '1Gi', storageClass: 'fast-ssd', ...pvc('2Gi', 'fast-ssd') } }),
    { allowed: true, warnings: ['storageClass', 'size'] }),
  storageWarnings.rule('getStorageWarnings', 'returns warnings for WAL storage configuration conflicts',
    go({ walStorage: { size: '500Mi', storageClass: 'fast-ssd', ...pvc('1Gi', 'fast-ssd') } }), { allowed: true, warnings: ['spec.walStorage.storageClass', 'spec.walStorage.size'] }),
  storageWarnings.rule('getStorageWarnings', 'returns warnings for both storage and WAL storage conflicts',
    go({ storage: { size: '1Gi', storageClass: 'fast-ssd', ...pvc(undefined, 'fast-ssd') }, walStorage: { size: '500Mi', ...pvc('1Gi') } }),
    { allowed: true, warnings: ['spec.storage', 'spec.walStorage'] }),
  storageWarnings.rule('getStorageWarnings', 'returns no warnings when WAL storage is nil', go({ storage: { size: '1Gi' } }), { allowed: true, warnings: [] }),
  storageWarnings.rule('getStorageWarnings', 'returns no warnings when PVC template is nil', go({ storage: { size: '1Gi' } }), { allowed: true, warnings: [] }),
  storageWarnings.rule('getStorageWarnings', 'returns no warnings when storage requests are zero', go({ storage: { size: '1Gi', ...pvc() } }), { allowed: true, warnings: [] }),

  quorumAnnotation.rule('validateFailoverQuorumAlphaAnnotation', 'fails if the annotation value is wrong', go({ instances: 3 }, { annotations: { 'alpha.cnpg.io/failoverQuorum': 'toast' } }),
    no('Invalid failoverQuorum annotation value, expected boolean.', 'metadata.annotations["alpha.cnpg.io/failoverQuorum"]', 1)),
  quorumAnnotation.rule('validateFailoverQuorumAlphaAnnotation', 'fails if the annotation is active but no synchronous replication is configured',
    go({ instances: 3 }, { annotations: { 'alpha.cnpg.io/failoverQuorum': 't' } }), no(QUORUM_SYNC, 'spec.postgresql.synchronous', 1)),
  quorum.rule('validateFailoverQuorum', 'accepts two or more instances', go({ instances: 2, postgresql: { synchronous: { number: 1, failoverQuorum: true } } }), ok),
  quorum.rule('validateFailoverQuorum', 'accepts two or more instances', go({ instances: 3, postgresql: { synchronous: { number: 1, failoverQuorum: true } } }), ok),
  quorum.rule('validateFailoverQuorum', 'check if the number of external synchronous replicas is coherent',
    go({ instances: 3, postgresql: { synchronous: { number: 1, standbyNamesPre: ['one', 'two'], standbyNamesPost: ['three', 'four'], failoverQuorum: true } } }),
    no('spec.postgresql.synchronous.number must be greater than the total number of instances in spec.postgresql.synchronous.standbyNamesPre', 'spec.postgresql.synchronous', 1)),

  selectors.rule('validatePodSelectorRefs', 'accepts a valid configuration',
    go({ podSelectorRefs: [selectorRef('app-pods', { matchLabels: { app: 'myapp' } })], ...hba('hostssl mydb myuser ${podselector:app-pods} scram-sha-256') }), ok),
  selectors.rule('validatePodSelectorRefs', 'accepts an empty configuration', go(), ok),
  selectors.rule('validatePodSelectorRefs', 'rejects undefined pod selector in pg_hba', go(hba('hostssl mydb myuser ${podselector:undefined-ref} scram-sha-256')),
    no('pod selector not found: undefined-ref', 'spec.postgresql.pg_hba[0]', 1)),
  selectors.rule('validatePodSelectorRefs', 'rejects duplicate podSelectorRefs names',
    go({ podSelectorRefs: [selectorRef('app-pods', { matchLabels: { app: 'myapp' } }), selectorRef('app-pods', { matchLabels: { app: 'other' } })] }),
    no('Duplicate value: "app-pods"', 'spec.podSelectorRefs[1].name', 1)),
  selectors.rule('validatePodSelectorRefs', 'rejects invalid label selector',
    go({ podSelectorRefs: [selectorRef('bad-selector', { matchExpressions: [{ key: 'app', operator: 'InvalidOperator' }] })] }),
    no('not a valid selector operator', 'spec.podSelectorRefs[0].selector.matchExpressions[0].operator')),
  selectors.rule('validatePodSelectorRefs', 'rejects multiple podselector references in a single pg_hba line', go({
    podSelectorRefs: [selectorRef('app1', { matchLabels: { app: 'one' } }), selectorRef('app2', { matchLabels: { app: 'two' } })],
    ...hba('host all all ${podselector:app1} ${podselector:app2} md5'),
  }), no('at most one podselector reference is allowed per line', 'spec.postgresql.pg_hba[0]', 1)),
  selectors.rule('validatePodSelectorRefs', 'accepts defined but unreferenced selectors',
    go({ podSelectorRefs: [selectorRef('app-pods', { matchLabels: { app: 'myapp' } })], ...hba('host all all 10.0.0.0/8 md5') }), ok),

  serviceAccount.rule('validateServiceAccountConfig', 'accepts cluster without serviceAccountName or serviceAccountTemplate', go(), ok),
  serviceAccount.rule('validateServiceAccountConfig', 'accepts cluster with only serviceAccountName specified', go({ serviceAccountName: 'shared-sa' }), ok),
  serviceAccount.rule('validateServiceAccountConfig', 'accepts cluster with only serviceAccountTemplate specified', go({ serviceAccountTemplate: {} }), ok),
  serviceAccount.rule('validateServiceAccountConfig', 'rejects cluster with both serviceAccountName and serviceAccountTemplate', go({ serviceAccountName: 'shared-sa', serviceAccountTemplate: {} }),
    no('mutually exclusive', 'spec.serviceAccountName', 1)),
];

/** Every spec of cluster_webhook_test.go. */
export const CLUSTER_CASES: readonly ConformanceCase[] = [...PART1, ...PART2, ...PART3, ...PART4, ...PART5, ...PART6, ...PART7, ...PART8];
