import { Size } from 'cdk8s';

// Volumes of a Cluster: data, WAL and tablespace volumes (with their PVC templates) and ephemeral volumes.

/**
 * A persistent volume of each instance: data, WAL or a tablespace. Give `size`, or a `pvcTemplate` with a
 * storage request.
 */
export interface ClusterStorage {
  /**
   * Volume size, e.g. `Size.gibibytes(10)` (it can grow, never shrink).
   * @default - the pvcTemplate's `storageRequest` (one of the two is required)
   */
  readonly size?: Size;
  /**
   * Storage class.
   * @default - the pvcTemplate's, or the cluster's default storage class
   */
  readonly storageClass?: string;
  /**
   * Resize volumes in use when `size` grows.
   * @default true
   */
  readonly resizeInUseVolumes?: boolean;
  /**
   * The template of the PersistentVolumeClaims.
   * @default - one made of `size` and `storageClass`
   */
  readonly pvcTemplate?: PvcTemplate;
}

/** Access mode of a persistent volume. */
export enum VolumeAccessMode {
  /** Read-write by one node. */
  READ_WRITE_ONCE = 'ReadWriteOnce',
  /** Read-only by many nodes. */
  READ_ONLY_MANY = 'ReadOnlyMany',
  /** Read-write by many nodes. */
  READ_WRITE_MANY = 'ReadWriteMany',
  /** Read-write by one pod. */
  READ_WRITE_ONCE_POD = 'ReadWriteOncePod',
}

/** Whether a volume is a filesystem or a raw block device. */
export enum VolumeMode {
  /** A filesystem (Kubernetes' default). */
  FILESYSTEM = 'Filesystem',
  /** A raw block device. */
  BLOCK = 'Block',
}

/** An object a volume is populated from: a VolumeSnapshot, a PVC, or a volume populator's object. */
export interface VolumeDataSource {
  /** Kind, e.g. `VolumeSnapshot`. */
  readonly kind: string;
  /** Name, in the Cluster's namespace. */
  readonly name: string;
  /**
   * API group (`snapshot.storage.k8s.io` for a VolumeSnapshot).
   * @default - the core group
   */
  readonly apiGroup?: string;
}

/**
 * The template of the PersistentVolumeClaims of a volume (`pvcTemplate`). `size` and `storageClass` of the
 * volume are applied after it.
 */
export interface PvcTemplate {
  /**
   * Access modes.
   * @default - the storage class's
   */
  readonly accessModes?: VolumeAccessMode[];
  /**
   * Filesystem or block.
   * @default VolumeMode.FILESYSTEM
   */
  readonly volumeMode?: VolumeMode;
  /**
   * Storage class.
   * @default - the volume's `storageClass`, or the cluster default
   */
  readonly storageClassName?: string;
  /**
   * The storage requested (what `size` sets when it is given).
   * @default - the volume's `size`
   */
  readonly storageRequest?: Size;
  /**
   * The storage limit.
   * @default - none
   */
  readonly storageLimit?: Size;
  /**
   * A PersistentVolume to bind to.
   * @default - any matching volume
   */
  readonly volumeName?: string;
  /**
   * VolumeAttributesClass.
   * @default - none
   */
  readonly volumeAttributesClassName?: string;
  /**
   * Labels the PersistentVolume must have.
   * @default - none
   */
  readonly selectorLabels?: { [key: string]: string };
  /**
   * Populate new volumes from this object.
   * @default - empty volumes
   */
  readonly dataSource?: VolumeDataSource;
}

/** A tablespace, with its own volume (`spec.tablespaces[]`). */
export interface Tablespace {
  /** Tablespace name (not starting with `pg_`). */
  readonly name: string;
  /** Its volume. */
  readonly storage: ClusterStorage;
  /**
   * Role that owns it.
   * @default - the superuser
   */
  readonly owner?: string;
  /**
   * A temporary tablespace (listed in `temp_tablespaces`; not backed up).
   * @default false
   */
  readonly temporary?: boolean;
}

/** A generic ephemeral volume for temporary data (`spec.ephemeralVolumeSource`): a PVC per pod. */
export interface EphemeralVolumeClaim {
  /** Size of each pod's volume. */
  readonly size: Size;
  /**
   * Storage class.
   * @default - the cluster default
   */
  readonly storageClassName?: string;
  /**
   * Access modes.
   * @default [VolumeAccessMode.READ_WRITE_ONCE]
   */
  readonly accessModes?: VolumeAccessMode[];
  /**
   * Labels of the PVCs.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the PVCs.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** Size limits of the ephemeral (`emptyDir`) volumes of each instance. */
export interface EphemeralVolumesSizeLimit {
  /**
   * The shared memory volume (`/dev/shm`).
   * @default - no limit
   */
  readonly shm?: Size;
  /**
   * The temporary data volume.
   * @default - no limit
   */
  readonly temporaryData?: Size;
}
