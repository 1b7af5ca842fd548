import { show, Violation } from '../common/errors';
import { ImageReference } from '../common/image-reference';
import { DNS_LABEL } from '../common/names';
import { goCleanPath } from './cluster/go';

// The rules the CNPG CRDs and admission webhook enforce, written once and shared by the constructs
// (which check their props at construction or synth) and the manifest validator (which checks any
// YAML). Inputs are plain data in the library's camelCase shape; each rule returns violations.

// ---------------------------------------------------------------------------------------------
// Image references

/** Parses a reference; undefined when it is not a well-formed OCI reference. */
export function parseImageReference(ref: string): ImageReference | undefined {
  const parsed = ImageReference.parse(ref);
  return parsed.valid ? parsed : undefined;
}

/** Expected form of a pinned reference, for messages. */
export const PINNED_FORM = '<registry>/<repository>[:<tag>]@sha256:<64 hex digits>';

/** A non-empty, parsable image reference (given as text, or parsed); digest-pinned when `requireDigest`. */
export function imageReferenceViolations(path: string, ref: unknown, requireDigest: boolean): Violation[] {
  if (ref instanceof ImageReference) return parsedReferenceViolations(path, ref, requireDigest);
  if (typeof ref !== 'string' || ref.length === 0) {
    return [{ path, message: `image is ${show(ref)}; expected a non-empty image reference`, source: 'library', warning: true }];
  }
  return parsedReferenceViolations(path, ImageReference.parse(ref), requireDigest);
}

function parsedReferenceViolations(path: string, ref: ImageReference, requireDigest: boolean): Violation[] {
  if (!ref.valid) {
    return [{ path, message: `${show(ref.text)} is not a valid image reference; expected ${PINNED_FORM}`, source: 'library', warning: true }];
  }
  if (requireDigest && !ref.pinned) return [notPinned(path, ref.text)];
  return [];
}

/** A pull policy spelt as Kubernetes spells them (the CRDs take any string; a pod would not start). */
export function pullPolicyViolations(path: string, policy: unknown): Violation[] {
  if (policy === undefined || PULL_POLICIES.includes(policy as string)) return [];
  return [{ path, message: `${show(policy)} is not a pull policy; expected one of ${PULL_POLICIES.join(', ')}`, source: 'library', warning: true }];
}

/** The library's digest-pinning rule, one message for every image the library writes. */
export function notPinned(path: string, ref: string): Violation {
  return {
    path,
    message: `${show(ref)} is not digest-pinned; expected ${PINNED_FORM} (a tag can be moved, a digest cannot), or set requireDigest: false`,
    source: 'library',
    warning: true,
  };
}

// ---------------------------------------------------------------------------------------------
// Extension image volumes (spec.postgresql.extensions[] and catalog images[].extensions[])

/** An extension in the library's camelCase shape (env as ordered name/value pairs). */
export interface ExtensionInput {
  readonly name: string;
  readonly reference?: string;
  readonly pullPolicy?: string;
  readonly extensionControlPath?: readonly string[];
  readonly dynamicLibraryPath?: readonly string[];
  readonly ldLibraryPath?: readonly string[];
  readonly binPath?: readonly string[];
  readonly env?: ReadonlyArray<readonly [string, string]>;
}

/** CRD: `spec.postgresql.extensions[].name` pattern. */
export const EXTENSION_NAME_PATTERN = /^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$/;
/** CRD: `spec.postgresql.extensions[].name` maxLength. */
export const EXTENSION_NAME_MAX_LENGTH = 59;
/** CRD: extension env var name pattern. */
export const ENV_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Kubernetes image pull policies. */
export const PULL_POLICIES = ['Always', 'Never', 'IfNotPresent'];

const PATH_FIELDS: ReadonlyArray<readonly [keyof ExtensionInput, string]> = [
  ['extensionControlPath', 'extension_control_path'],
  ['dynamicLibraryPath', 'dynamic_library_path'],
  ['ldLibraryPath', 'ld_library_path'],
  ['binPath', 'bin_path'],
];

