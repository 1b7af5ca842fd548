// Kubernetes resource quantities, parsed for comparisons (PostgreSQL sizes: parsePostgresQuantityValue in cluster/go.ts).

const BINARY: { [suffix: string]: number } = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: { [suffix: string]: number } = { 'n': 1e-9, 'u': 1e-6, 'm': 1e-3, '': 1, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18 };
// a number, then a binary suffix, a decimal exponent (`e3`, `E-1`: its power is group 3), or a decimal suffix
// (a bare `E` is the exa suffix)
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[eE]([+-]?\d+)|n|u|m|k|M|G|T|P|E)?$/;

/** The value of a Kubernetes quantity (`500m`, `1Gi`, `2e3`), or undefined when it does not parse. */
export function parseQuantity(q: string): number | undefined {
  const m = QUANTITY.exec(q);
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return n * BINARY[suffix];
  if (m[3] !== undefined) return n * 10 ** Number(m[3]);
  return n * DECIMAL[suffix];
}
