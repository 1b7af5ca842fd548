// Kubernetes resource quantities and PostgreSQL memory settings, parsed for comparisons.

const BINARY: { [suffix: string]: number } = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: { [suffix: string]: number } = { 'n': 1e-9, 'u': 1e-6, 'm': 1e-3, '': 1, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18 };
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|n|u|m|k|M|G|T|P|E)?$/;

/** The value of a Kubernetes quantity (`500m`, `1Gi`, `2e3`), or undefined when it does not parse. */
export function parseQuantity(q: string): number | undefined {
  const m = QUANTITY.exec(q);
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return n * BINARY[suffix];
  if (/^[eE]/.test(suffix)) return n * 10 ** Number(suffix.slice(1));
  return n * DECIMAL[suffix];
}

/**
 * Bytes of a PostgreSQL memory setting (`128MB`, `1 GB`, `8kB`; a bare number is read as MB, as the
 * operator's webhook does), or undefined when it does not parse.
 */
export function parsePostgresMemory(value: string): number | undefined {
  const m = /^(\d+)\s*(kB|MB|GB|TB|B)?$/.exec(value.trim());
  if (!m) return undefined;
  const unit = m[2] ?? 'MB';
  const factor: { [u: string]: number } = { B: 1, kB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30, TB: 2 ** 40 };
  return Number(m[1]) * factor[unit];
}

/** PostgreSQL boolean values (case-insensitive, and unambiguous prefixes of the words). */
export function parsePostgresBoolean(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (v === '') return undefined;
  if (v === 'on' || v === '1') return true;
  if (v === '0' || (v.length >= 2 && 'off'.startsWith(v))) return false;
  for (const word of ['true', 'yes']) if (word.startsWith(v)) return true;
  for (const word of ['false', 'no']) if (word.startsWith(v)) return false;
  return undefined;
}
