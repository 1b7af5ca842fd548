import { ExtensionImageProps } from './extension-image';
import * as cnpg from '../../imports/postgresql.cnpg.io';
import { defined } from '../common/defined';
import { ExtensionInput } from '../rules/rules';

// Conversions between the public extension props, the rule input shape and the L1 structs.

/** @internal */
export function extensionInput(props: ExtensionImageProps): ExtensionInput {
  return {
    name: props.name,
    reference: props.reference,
    pullPolicy: props.pullPolicy,
    extensionControlPath: props.extensionControlPath,
    dynamicLibraryPath: props.dynamicLibraryPath,
    ldLibraryPath: props.ldLibraryPath,
    binPath: props.binPath,
    env: props.env ? Object.entries(props.env) : undefined,
  };
}

/**
 * The L1 (camelCase) form of an extension. The bindings map `binPath` to `bin_path` and so on; a
 * snake_case key would be dropped silently by their toJson. Cluster, ImageCatalog and
 * ClusterImageCatalog extension structs share this shape.
 * @internal
 */
export function extensionToKube(ext: ExtensionInput): cnpg.ClusterSpecPostgresqlExtensions {
  const image = ext.reference !== undefined || ext.pullPolicy !== undefined
    ? { reference: ext.reference, pullPolicy: ext.pullPolicy }
    : undefined;
  return defined({
    name: ext.name,
    image: image ? defined(image) : undefined,
    extensionControlPath: ext.extensionControlPath ? [...ext.extensionControlPath] : undefined,
    dynamicLibraryPath: ext.dynamicLibraryPath ? [...ext.dynamicLibraryPath] : undefined,
    ldLibraryPath: ext.ldLibraryPath ? [...ext.ldLibraryPath] : undefined,
    binPath: ext.binPath ? [...ext.binPath] : undefined,
    env: ext.env ? ext.env.map(([name, value]) => ({ name, value })) : undefined,
  });
}
