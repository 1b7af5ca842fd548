import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { BarmanCloudBackup, SecretKey } from './cluster-options';
import { IObjectStore } from './object-store-ref';
import { RetentionPolicy } from './retention-policy';
import * as bc from '../../imports/barmancloud.cnpg.io';
import { defined } from '../common/defined';
import { show, throwIfAny, Violation } from '../common/errors';
import { objectNameViolations } from '../common/names';
import { snapshot } from '../common/snapshot';
import { l1Class, l1Enum } from '../resource/l1';
import { FIXED_REVISION, lazySpec } from '../resource/lazy-spec';
import { secretReferenceViolations } from '../resource/props';
import { checkProps } from '../resource/props-check';
import { CnpgResource } from '../resource/resource';

/** The L1 ObjectStore of the Barman Cloud plugin, with escape-hatch patches applied to the manifest as written. */
const ObjectStoreObject = l1Class(bc.ObjectStore);


/** The cloud an ObjectStore's credentials are for. */
export enum ObjectStoreProvider {
  /** Amazon S3 or an S3-compatible store (MinIO, …). */
  S3 = 's3',
  /** Azure Blob Storage. */
  AZURE = 'azure',
  /** Google Cloud Storage. */
  GOOGLE = 'google',
}

/**
 * How the Barman Cloud plugin authenticates to the object store: keys from Secrets, or the workload's own
 * identity (IRSA, Azure AD / managed identity, GKE workload identity). One provider, one method: the
 * combinations barman-cloud refuses cannot be written.
 */
export class ObjectStoreCredentials {
  /**
   * S3 access keys from Secrets.
   * @param accessKeyId the access key id
   * @param secretAccessKey the secret access key
   * @param options the region and a session token, when needed
   */
  public static s3AccessKeys(accessKeyId: SecretKey, secretAccessKey: SecretKey, options: S3KeyOptions = {}): ObjectStoreCredentials {
    return new ObjectStoreCredentials(ObjectStoreProvider.S3, {
      accessKeyId, secretAccessKey, region: options.region, sessionToken: options.sessionToken,
    }, {});
  }

  /**
   * S3 through the pod's IAM role (`inheritFromIAMRole`, e.g. IRSA or EKS Pod Identity): no keys.
   * @param region the region, from a Secret @default - the environment's
   */
  public static s3InheritFromIamRole(region?: SecretKey): ObjectStoreCredentials {
    return new ObjectStoreCredentials(ObjectStoreProvider.S3, { region }, { inheritFromIamRole: true });
  }

  /** Azure Blob Storage with a connection string from a Secret (nothing else may be given with it). */
  public static azureConnectionString(connectionString: SecretKey): ObjectStoreCredentials {
    return new ObjectStoreCredentials(ObjectStoreProvider.AZURE, { connectionString }, {});
  }

  /** Azure Blob Storage with a storage account and its key, from Secrets. */
  public static azureStorageKey(storageAccount: SecretKey, storageKey: SecretKey): ObjectStoreCredentials {
    return new ObjectStoreCredentials(ObjectStoreProvider.AZURE, { storageAccount, storageKey }, {});
  }

  /** Azure Blob Storage with a storage account and a shared access signature, from Secrets. */
  public static azureSasToken(storageAccount: SecretKey, storageSasToken: SecretKey): ObjectStoreCredentials {
    return new ObjectStoreCredentials(ObjectStoreProvider.AZURE, { storageAccount, storageSasToken }, {});
  }

  /**
   * Azure Blob Storage through the pod's Azure AD identity (`inheritFromAzureAD`): no keys.
   * @param storageAccount the storage account, from a Secret @default - the one of the destination path
   */
  public static azureInheritFromAzureAd(storageAccount?: SecretKey): ObjectStoreCredentials {
    return new ObjectStoreCredentials(ObjectStoreProvider.AZURE, { storageAccount }, { inheritFromAzureAd: true });
  }

