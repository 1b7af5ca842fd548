import { ClusterManifest, isSet, list, parametersOf, specOf, str, violation as v } from './common';
import { parsePostgresQuantityValue } from './go';
import { show, Violation } from '../../common/errors';
import { pathJoin } from '../../common/json';
import { parseQuantity } from '../quantity';

// The Cluster webhook's rules on volumes, tablespaces and resources (internal/webhook/v1/cluster_webhook.go,
// CloudNativePG 1.30.0).

/** `validateStorageConfigurationSize`: a size that parses, or a storage request in the pvcTemplate. */
export function storageConfigurationSize(path: string, storage: any): Violation[] {
  const size = str(storage?.size);
  const out: Violation[] = [];
  if (size !== '' && parseQuantity(size) === undefined) {
    out.push(v(`${path}.size`, `${show(size)} is not a quantity; expected e.g. "10Gi"`, "Size value isn't valid"));
  }
  const request = storage?.pvcTemplate?.resources?.requests?.storage;
  const requested = request !== undefined && (parseQuantity(String(request)) ?? 0) !== 0;
  if (size === '' && !(isSet(storage?.pvcTemplate) && requested)) {
    out.push(v(`${path}.size`, 'no size; set size (e.g. "10Gi") or a storage request in pvcTemplate', 'Size not configured. Please add it, or a storage request in the pvcTemplate.'));
  }
  return out;
}

/** `validateStorageSize`. */
export function validateStorageSize(cluster: ClusterManifest): Violation[] {
  return storageConfigurationSize('spec.storage', specOf(cluster).storage);
}

/** `validateWalStorageSize`: when a WAL volume is configured, including through its pvcTemplate. */
export function validateWalStorageSize(cluster: ClusterManifest): Violation[] {
  const wal = specOf(cluster).walStorage;
  return isSet(wal) ? storageConfigurationSize('spec.walStorage', wal) : [];
}

/** `validateEphemeralVolumeSource`: not with `ephemeralVolumesSizeLimit.temporaryData`. */
export function validateEphemeralVolumeSource(cluster: ClusterManifest): Violation[] {
  const spec = specOf(cluster);
  if (!isSet(spec.ephemeralVolumeSource) || !isSet(spec.ephemeralVolumesSizeLimit?.temporaryData)) return [];
  return [v('spec.ephemeralVolumeSource', 'ephemeralVolumeSource and ephemeralVolumesSizeLimit.temporaryData are both set; the volume source defines the size, remove one',
    'Conflicting settings: provide either ephemeralVolumeSource or ephemeralVolumesSizeLimit.TemporaryData, not both.')];
}

/** `validateTablespaceStorageSize`. */
export function validateTablespaceStorageSize(cluster: ClusterManifest): Violation[] {
  return list(specOf(cluster).tablespaces).flatMap((t, i) => storageConfigurationSize(`spec.tablespaces[${i}].storage`, t?.storage));
}

const POSTGRES_IDENTIFIER = /^[a-zA-Z_][a-zA-Z0-9_$]*$/;

/** `IsTablespaceNameValid`: the error, or undefined. */
function tablespaceNameError(name: string): string | undefined {
  if (name.startsWith('pg_')) return "tablespace names beginning 'pg_' are reserved for Postgres";
  if (!POSTGRES_IDENTIFIER.test(name)) return "tablespace names must be valid Postgres identifiers: alphanumeric characters, '_', '$', and must start with a letter or an underscore";
  if (name.length > 63) return 'the maximum length of an identifier is 63 characters';
  return undefined;
}

/** `specs.VolumeMountNameForTablespace`: `tbs-` and the name made a lower-case DNS label. */
export function tablespaceVolumeName(name: string): string {
  const k8s = (name.startsWith('_') ? `1${name.slice(1)}` : name).replace(/\$/g, '-');
  return `tbs-${k8s.replace(/_/g, '-').toLowerCase()}`;
}

