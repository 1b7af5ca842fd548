import { parsePostgresMemory } from '../../src/rules/quantity';

// Helpers that upstream tests call directly (a spec of a function, not of a manifest), by the name the
// cases' `call.fn` gives. The library's counterpart is named beside each.

/** The callable helpers, by name. */
export const HELPERS: { readonly [name: string]: (...args: any[]) => unknown } = {
  // parsePostgresQuantityValue (cluster_webhook.go): a PostgreSQL memory setting in bytes, or undefined
  parsePostgresQuantityValue: (value: string) => parsePostgresMemory(value),
};