  /**
   * Azure Blob Storage through Azure's default credential chain (`useDefaultAzureCredentials`: environment,
   * workload identity, managed identity).
   * @param storageAccount the storage account, from a Secret @default - the one of the destination path
   */
  public static azureDefaultCredentials(storageAccount?: SecretKey): ObjectStoreCredentials {
    return new ObjectStoreCredentials(ObjectStoreProvider.AZURE, { storageAccount }, { useDefaultAzureCredentials: true });
  }

  /** Google Cloud Storage with a service account's JSON key from a Secret. */
  public static googleApplicationCredentials(applicationCredentials: SecretKey): ObjectStoreCredentials {
    return new ObjectStoreCredentials(ObjectStoreProvider.GOOGLE, { applicationCredentials }, {});
  }

  /** Google Cloud Storage through GKE workload identity (`gkeEnvironment`): no key. */
  public static googleGkeEnvironment(): ObjectStoreCredentials {
    return new ObjectStoreCredentials(ObjectStoreProvider.GOOGLE, {}, { gkeEnvironment: true });
  }

  /** The cloud the credentials are for. */
  public readonly provider: ObjectStoreProvider;

  private constructor(
    provider: ObjectStoreProvider,
    private readonly keys: { readonly [field: string]: SecretKey | undefined },
    private readonly flags: { readonly [field: string]: boolean },
  ) {
    this.provider = provider;
  }

  /**
   * The Secret keys given, by CRD field (for the construct's checks).
   * @internal
   */
  public _secretKeys(): Array<[string, SecretKey]> {
    return Object.entries(this.keys).filter((e): e is [string, SecretKey] => e[1] !== undefined);
  }

  /**
   * The credentials section in the L1's shape: `[field of the configuration, its value]`.
   * @internal
   */
  public _toKube(): [string, any] {
    const section: any = { ...this.flags };
    for (const [field, key] of this._secretKeys()) section[field] = { name: key.secret.name, key: key.key };
    const field = { s3: 's3Credentials', azure: 'azureCredentials', google: 'googleCredentials' }[this.provider];
    return [field, section];
  }
}

/** Optional S3 settings with access keys. */
export interface S3KeyOptions {
  /**
   * The region, from a Secret.
   * @default - the environment's
   */
  readonly region?: SecretKey;
  /**
   * A session token, from a Secret (temporary credentials).
   * @default - none
   */
  readonly sessionToken?: SecretKey;
}

/** Compression of WAL files. */
export enum WalCompression {
  /** bzip2 */
  BZIP2 = 'bzip2',
  /** gzip */
  GZIP = 'gzip',
  /** lz4 */
  LZ4 = 'lz4',
  /** snappy */
  SNAPPY = 'snappy',
  /** xz */
  XZ = 'xz',
  /** zstd */
  ZSTD = 'zstd',
}

/** Compression of base backups (one tar file per tablespace). */
export enum DataCompression {
  /** bzip2 */
  BZIP2 = 'bzip2',
  /** gzip */
  GZIP = 'gzip',
  /** lz4 */
  LZ4 = 'lz4',
  /** snappy */
  SNAPPY = 'snappy',
}

/** Server-side encryption the object store is asked for (S3), instead of the bucket's policy. */
export enum BackupEncryption {
  /** AES-256 (SSE-S3). */
  AES256 = 'AES256',
  /** AWS KMS (SSE-KMS). */
  AWS_KMS = 'aws:kms',
}

/** How WAL files are archived. */
export interface WalArchiveOptions {
  /**
   * Compression.
   * @default - none
   */
  readonly compression?: WalCompression;
  /**
   * Encryption.
   * @default - the bucket's policy
   */
  readonly encryption?: BackupEncryption;
  /**
   * WAL files archived or restored in parallel.
   * @default 1
   */
  readonly maxParallel?: number;
}

