/** Kubernetes image pull policy of an extension image volume. */
export enum ImagePullPolicy {
  /** Always pull. */
  ALWAYS = 'Always',
  /** Pull only when the image is not on the node. */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Never pull. */
  NEVER = 'Never',
}

/**
 * An extension image and how PostgreSQL finds its files, as defined in an image catalog entry or on a
 * Cluster (`ExtensionConfiguration` in the CRDs).
 *
 * Paths are relative to the image root, which the operator mounts at `/extensions/<name>`.
 *
 * @see https://cloudnative-pg.io/documentation/current/imagevolume_extensions/
 */
export interface ExtensionImageProps {
  /**
   * Extension name: the key the Cluster and the catalog share, and the volume name (`ext-<name>`).
   * Lowercase letters, digits, `-` and `_`; at most 59 characters.
   */
  readonly name: string;

  /** Image reference, digest-pinned unless the owner sets `requireDigest: false`. */
  readonly reference: string;

  /**
   * Image pull policy.
   * @default - Kubernetes' default: Always for `:latest`, otherwise IfNotPresent
   */
  readonly pullPolicy?: ImagePullPolicy;

  /**
   * Folders added to PostgreSQL's `extension_control_path`.
   * @default - the operator's default, `["share"]`
   */
  readonly extensionControlPath?: string[];

  /**
   * Folders added to PostgreSQL's `dynamic_library_path`.
   * @default - the operator's default, `["lib"]`
   */
  readonly dynamicLibraryPath?: string[];

  /**
   * Folders appended to `LD_LIBRARY_PATH` (changes need a manual restart).
   * @default - none
   */
  readonly ldLibraryPath?: string[];

  /**
   * Folders appended to `PATH` (changes need a manual restart).
   * @default - none
   */
  readonly binPath?: string[];

  /**
   * Environment variables for the PostgreSQL container; `${image_root}` becomes `/extensions/<name>`
   * and `$${...}` is a literal. Changes need a manual restart.
   * @default - none
   */
  readonly env?: { [name: string]: string };
}

/**
 * Fields a Cluster may set on an extension its catalog defines. Each field that is set replaces the
 * catalog's value as a whole (the operator merges per field; the name is the key).
 */
export interface ExtensionOverrides {
  /**
   * Image reference replacing the catalog's.
   * @default - the catalog's
   */
  readonly reference?: string;
  /**
   * Pull policy.
   * @default - the catalog's
   */
  readonly pullPolicy?: ImagePullPolicy;
  /**
   * `extension_control_path` entries.
   * @default - the catalog's
   */
  readonly extensionControlPath?: string[];
  /**
   * `dynamic_library_path` entries.
   * @default - the catalog's
   */
  readonly dynamicLibraryPath?: string[];
  /**
   * `LD_LIBRARY_PATH` entries.
   * @default - the catalog's
   */
  readonly ldLibraryPath?: string[];
  /**
   * `PATH` entries.
   * @default - the catalog's
   */
  readonly binPath?: string[];
  /**
   * Environment variables (`${image_root}` is the mount point).
   * @default - the catalog's
   */
  readonly env?: { [name: string]: string };
}