/** The volume name the operator derives from an extension name. */
export function extensionVolumeName(name: string): string {
  return `ext-${name.replace(/_/g, '-')}`;
}

/**
 * True when `p` stays inside the extension directory, as the webhook checks it: Go's `filepath.Clean(p)`
 * must not start with `..` (an absolute path is read relative to the image root, so `/../x` stays inside).
 */
export function staysInside(p: string): boolean {
  return !goCleanPath(p).startsWith('..');
}

/**
 * Placeholders other than `${image_root}` in an env value (`FindUnknownPlaceholders`): a run of `$` before
 * `{name}` is a placeholder when odd (`$${x}` is an escaped literal, `$$${x}` a placeholder).
 */
export function unsupportedPlaceholders(value: string): string[] {
  const bad: string[] = [];
  for (const m of value.matchAll(/(\$+)\{([^}]+)\}/g)) {
    if (m[1].length % 2 === 1 && m[2] !== 'image_root') bad.push(`\${${m[2]}}`);
  }
  return bad;
}

/** Env names the operator reserves; undefined when free. Returns the webhook's message. */
export function reservedEnvMessage(name: string, index: number): string | undefined {
  if (name === 'PATH') return `PATH must be configured via spec.postgresql.extensions[${index}].bin_path`;
  if (name === 'LD_LIBRARY_PATH') return `LD_LIBRARY_PATH must be configured via spec.postgresql.extensions[${index}].ld_library_path`;
  if (isOperatorEnv(name)) return RESERVED_ENV_MESSAGE;
  return undefined;
}

/** The webhook's message for an environment variable the operator reserves. */
export const RESERVED_ENV_MESSAGE = 'the usage of this environment variable is reserved for the operator';

/** Environment variables the operator sets itself (PG*, CNPG_*, POD_NAME, NAMESPACE, CLUSTER_NAME). */
export function isOperatorEnv(name: string): boolean {
  const upper = name.toUpperCase();
  return upper.startsWith('PG') || upper.startsWith('CNPG_') || ['POD_NAME', 'NAMESPACE', 'CLUSTER_NAME'].includes(upper);
}

/** Options for {@link extensionViolations}. */
export interface ExtensionViolationsOptions {
  /** Path prefix of the list, e.g. `spec.postgresql.extensions` or `images[2].extensions`. */
  readonly at: string;
  /** Require an image reference on every entry (the Cluster has no catalog defining it). */
  readonly requireReference?: boolean;
  /** Require digest-pinned references. */
  readonly requireDigest?: boolean;
  /** Check the entries from this index on (those before it only count for duplicates). */
  readonly from?: number;
  /** References already parsed, by entry index. */
  readonly references?: ReadonlyArray<readonly [number, ImageReference]>;
}

