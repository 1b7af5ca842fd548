import { show, Violation } from '../common/errors';

// CloudNativePG 1.30's validating admission webhook for Database (internal/webhook/v1/database_webhook.go),
// as rules over a manifest in wire format, and the Database CRD's create-time CEL rules that the construct
// also checks at construction. One source: the Database construct calls these functions on the lists it
// writes, and validateManifest() runs databaseWebhookViolations() on any Database.
//
// The webhook reports a duplicate as Go's `field.Duplicate` ("Duplicate value: ...") on the Go field path;
// for FDW and server usages that path says `usages` where the wire field is `usage`: the violations here
// carry the wire path, which is where the user finds the value.

const W = 'webhook' as const;

/** A named item of a Database list (extension, schema, FDW, server, option or usage). */
interface Named {
  readonly name?: unknown;
}

function list(value: unknown): readonly any[] {
  return Array.isArray(value) ? value : [];
}

/**
 * One violation for every item whose `name` repeats an earlier item's (the first stays valid), at
 * `<at>[<i>].name`, as the webhook reports duplicates of `spec.extensions`, `spec.schemas`, `spec.fdws`,
 * `spec.servers` and their `options` and `usage`.
 */
export function duplicateNameViolations(items: readonly Named[], at: string, what: string): Violation[] {
  const out: Violation[] = [];
  const first = new Map<unknown, number>();
  items.forEach((item, i) => {
    const name = item?.name;
    const earlier = first.get(name);
    if (earlier !== undefined) {
      out.push({
        path: `${at}[${i}].name`,
        message: `${what} ${show(name)} is listed twice (also at ${at}[${earlier}]); each name may appear once`,
        source: W,
        upstream: `Duplicate value: ${show(name)}`,
      });
    } else {
      first.set(name, i);
    }
  });
  return out;
}

/**
 * Duplicate names of a foreign data wrapper's or server's `options` and usages (`usageKey`: `usage` on
 * the wire, `usages` in the construct's props).
 */
function optionsAndUsages(item: any, at: string, usageKey: string): Violation[] {
  return [
    ...duplicateNameViolations(list(item?.options), `${at}.options`, 'option'),
    ...duplicateNameViolations(list(item?.[usageKey]), `${at}.${usageKey}`, 'usage'),
  ];
}

/** `spec.fdws`: unique names, and unique option and usage names within each. */
export function fdwViolations(fdws: readonly any[], at = 'spec.fdws', usageKey = 'usage'): Violation[] {
  const out = duplicateNameViolations(fdws, at, 'foreign data wrapper');
  fdws.forEach((fdw, i) => out.push(...optionsAndUsages(fdw, `${at}[${i}]`, usageKey)));
  return sortByPath(out);
}

/**
 * `spec.servers`: unique names, unique option and usage names within each, and (when `fdws` is given)
 * every server that is not `ensure: absent` names a foreign data wrapper of `fdws`.
 */
export function serverViolations(servers: readonly any[], fdws: readonly any[] | undefined, at = 'spec.servers', usageKey = 'usage'): Violation[] {
  const fdwNames = new Set((fdws ?? []).map((f) => f?.name));
  const out = duplicateNameViolations(servers, at, 'foreign server');
  servers.forEach((server, i) => {
    if (fdws !== undefined && server?.ensure !== 'absent' && !fdwNames.has(server?.fdw)) {
      out.push({
        path: `${at}[${i}].fdw`,
        message: `foreign server ${show(server?.name)} uses foreign data wrapper ${show(server?.fdw)}, which the Database does not define${fdwNames.size > 0 ? ` (it defines ${[...fdwNames].map((n) => show(n)).join(', ')})` : ''}; declare the wrapper in the same Database`,
        source: W,
        upstream: `Invalid value: ${show(server?.fdw)}: referenced fdw not defined in spec.fdws`,
      });
    }
    out.push(...optionsAndUsages(server, `${at}[${i}]`, usageKey));
  });
  return sortByPath(out);
}

/** Item order, then field (the order in which a reader meets them in the manifest). */
function sortByPath(violations: Violation[]): Violation[] {
  const key = (path: string) => path.replace(/\[(\d+)\]/g, (_, n: string) => `[${n.padStart(10, '0')}]`);
  return violations.sort((a, b) => (key(a.path) < key(b.path) ? -1 : key(a.path) > key(b.path) ? 1 : 0));
}

/** Every rule of the Database validating webhook on a Database manifest (wire format, after defaulting). */
export function databaseWebhookViolations(database: any): Violation[] {
  const spec = database?.spec ?? {};
  const fdws = list(spec.fdws);
  return [
    ...duplicateNameViolations(list(spec.extensions), 'spec.extensions', 'extension'),
    ...duplicateNameViolations(list(spec.schemas), 'spec.schemas', 'schema'),
    ...fdwViolations(fdws),
    ...serverViolations(list(spec.servers), fdws),
  ];
}

// ---------------------------------------------------------------------------------------------
// The Database CRD's create-time CEL rules, for the construct's checks at construction (the validator
// evaluates the CRD's own rules on the manifest at synth)

/** Database names PostgreSQL itself needs (CRD rules "the name postgres is reserved", ...). */
export const RESERVED_DATABASE_NAMES: readonly string[] = ['postgres', 'template0', 'template1'];

/** The locale providers `CREATE DATABASE ... LOCALE_PROVIDER` accepts, with the fields only each allows. */
const PROVIDER_FIELDS: ReadonlyArray<readonly [field: string, provider: string]> = [
  ['builtinLocale', 'builtin'],
  ['icuLocale', 'icu'],
  ['icuRules', 'icu'],
];

/** The CRD rules tying `builtinLocale`, `icuLocale` and `icuRules` to `localeProvider`. */
export function databaseLocaleViolations(spec: any, at = 'spec.'): Violation[] {
  const out: Violation[] = [];
  for (const [field, provider] of PROVIDER_FIELDS) {
    if (spec?.[field] !== undefined && spec?.localeProvider !== provider) {
      out.push({
        path: `${at}${field}`,
        message: `${field} ${show(spec[field])} needs localeProvider ${show(provider)}, but localeProvider is ${show(spec?.localeProvider)}`,
        source: 'CRD rule',
        upstream: `${field} is only available when localeProvider is set to \`${provider}\``,
      });
    }
  }
  return out;
}
