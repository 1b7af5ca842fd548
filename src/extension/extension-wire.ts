import { ExtensionOverrides } from './extension-image';
import * as cnpg from '../../imports/postgresql.cnpg.io';
import { defined } from '../common/defined';
import { ExtensionInput } from '../rules/rules';

// An extension has one internal shape, the spec (ExtensionInput, which the rules read), and three
// converters: public props → spec (here), spec → L1 (here), and manifest (wire) → spec (src/rules, for
// the admission rules on any YAML).

/** The spec of an extension given by public props (a catalog entry, or a Cluster's extension). @internal */
export function extensionSpec(props: ExtensionOverrides & { readonly name: string }): ExtensionInput {
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