/** How base backups are written. */
export interface DataBackupOptions {
  /**
   * Compression.
   * @default - none
   */
  readonly compression?: DataCompression;
  /**
   * Encryption.
   * @default - the bucket's policy
   */
  readonly encryption?: BackupEncryption;
  /**
   * Parallel upload jobs.
   * @default 2
   */
  readonly jobs?: number;
  /**
   * Checkpoint immediately at the start of a backup, instead of spreading its I/O.
   * @default false
   */
  readonly immediateCheckpoint?: boolean;
}

/** Properties of an ObjectStore. */
export interface ObjectStoreProps {
  /**
   * Metadata. The ObjectStore must be in the namespace of the Clusters that use it.
   * @default - a name generated by cdk8s
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * Where backups and WAL go, e.g. `s3://bucket/path`, `https://account.blob.core.windows.net/container/path`
   * or `gs://bucket/path`. Each Cluster writes under its own server name.
   */
  readonly destinationPath: string;
  /** The credentials. */
  readonly credentials: ObjectStoreCredentials;
  /**
   * Endpoint URL, overriding the provider's (e.g. MinIO's).
   * @default - the provider's
   */
  readonly endpointUrl?: string;
  /**
   * CA bundle of the endpoint, from a Secret (for a self-signed certificate).
   * @default - the system's CAs
   */
  readonly endpointCa?: SecretKey;
  /**
   * WAL archiving.
   * @default - uncompressed, the bucket's encryption policy
   */
  readonly wal?: WalArchiveOptions;
  /**
   * Base backups.
   * @default - uncompressed, the bucket's encryption policy
   */
  readonly data?: DataBackupOptions;
  /**
   * How long backups and WAL are kept, e.g. `RetentionPolicy.days(30)`.
   * @default - forever
   */
  readonly retentionPolicy?: RetentionPolicy;
  /**
   * Tags of the backup and WAL objects (Barman `--tags`).
   * @default - none
   */
  readonly tags?: { [key: string]: string };
  /**
   * Tags of history files (Barman `--history-tags`).
   * @default - none
   */
  readonly historyTags?: { [key: string]: string };
}

/**
 * Where the Barman Cloud plugin (barmancloud.cnpg.io/v1 ObjectStore, plugin v0.14.0) writes a Cluster's
 * base backups and WAL archive. A Cluster uses it with `barmanCloud: { objectStore }`, in the same namespace.
 * The plugin must be installed (with cert-manager): see the README's Backups section.
 */
export class ObjectStore extends CnpgResource implements IObjectStore {
  /**
   * References an ObjectStore managed elsewhere.
   * @param name `metadata.name` of the ObjectStore
   * @param namespace its namespace, when known (a Cluster in another namespace is then reported)
   */
  public static fromObjectStoreName(scope: Construct, id: string, name: string, namespace?: string): IObjectStore {
    return new ImportedObjectStore(scope, id, name, namespace);
  }

  /** The generated L1 object (also `node.defaultChild`). */
  public readonly apiObject: ApiObject;

  /** The cloud of the credentials. */
  public readonly provider: ObjectStoreProvider;

  private readonly props: ObjectStoreProps;

  /**
   * @param scope the parent construct (a Chart, or a construct inside one)
   * @param id the construct id, unique among its siblings
   * @param props the properties of the ObjectStore
   */
  constructor(scope: Construct, id: string, props: ObjectStoreProps) {
    checkProps(scope, id, 'ObjectStoreProps', props);
    super(scope, id);
    props = snapshot(props);
    this.props = props;
    this.apiObject = new ObjectStoreObject(this, 'Resource', {
      metadata: props.metadata ?? {},
      spec: lazySpec(this),
    });
    this._throwIfAny(this.checkProps());
    this.provider = props.credentials.provider;
    this._initResource({ revision: FIXED_REVISION });
  }

