import { show, Violation } from '../common/errors';

// The Publication CRD's create-time CEL rules on `spec.target` (postgresql.cnpg.io_publications.yaml), for
// the construct's checks at construction (the validator evaluates the CRD's own rules on the manifest at
// synth; Publication and Subscription have no validating webhook in CloudNativePG 1.30), and the
// library's own rules on publication and subscription parameters.

/** The CRD's `maxItems` of `spec.target.objects`. */
export const MAX_PUBLICATION_OBJECTS = 100000;

/** Rules on a publication target in wire format (`{ allTables }` or `{ objects: [{ table } | { tablesInSchema }] }`). */
export function publicationTargetViolations(target: any, at = 'spec.target'): Violation[] {
  const out: Violation[] = [];
  const hasAll = target?.allTables !== undefined;
  const hasObjects = target?.objects !== undefined;
  if (hasAll === hasObjects) {
    out.push({
      path: at,
      message: hasAll ? 'both allTables and objects are set; publish all tables or a list of objects' : 'neither allTables nor objects is set; publish all tables or a list of objects',
      source: 'CRD rule',
      upstream: 'allTables and objects are mutually exclusive',
    });
  }
  const objects: any[] = Array.isArray(target?.objects) ? target.objects : [];
  if (hasObjects && objects.length === 0) {
    out.push({ path: `${at}.objects`, message: 'the list of objects is empty; publish at least one table or schema, or all tables', source: 'library' });
  }
  if (objects.length > MAX_PUBLICATION_OBJECTS) {
    out.push({ path: `${at}.objects`, message: `${objects.length} objects; at most ${MAX_PUBLICATION_OBJECTS} are accepted`, source: 'CRD schema', upstream: `must have at most ${MAX_PUBLICATION_OBJECTS} items` });
  }
  objects.forEach((o, i) => {
    if ((o?.table !== undefined) === (o?.tablesInSchema !== undefined)) {
      out.push({
        path: `${at}.objects[${i}]`,
        message: `${show(o)} must name either a table or a schema (tablesInSchema), not ${o?.table !== undefined ? 'both' : 'neither'}`,
        source: 'CRD rule',
        upstream: 'tablesInSchema and table are mutually exclusive',
      });
    }
  });
  const withColumns = objects.findIndex((o) => o?.table?.columns !== undefined);
  if (withColumns >= 0 && objects.some((o) => o?.tablesInSchema !== undefined)) {
    out.push({
      path: `${at}.objects[${withColumns}].table.columns`,
      message: `table ${show(objects[withColumns].table.name)} has a column list, and the publication also publishes tablesInSchema; PostgreSQL refuses the two together: publish the schema's tables one by one, or drop the column list`,
      source: 'CRD rule',
      upstream: 'specifying a column list when the publication also publishes tablesInSchema is not supported',
    });
  }
  return out;
}

/** A `WITH (...)` parameter name of `CREATE PUBLICATION` / `CREATE SUBSCRIPTION`: a plain SQL identifier. */
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The library's own rule on publication and subscription `parameters`: every name is a plain identifier
 * (PostgreSQL's parameters all are), so nothing but a parameter can reach the `WITH` clause.
 */
export function withParameterViolations(parameters: { [name: string]: unknown } | undefined, at: string): Violation[] {
  const out: Violation[] = [];
  for (const [name, value] of Object.entries(parameters ?? {})) {
    if (!PARAMETER_NAME.test(name)) {
      out.push({ path: `${at}[${show(name)}]`, message: `${show(name)} is not a parameter name; expected a plain identifier (letters, digits, "_")`, source: 'library' });
    }
    if (typeof value !== 'string') {
      out.push({ path: `${at}[${show(name)}]`, message: `${show(value)} is not a string; parameter values are strings (e.g. "true")`, source: 'CRD schema' });
    }
  }
  return out;
}
