import { ExtensionImageProps, ExtensionOverrides } from './extension-image';
import { extensionSpec } from './extension-wire';
import { checkArgument } from '../resource/props-check';
import { ExtensionInput } from '../rules/rules';

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
    checkArgument('Extension.fromCatalog(name)', 'string', name);
    checkArgument('Extension.fromCatalog(overrides)', 'ExtensionOverrides', overrides);
    return new Extension(name, true, { name, ...overrides });
  }

  /** An extension the catalog does not define: its image reference is required. */
  public static fromImage(props: ExtensionImageProps): Extension {
    checkArgument('Extension.fromImage(props)', 'ExtensionImageProps', props);
    return new Extension(props.name, false, { ...props });
  }

  /** The extension name (the key shared with the catalog, and the volume `ext-<name>`). */
  public readonly name: string;

  /** Whether the extension is resolved from the Cluster's catalog. */
  public readonly isFromCatalog: boolean;

  /** The image reference set on the Cluster, if any. */
  public readonly reference?: string;

  /** @internal */
  public readonly _spec: ExtensionInput;

  private constructor(name: string, fromCatalog: boolean, props: ExtensionOverrides & { readonly name: string }) {
    this.name = name;
    this.isFromCatalog = fromCatalog;
    this.reference = props.reference;
    this._spec = extensionSpec(props);
  }
}