  /**
   * The spec in the L1's camelCase shape.
   * @internal
   */
  public _toKube(): bc.ObjectStoreSpec {
    const p = this.props;
    const [credentialsField, credentials] = p.credentials._toKube();
    const wal = p.wal && defined({
      compression: l1Enum(bc.ObjectStoreSpecConfigurationWalCompression, p.wal.compression),
      encryption: l1Enum(bc.ObjectStoreSpecConfigurationWalEncryption, p.wal.encryption),
      maxParallel: p.wal.maxParallel,
    });
    const data = p.data && defined({
      compression: l1Enum(bc.ObjectStoreSpecConfigurationDataCompression, p.data.compression),
      encryption: l1Enum(bc.ObjectStoreSpecConfigurationDataEncryption, p.data.encryption),
      jobs: p.data.jobs,
      immediateCheckpoint: p.data.immediateCheckpoint,
    });
    return defined({
      configuration: defined({
        destinationPath: p.destinationPath,
        endpointUrl: p.endpointUrl,
        endpointCa: p.endpointCa ? { name: p.endpointCa.secret.name, key: p.endpointCa.key } : undefined,
        [credentialsField]: credentials,
        wal: wal && Object.keys(wal).length > 0 ? wal : undefined,
        data: data && Object.keys(data).length > 0 ? data : undefined,
        tags: p.tags,
        historyTags: p.historyTags,
      }) as bc.ObjectStoreSpecConfiguration,
      retentionPolicy: p.retentionPolicy?.value,
    });
  }

  private checkProps(): Violation[] {
    const p = this.props;
    const out: Violation[] = [...objectNameViolations('metadata.name', this.name)];
    if (typeof p.destinationPath !== 'string' || p.destinationPath === '') {
      out.push({ path: 'destinationPath', message: `${show(p.destinationPath)} is not a destination; expected e.g. "s3://bucket/path"`, source: 'CRD schema', upstream: 'should be at least 1 chars long' });
    }
    if (!(p.credentials instanceof ObjectStoreCredentials)) {
      out.push({ path: 'credentials', message: `${show(p.credentials)} is not ObjectStoreCredentials; expected e.g. ObjectStoreCredentials.s3AccessKeys(...) or ObjectStoreCredentials.s3InheritFromIamRole()`, source: 'library' });
      return out;
    }
    const keys: Array<[string, unknown]> = [...p.credentials._secretKeys().map(([f, k]): [string, unknown] => [`credentials.${f}`, k])];
    if (p.endpointCa !== undefined) keys.push(['endpointCa', p.endpointCa]);
    for (const [path, key] of keys) out.push(...secretKeyViolations(path, key));
    if (p.retentionPolicy !== undefined && !(p.retentionPolicy instanceof RetentionPolicy)) {
      out.push({ path: 'retentionPolicy', message: `${show(p.retentionPolicy)} is not a RetentionPolicy; expected e.g. RetentionPolicy.days(30)`, source: 'library' });
    }
    out.push(...enumViolations('wal.compression', p.wal?.compression, WalCompression));
    out.push(...enumViolations('wal.encryption', p.wal?.encryption, BackupEncryption));
    out.push(...enumViolations('data.compression', p.data?.compression, DataCompression));
    out.push(...enumViolations('data.encryption', p.data?.encryption, BackupEncryption));
    out.push(...positiveIntegerViolations('wal.maxParallel', p.wal?.maxParallel));
    out.push(...positiveIntegerViolations('data.jobs', p.data?.jobs));
    return out;
  }
}

