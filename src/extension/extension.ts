import { ExtensionImageProps, ImagePullPolicy } from './extension-image';

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

/**
 * An extension mounted into a Cluster as an image volume (`spec.postgresql.extensions[]`).
 *
 * Needs PostgreSQL 18 or later, and Kubernetes 1.35 (or 1.33–1.34 with the `ImageVolume` feature gate).
 */
export class Extension {
  /**
   * An extension the Cluster's image catalog defines for its major: naming it is enough.
   * @param name the catalog's extension name, e.g. `pgvector`
   * @param overrides fields replacing the catalog's
   */
  public static fromCatalog(name: string, overrides: ExtensionOverrides = {}): Extension {
    return new Extension(name, true, { name, ...overrides });
  }

  /** An extension the catalog does not define: its image reference is required. */
  public static fromImage(props: ExtensionImageProps): Extension {
    return new Extension(props.name, false, { ...props });
  }

  /** The extension name (the key shared with the catalog, and the volume `ext-<name>`). */
  public readonly name: string;

  /** Whether the extension is resolved from the Cluster's catalog. */
  public readonly isFromCatalog: boolean;

  /** @internal */
  public readonly _props: ExtensionOverrides & { readonly name: string };

  private constructor(name: string, fromCatalog: boolean, props: ExtensionOverrides & { readonly name: string }) {
    this.name = name;
    this.isFromCatalog = fromCatalog;
    this._props = props;
  }

  /** The image reference set on the Cluster, if any. */
  public get reference(): string | undefined {
    return this._props.reference;
  }
}
