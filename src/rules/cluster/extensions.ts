import { ClusterManifest, isSet, list, specOf, str, violation as v } from './common';
import { show, Violation } from '../../common/errors';
import { extensionVolumeName, reservedEnvMessage, staysInside, unsupportedPlaceholders } from '../rules';

// The Cluster webhook's `validateExtensions` (internal/webhook/v1/cluster_webhook.go, CloudNativePG 1.30.0),
// on `spec.postgresql.extensions` in wire format. The CRD schema's own checks (name pattern and length,
// unique names) are the validator's; the library's stricter ones (reference syntax, digests) the constructs'.

const PATH_FIELDS = ['extension_control_path', 'dynamic_library_path', 'ld_library_path', 'bin_path'];

/** `validateExtensions`: names, volume names, references without a catalog, path lists, env. */
export function validateExtensions(cluster: ClusterManifest): Violation[] {
  const spec = specOf(cluster);
  const out: Violation[] = [];
  const names = new Set<string>();
  const volumes = new Set<string>();
  list(spec.postgresql?.extensions).forEach((ext, i) => {
    const at = `spec.postgresql.extensions[${i}]`;
    const name = str(ext?.name);
    if (name === '') {
      out.push(v(`${at}.name`, 'extension name is empty; expected a name such as "pgvector"', 'value cannot be empty'));
      return;
    }
    if (names.has(name)) {
      out.push(v(`${at}.name`, `extension ${show(name)} is listed twice; each name may appear once`, `Duplicate value: ${JSON.stringify(name)}`));
      return;
    }
    names.add(name);
    const volume = extensionVolumeName(name);
    if (volumes.has(volume)) {
      out.push(v(`${at}.name`, `${show(name)} becomes volume ${show(volume)}, as another extension does; rename one`,
        `extension name results in duplicate volume name "${volume}" after sanitization (underscores are converted to hyphens)`));
    }
    volumes.add(volume);
    if (!isSet(spec.imageCatalogRef) && str(ext?.image?.reference) === '') {
      out.push(v(`${at}.image.reference`, `extension ${show(name)} has no image reference and the Cluster uses no catalog to define it; give its image`,
        `Image reference for extension \`${name}\` must be set when no image catalog is configured`));
    }
    for (const field of PATH_FIELDS) {
      const seen = new Set<string>();
      list(ext?.[field]).forEach((p, j) => {
        const where = `${at}.${field}[${j}]`;
        const path = str(p);
        if (path === '') {
          out.push(v(where, 'path is empty; expected a path relative to the extension image root', 'value cannot be empty'));
        } else if (seen.has(path)) {
          out.push(v(where, `${show(path)} is listed twice`, `Duplicate value: ${JSON.stringify(path)}`));
        } else if (!staysInside(path)) {
          out.push(v(where, `${show(path)} leaves /extensions/${name}; expected a path inside the extension image`, 'path must not escape the extension directory'));
        } else {
          seen.add(path);
        }
      });
    }
    const envNames = new Set<string>();
    list(ext?.env).forEach((e, j) => {
      const where = `${at}.env[${j}]`;
      const envName = str(e?.name);
      const reserved = reservedEnvMessage(envName, i);
      if (reserved) out.push(v(`${where}.name`, `${show(envName)} is set by the operator${reserved.includes('configured via') ? ', from the extension\'s path lists' : ''}`, reserved));
      const bad = unsupportedPlaceholders(str(e?.value));
      if (bad.length > 0) {
        out.push(v(`${where}.value`, `${show(e.value)} uses ${bad.join(', ')}; only \${image_root} is replaced (write $\${...} for a literal)`,
          `unsupported placeholder(s): ${bad.join(', ')}; supported: \${image_root}`));
      }
      if (envNames.has(envName)) out.push(v(`${where}.name`, `${show(envName)} is set twice`, `Duplicate value: ${JSON.stringify(envName)}`));
      envNames.add(envName);
    });
  });
  return out;
}