/** Every CRD and webhook rule on a list of extensions. */
export function extensionViolations(exts: readonly ExtensionInput[], opts: ExtensionViolationsOptions): Violation[] {
  const out: Violation[] = [];
  const byVolume = new Map<string, string>();
  const seen = new Set<string>();
  const from = opts.from ?? 0;
  const parsed = new Map(opts.references ?? []);
  exts.forEach((ext, i) => {
    const at = `${opts.at}[${i}]`;
    const name = ext.name;
    if (i < from) {
      if (typeof name === 'string') {
        seen.add(name);
        byVolume.set(extensionVolumeName(name), name);
      }
      return;
    }
    if (typeof name !== 'string' || name.length === 0) {
      out.push({ path: `${at}.name`, message: 'extension name is empty; expected a name such as "pgvector"', source: 'webhook', upstream: 'value cannot be empty' });
      return;
    }
    if (name.length > EXTENSION_NAME_MAX_LENGTH) {
      out.push({ path: `${at}.name`, message: `${show(name)} is ${name.length} characters; at most ${EXTENSION_NAME_MAX_LENGTH} are accepted`, source: 'CRD schema' });
    }
    if (!EXTENSION_NAME_PATTERN.test(name)) {
      out.push({
        path: `${at}.name`,
        message: `${show(name)} does not match ${EXTENSION_NAME_PATTERN.source} (lowercase letters, digits, "-" and "_", starting and ending with a letter or digit)`,
        source: 'CRD schema',
      });
    }
    if (seen.has(name)) {
      out.push({ path: `${at}.name`, message: `extension ${show(name)} is listed twice; each name may appear once`, source: 'CRD schema', upstream: `Duplicate value: {"name":"${name}"}` });
    } else {
      seen.add(name);
      const volume = extensionVolumeName(name);
      const other = byVolume.get(volume);
      if (other !== undefined) {
        out.push({
          path: `${at}.name`,
          message: `${show(name)} and ${show(other)} both become volume ${show(volume)}`,
          source: 'webhook',
          upstream: `extension name results in duplicate volume name "${volume}" after sanitization (underscores are converted to hyphens)`,
        });
      } else {
        byVolume.set(volume, name);
      }
    }
    if (ext.reference === undefined || ext.reference === '') {
      if (ext.reference === '') {
        out.push({ path: `${at}.image.reference`, message: 'reference is empty', source: 'webhook', upstream: 'value cannot be empty' });
      } else if (opts.requireReference) {
        out.push({
          path: `${at}.image.reference`,
          message: `extension ${show(name)} has no image reference and no catalog defines it; give its image with Extension.fromImage()`,
          source: 'webhook',
          upstream: `Image reference for extension \`${name}\` must be set when no image catalog is configured`,
        });
      }
    } else {
      out.push(...imageReferenceViolations(`${at}.image.reference`, parsed.get(i) ?? ext.reference, opts.requireDigest ?? false));
    }
    out.push(...pullPolicyViolations(`${at}.image.pullPolicy`, ext.pullPolicy));
    for (const [field, wire] of PATH_FIELDS) {
      const list = ext[field] as readonly string[] | undefined;
      if (list === undefined) continue;
      const entries = new Set<string>();
      list.forEach((p, j) => {
        const where = `${at}.${wire}[${j}]`;
        if (typeof p !== 'string' || p.length === 0) {
          out.push({ path: where, message: 'path is empty; expected a path relative to the extension image root', source: 'webhook', upstream: 'value cannot be empty' });
          return;
        }
        if (!staysInside(p)) {
          out.push({ path: where, message: `${show(p)} leaves /extensions/${name}; expected a path inside the extension image`, source: 'webhook', upstream: 'path must not escape the extension directory' });
        }
        if (entries.has(p)) {
          out.push({ path: where, message: `${show(p)} is listed twice`, source: 'webhook', upstream: `Duplicate value: "${p}"` });
        }
        entries.add(p);
      });
    }
    const envNames = new Set<string>();
    (ext.env ?? []).forEach(([envName, value], j) => {
      const where = `${at}.env[${j}]`;
      if (!ENV_NAME_PATTERN.test(envName)) {
        out.push({ path: `${where}.name`, message: `${show(envName)} is not a valid variable name; expected ${ENV_NAME_PATTERN.source}`, source: 'CRD schema' });
      }
      const reserved = reservedEnvMessage(envName, i);
      if (reserved) {
        out.push({ path: `${where}.name`, message: `${show(envName)} is reserved by the operator`, source: 'webhook', upstream: reserved });
      }
      if (envNames.has(envName)) {
        out.push({ path: `${where}.name`, message: `${show(envName)} is set twice`, source: 'CRD schema', upstream: `Duplicate value: {"name":"${envName}"}` });
      }
      envNames.add(envName);
      if (typeof value !== 'string' || value.length === 0) {
        out.push({ path: `${where}.value`, message: `value of ${show(envName)} is empty; expected a non-empty string`, source: 'CRD schema' });
        return;
      }
      const bad = unsupportedPlaceholders(value);
      if (bad.length > 0) {
        out.push({
          path: `${where}.value`,
          message: `${show(value)} uses ${bad.join(', ')}; only \${image_root} is replaced (write $\${...} for a literal)`,
          source: 'webhook',
          upstream: `unsupported placeholder(s): ${bad.join(', ')}; supported: \${image_root}`,
        });
      }
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Image catalogs (CRD: postgresql.cnpg.io_imagecatalogs.yaml / clusterimagecatalogs.yaml)

/** CRD limits of a catalog. */
export const CATALOG_MIN_IMAGES = 1;
export const CATALOG_MAX_IMAGES = 8;
export const CATALOG_MIN_MAJOR = 10;
export const CATALOG_MAX_COMPONENT_IMAGES = 32;
export const COMPONENT_KEY_PATTERN = DNS_LABEL; // the CRD spells out a DNS label
export const COMPONENT_KEY_MAX_LENGTH = 63;

/** A catalog major entry. */
export interface CatalogImageInput {
  readonly major: number;
  readonly image: string;
  readonly extensions?: readonly ExtensionInput[];
}

/** Rules on one catalog image entry (not the list-level ones). */
export function catalogImageViolations(at: string, entry: CatalogImageInput, requireDigest: boolean): Violation[] {
  const out: Violation[] = [];
  if (!Number.isInteger(entry.major) || entry.major < CATALOG_MIN_MAJOR) {
    out.push({ path: `${at}.major`, message: `major ${show(entry.major)} is not accepted; expected an integer >= ${CATALOG_MIN_MAJOR}`, source: 'CRD schema', upstream: `should be greater than or equal to ${CATALOG_MIN_MAJOR}` });
  }
  out.push(...imageReferenceViolations(`${at}.image`, entry.image, requireDigest));
  if (entry.extensions) {
    out.push(...extensionViolations(entry.extensions, { at: `${at}.extensions`, requireReference: true, requireDigest }));
  }
  return out;
}

/** 1 to 8 images (CRD minItems/maxItems). */
export function imageCountViolations(at: string, count: number): Violation[] {
  if (count < CATALOG_MIN_IMAGES) {
    return [{ path: at, message: `the catalog has no image; expected ${CATALOG_MIN_IMAGES} to ${CATALOG_MAX_IMAGES} images (add one with addImage())`, source: 'CRD schema', upstream: `should have at least ${CATALOG_MIN_IMAGES} items` }];
  }
  if (count > CATALOG_MAX_IMAGES) {
    return [{ path: at, message: `the catalog has ${count} images; at most ${CATALOG_MAX_IMAGES} are accepted`, source: 'CRD schema', upstream: `must have at most ${CATALOG_MAX_IMAGES} items` }];
  }
  return [];
}

/** Component image keys and count. */
export function componentImageViolations(at: string, entries: ReadonlyArray<readonly [string, string]>, requireDigest: boolean): Violation[] {
  const out: Violation[] = [];
  if (entries.length > CATALOG_MAX_COMPONENT_IMAGES) {
    out.push({ path: at, message: `${entries.length} component images; at most ${CATALOG_MAX_COMPONENT_IMAGES} are accepted`, source: 'CRD schema', upstream: `must have at most ${CATALOG_MAX_COMPONENT_IMAGES} items` });
  }
  const keys = new Set<string>();
  for (const [key, image] of entries) {
    const where = `${at}[${show(key)}]`;
    if (key.length > COMPONENT_KEY_MAX_LENGTH || !COMPONENT_KEY_PATTERN.test(key)) {
      out.push({ path: where, message: `key ${show(key)} is not a DNS label; expected ${COMPONENT_KEY_PATTERN.source}, at most ${COMPONENT_KEY_MAX_LENGTH} characters (e.g. "pgbouncer")`, source: 'CRD schema' });
    }
    if (keys.has(key)) {
      out.push({ path: where, message: `key ${show(key)} appears twice; each key may appear once`, source: 'CRD rule', upstream: 'Component image keys must be unique' });
    }
    keys.add(key);
    out.push(...imageReferenceViolations(where, image, requireDigest));
  }
  return out;
}