function secretKeyViolations(path: string, key: unknown): Violation[] {
  const k = key as Partial<SecretKey> | undefined;
  if (k === null || typeof k !== 'object') {
    return [{
      path,
      message: `${typeof key === 'string' ? 'a plain string' : show(key)} is not a Secret key reference; secrets are never accepted in plain text: pass { secret: Secret.fromSecretName(this, 'id', 'name'), key: 'KEY' }`,
      source: 'library',
    }];
  }
  const secret = secretReferenceViolations(`${path}.secret`, k.secret);
  if (secret.length > 0) return secret;
  if (typeof k.key !== 'string' || k.key === '') {
    return [{ path: `${path}.key`, message: `${show(k.key)} is not a key of Secret ${show(k.secret!.name)}; expected the name of a key in it`, source: 'CRD schema' }];
  }
  return [];
}

function enumViolations(path: string, value: unknown, members: object): Violation[] {
  if (value === undefined || Object.values(members).includes(value)) return [];
  return [{ path, message: `${show(value)} is not accepted; expected one of ${Object.values(members).join(', ')}`, source: 'CRD schema' }];
}

function positiveIntegerViolations(path: string, value: unknown): Violation[] {
  if (value === undefined || (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 2 ** 31 - 1)) return [];
  return [{ path, message: `${show(value)} is not accepted; expected an integer >= 1`, source: 'CRD schema', upstream: 'should be greater than or equal to 1' }];
}

/** A Cluster's `barmanCloud`: one ObjectStore, as a construct or by name (what the props alone decide). */
export function barmanCloudViolations(barman: Pick<BarmanCloudBackup, 'objectStore' | 'objectStoreName'> | undefined, path = 'barmanCloud'): Violation[] {
  if (barman === undefined) return [];
  const { objectStore, objectStoreName } = barman;
  if ((objectStore === undefined) === (objectStoreName === undefined)) {
    return [{
      path,
      message: `${objectStore === undefined ? 'neither objectStore nor objectStoreName' : 'both objectStore and objectStoreName'} is given; expected exactly one: the ObjectStore construct, or the name of one managed elsewhere`,
      source: 'library',
    }];
  }
  if (objectStore !== undefined && (objectStore === null || typeof objectStore !== 'object' || typeof objectStore.name !== 'string')) {
    return [{ path: `${path}.objectStore`, message: `${show(objectStore)} is not an ObjectStore; expected an ObjectStore or ObjectStore.fromObjectStoreName(...)`, source: 'library' }];
  }
  return objectStoreName !== undefined ? objectNameViolations(`${path}.objectStoreName`, objectStoreName) : [];
}

/** The name of a Cluster's ObjectStore (`barmanObjectName` of the plugin's parameters). */
export function barmanObjectName(barman: Pick<BarmanCloudBackup, 'objectStore' | 'objectStoreName'>): string {
  return barman.objectStore?.name ?? barman.objectStoreName!;
}

/** A Cluster's ObjectStore is in its namespace: the plugin looks it up there. */
export function barmanCloudNamespaceViolations(
  barman: Pick<BarmanCloudBackup, 'objectStore'> | undefined,
  clusterNamespace: string | undefined,
  path = 'barmanCloud',
): Violation[] {
  const store = barman?.objectStore;
  if (store === undefined) return [];
  // an ObjectStore of this app without a namespace lands in "default"; one referenced by name alone may be anywhere
  const storeNamespace = store.namespace ?? (store instanceof ObjectStore ? 'default' : undefined);
  const namespace = clusterNamespace ?? 'default';
  if (storeNamespace === undefined || storeNamespace === namespace) return [];
  return [{
    path: `${path}.objectStore`,
    message: `ObjectStore ${show(store.name)} is in namespace ${show(storeNamespace)}, but the Cluster is in ${show(namespace)}; the Barman Cloud plugin looks the ObjectStore up in the Cluster's namespace: create one there`,
    source: 'operator',
  }];
}

/** An ObjectStore managed elsewhere. */
class ImportedObjectStore extends Construct implements IObjectStore {
  constructor(scope: Construct, id: string, public readonly name: string, public readonly namespace: string | undefined) {
    super(scope, id);
    throwIfAny(this, objectNameViolations('name', name));
  }
}