/** `validateTablespaceNames`: unique (case-insensitively), valid identifiers, distinct volume names. */
export function validateTablespaceNames(cluster: ClusterManifest): Violation[] {
  const out: Violation[] = [];
  const names = new Set<string>();
  const volumes = new Set<string>();
  list(specOf(cluster).tablespaces).forEach((t, i) => {
    const name = str(t?.name);
    const at = `spec.tablespaces[${i}]`;
    if (names.has(name.toLowerCase())) {
      out.push(v(at, `${show(name)} is declared twice (tablespace names are case-insensitive)`, 'duplicate tablespace name'));
      return;
    }
    names.add(name.toLowerCase());
    const error = tablespaceNameError(name);
    if (error) out.push(v(at, `${show(name)} is not a tablespace name: ${error}`, error));
    const volume = tablespaceVolumeName(name);
    if (volumes.has(volume)) {
      out.push(v(at, `${show(name)} becomes volume ${show(volume)}, as another tablespace does`,
        `tablespace name results in duplicate volume name "${volume}" after sanitization (special characters are converted to hyphens)`));
    }
    volumes.add(volume);
  });
  return out;
}

/** `validateTablespaceBackupSnapshot`: snapshot classes name declared tablespaces. */
export function validateTablespaceBackupSnapshot(cluster: ClusterManifest): Violation[] {
  const spec = specOf(cluster);
  const classes = spec.backup?.volumeSnapshot?.tablespaceClassName;
  if (!isSet(classes) || typeof classes !== 'object') return [];
  const declared = new Set(list(spec.tablespaces).map((t) => str(t?.name)));
  return Object.keys(classes).filter((name) => !declared.has(name)).map((name) => v('spec.backup.volumeSnapshot.tablespaceClassName', `${show(name)} is not a tablespace of the Cluster; declare it in tablespaces or remove the key`,
    `specified the VolumeSnapshot backup configuration for the tablespace: ${name}, but it can't be found in the '.spec.tablespaces' stanza`));
}

function quantity(x: unknown): number {
  return x === undefined || x === null ? 0 : parseQuantity(String(x)) ?? 0;
}

/** `validateResources`: requests within limits, HugePages, memory for shared_buffers. */
export function validateResources(cluster: ClusterManifest): Violation[] {
  const resources = specOf(cluster).resources;
  const req = isSet(resources?.requests) ? resources.requests : {};
  const lim = isSet(resources?.limits) ? resources.limits : {};
  const out: Violation[] = [];
  const compare = (key: string, path: string, label: string, upstream: string) => {
    const r = quantity(req[key]);
    const l = quantity(lim[key]);
    if (r !== 0 && l !== 0 && r > l) out.push(v(path, `${label} request ${show(String(req[key]))} is greater than the limit ${show(String(lim[key]))}`, upstream));
  };
  compare('cpu', 'spec.resources.requests.cpu', 'CPU', 'CPU request is greater than the limit');
  compare('memory', 'spec.resources.requests.memory', 'memory', 'Memory request is greater than the limit');
  const hugePages = new Map<string, number>();
  for (const [name, value] of Object.entries(lim)) if (name.startsWith('hugepages-')) hugePages.set(name, quantity(value));
  for (const [name, value] of Object.entries(req)) {
    if (!name.startsWith('hugepages-')) continue;
    if (hugePages.has(name)) {
      if (hugePages.get(name) !== quantity(value)) {
        out.push(v(pathJoin('spec.resources.requests', name), `${name} request ${show(String(value))} differs from its limit ${show(String(lim[name]))}; HugePages requests equal limits`,
          'HugePages requests must equal the limits'));
      }
      continue;
    }
    hugePages.set(name, quantity(value));
  }
  if (hugePages.size > 0 && !quantity(req.cpu) && !quantity(lim.cpu) && !quantity(req.memory) && !quantity(lim.memory)) {
    out.push(v('spec.resources', 'HugePages are requested without cpu or memory; request either', 'HugePages require cpu or memory'));
  }
  const raw = str(parametersOf(cluster).shared_buffers);
  const sharedBuffers = raw === '' ? undefined : parsePostgresQuantityValue(raw);
  const memory = quantity(req.memory);
  if (sharedBuffers !== undefined && memory !== 0 && sharedBuffers > memory && ![...hugePages.values()].some((h) => sharedBuffers <= h)) {
    out.push(v('spec.resources.requests', `memory request ${show(String(req.memory))} is lower than shared_buffers ${show(raw)} (and no HugePages size holds it)`,
      'Memory request is lower than PostgreSQL `shared_buffers` value'));
  }
  compare('ephemeral-storage', 'spec.resources.requests["ephemeral-storage"]', 'ephemeral storage', 'Ephemeral storage request is greater than the limit');
  return out;
}
