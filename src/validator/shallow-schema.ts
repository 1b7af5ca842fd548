import { SchemaNode } from './crd-schema';
import { AJV_FORMATS } from './formats';
import { isObject } from '../common/json';

// The shallow ajv schema of a CRD schema node: the node's own keywords, its children accepted as anything
// (the walk in schema-validator.ts visits them). Shared by the validator, which compiles these schemas at
// run time when it must, and by `npx projen import`, which precompiles them into
// imports/postgresql.cnpg.io.validators.ts: both must build exactly the same schema, key and ajv options.

/** Keywords copied as they are into the ajv schema. */
const VALUE_KEYWORDS = ['enum', 'minimum', 'maximum', 'multipleOf', 'pattern', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'required'];

/** The ajv options of the shallow validators (precompiled ones add only code generation options). */
export function shallowAjvOptions(): { [option: string]: any } {
  return {
    allErrors: true,
    strict: false,
    validateSchema: false, // the CRD schemas are the API server's: compiling ajv's meta-schema would only cost time
    addUsedSchema: false,
    code: { optimize: false },
    verbose: true,
    messages: false,
    unicodeRegExp: false, // CRD patterns are RE2; without the u flag JS accepts the same escapes
    formats: { ...AJV_FORMATS },
  };
}

/** The openAPIV3 value keywords of a node as JSON Schema (combinator branches and the like). */
function valueSchema(raw: any): any {
  if (raw === true || raw === false || !isObject(raw)) return raw;
  const out: any = {};
  if (raw.type !== undefined) out.type = raw.nullable === true ? [raw.type, 'null'] : raw.type;
  for (const k of VALUE_KEYWORDS) if (raw[k] !== undefined) out[k] = raw[k];
  if (out.enum && raw.nullable === true) out.enum = [...out.enum, null];
  // OpenAPI 3.0 boolean exclusive bounds
  if (raw.exclusiveMinimum === true && raw.minimum !== undefined) {
    out.exclusiveMinimum = raw.minimum;
    delete out.minimum;
  }
  if (raw.exclusiveMaximum === true && raw.maximum !== undefined) {
    out.exclusiveMaximum = raw.maximum;
    delete out.maximum;
  }
  if (typeof raw.format === 'string' && AJV_FORMATS[raw.format]) out.format = raw.format;
  for (const c of ['anyOf', 'allOf', 'oneOf']) if (Array.isArray(raw[c])) out[c] = raw[c].map(valueSchema);
  if (raw.not !== undefined) out.not = valueSchema(raw.not);
  if (isObject(raw.properties)) out.properties = Object.fromEntries(Object.entries(raw.properties).map(([k, v]) => [k, valueSchema(v)]));
  if (raw.items !== undefined) out.items = valueSchema(raw.items);
  return out;
}

/** The ajv schema of a node: its own keywords; children accepted as anything here, checked by the walk. */
export function shallowSchema(node: SchemaNode, isRoot: boolean): any {
  const out = valueSchema({ ...node.raw, properties: undefined, items: undefined, anyOf: node.intOrString ? undefined : node.raw.anyOf });
  if (node.intOrString) out.type = node.nullable ? ['integer', 'string', 'null'] : ['integer', 'string'];
  const isObjectNode = node.type === 'object' || node.properties !== undefined || node.additional !== undefined;
  if (isObjectNode) {
    const props: { [key: string]: any } = {};
    for (const key of node.properties?.keys() ?? []) props[key] = true;
    if (node.embedded || isRoot) {
      props.apiVersion ??= { type: 'string' };
      props.kind ??= { type: 'string' };
    }
    // ObjectMeta is validated by its own rules (metadata.ts), as the API server does
    if (node.embedded || isRoot) props.metadata = { type: 'object' };
    if (Object.keys(props).length > 0) out.properties = props;
    if (node.additional) {
      out.additionalProperties = true;
    } else if (!node.preserveUnknown && node.raw.additionalProperties !== true) {
      out.additionalProperties = false;
    }
  }
  if (node.items) out.items = true;
  return out;
}

/** The key that identifies a shallow schema: nodes with the same key share one validator. */
export function shallowKey(schema: unknown): string {
  return JSON.stringify(schema);
}
