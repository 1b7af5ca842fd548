/**
 * `npx projen prop-shapes` (also run by `npx projen compile`, after jsii): regenerates
 * src/resource/prop-shapes.generated.ts from the jsii assembly (`.jsii`) and those of its dependencies.
 *
 * The file describes every type a caller can hand to the library's public API (constructor props, method
 * and factory arguments), transitively: struct fields with their types and whether they are required,
 * enums with their values, and what an object must have to pass for a class or an interface. The resource
 * base checks incoming props against it (src/resource/props-check.ts), so that a plain JavaScript caller
 * gets the same quality of error as a TypeScript one. The description is data only: it imports nothing.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_OUT = path.join(ROOT, 'src', 'resource', 'prop-shapes.generated.ts');
const OWN = 'cdk8s-cnpg';

/** How messages name types of other assemblies: what they are and how one is made. */
const EXTERNAL_DESCRIPTIONS: { readonly [fqn: string]: string } = {
  'cdk8s.Size': 'a cdk8s Size (e.g. Size.gibibytes(10))',
  'cdk8s.Duration': 'a cdk8s Duration (e.g. Duration.seconds(30))',
  'cdk8s.ApiObjectMetadata': 'metadata ({ name, namespace, labels, annotations, ... })',
  'constructs.Construct': 'a construct (e.g. a Chart)',
  'constructs.IConstruct': 'a construct',
  'cdk8s-plus-28.ISecret': "a Secret reference, never a secret in plain text (e.g. kplus.Secret.fromSecretName(scope, 'id', 'my-secret'))",
  'cdk8s-plus-28.IConfigMap': "a ConfigMap reference (e.g. kplus.ConfigMap.fromConfigMapName(scope, 'id', 'my-config'))",
  'cdk8s-plus-28.Cpu': 'a cdk8s-plus Cpu (e.g. kplus.Cpu.units(1) or kplus.Cpu.millis(500))',
  'cdk8s-plus-28.EnvValue': "an environment value (e.g. kplus.EnvValue.fromValue('on') or kplus.EnvValue.fromSecretValue({ secret, key }))",
};

/**
 * Structs of other assemblies that take more keys than jsii sees (a TypeScript index signature the assembly
 * leaves out with `@jsii ignore`): their other keys are not refused.
 */
const OPEN_STRUCTS = new Set(['cdk8s.ApiObjectMetadata']);

/** A jsii type reference. */
interface TypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: TypeRef };
  readonly union?: { readonly types: TypeRef[] };
}

interface Parameter {
  readonly name: string;
  readonly type: TypeRef;
  readonly optional?: boolean;
  readonly variadic?: boolean;
}

interface Callable {
  readonly name?: string;
  readonly static?: boolean;
  readonly protected?: boolean;
  readonly parameters?: Parameter[];
  readonly returns?: { readonly type: TypeRef };
}

interface Property {
  readonly name: string;
  readonly type: TypeRef;
  readonly optional?: boolean;
  readonly static?: boolean;
  readonly protected?: boolean;
}

interface JsiiType {
  readonly fqn: string;
  readonly name: string;
  readonly kind: 'class' | 'interface' | 'enum';
  readonly namespace?: string;
  readonly datatype?: boolean;
  readonly abstract?: boolean;
  readonly base?: string;
  readonly interfaces?: string[];
  readonly initializer?: Callable;
  readonly methods?: Callable[];
  readonly properties?: Property[];
  readonly members?: Array<{ readonly name: string }>;
}

/** One described type (the generated file declares the same shape). */
interface Shape {
  k: 's' | 'c' | 'i' | 'e';
  d: string;
  f?: { [name: string]: string };
  o?: 1;
  m?: string[];
  p?: string[];
  v?: string[];
  n?: string[];
}

export interface GeneratePropShapesOptions {
  /** The assembly (default: `.jsii` at the repository root). */
  readonly jsiiFile?: string;
  /** Where the dependencies' assemblies are (default: node_modules at the repository root). */
  readonly nodeModules?: string;
  /** The library's module, for the values of its enums (default: src/, through the caller's loader). */
  readonly library?: { readonly [name: string]: unknown };
  /** File to write (default: src/resource/prop-shapes.generated.ts); omit writing with `write: false`. */
  readonly outFile?: string;
  readonly write?: boolean;
}

/** The generated file's text. Also writes it unless `write` is false. */
export function generatePropShapes(options: GeneratePropShapesOptions = {}): string {
  const jsiiFile = options.jsiiFile ?? path.join(ROOT, '.jsii');
  if (!fs.existsSync(jsiiFile)) throw new Error(`${jsiiFile} not found: run jsii first (npx projen compile)`);
  const own = JSON.parse(fs.readFileSync(jsiiFile, 'utf8'));
  const nodeModules = options.nodeModules ?? path.join(ROOT, 'node_modules');
  const types = new Map<string, JsiiType>(Object.entries(own.types) as Array<[string, JsiiType]>);
  for (const dependency of Object.keys(own.dependencies ?? {})) {
    const assembly = JSON.parse(fs.readFileSync(path.join(nodeModules, dependency, '.jsii'), 'utf8'));
    for (const [fqn, type] of Object.entries(assembly.types)) types.set(fqn, type as JsiiType);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const library = options.library ?? require('../src');

  const shapes = new Map<string, Shape>();
  const pending: string[] = [];
  const need = (fqn: string) => {
    if (!shapes.has(fqn) && !pending.includes(fqn)) pending.push(fqn);
  };
  const refText = (ref: TypeRef): string => {
    if (ref.primitive) return ref.primitive;
    if (ref.collection) {
      const element = refText(ref.collection.elementtype);
      return ref.collection.kind === 'array' ? `${element}[]` : `{${element}}`;
    }
    if (ref.union) return ref.union.types.map(refText).join('|');
    need(ref.fqn!);
    return shortName(ref.fqn!);
  };
  const publicApi = [...types.values()].filter((t) => t.fqn.startsWith(`${OWN}.`) && !t.namespace);

  // Roots: what a caller hands to the library's own (root-module) classes.
  const constructs: { [className: string]: string } = {};
  for (const type of publicApi) {
    if (type.kind !== 'class') continue;
    const callables = [...(type.initializer ? [type.initializer] : []), ...(type.methods ?? []).filter((m) => !m.protected)];
    for (const callable of callables) for (const p of callable.parameters ?? []) refText(p.type);
    const props = type.initializer?.parameters?.[2];
    if (!type.abstract && props?.type.fqn && types.get(props.type.fqn)?.datatype && inherits(types, type, 'constructs.Construct')) {
      constructs[type.name] = shortName(props.type.fqn);
    }
  }

  while (pending.length > 0) {
    const fqn = pending.shift()!;
    const type = types.get(fqn);
    if (!type) throw new Error(`type ${fqn} is not in the assemblies read`);
    shapes.set(fqn, describe(type));
  }

  function describe(type: JsiiType): Shape {
    if (type.kind === 'enum') {
      const values = enumValues(type, library);
      const names = (type.members ?? []).map((m) => m.name);
      if (!values) throw new Error(`enum ${type.fqn}: its values are not known (not exported by the library)`);
      return { k: 'e', d: `${article(type.name)} ${type.name}`, v: names.map((n) => String(values[n])), n: names };
    }
    if (type.kind === 'interface' && type.datatype) {
      const f: { [name: string]: string } = {};
      for (const p of structProperties(types, type)) f[p.name] = `${refText(p.type)}${p.optional ? '?' : ''}`;
      return { k: 's', d: `${article(type.name)} ${type.name} object literal`, f, ...(OPEN_STRUCTS.has(type.fqn) ? { o: 1 as const } : {}) };
    }
    if (type.kind === 'interface') {
      const hasName = interfaceProperties(types, type).some((p) => p.name === 'name' && p.type.primitive === 'string' && !p.optional);
      return { k: 'i', d: EXTERNAL_DESCRIPTIONS[type.fqn] ?? ownDescription(types, type), ...(hasName ? { p: ['name'] } : {}) };
    }
    // a class: the methods it must answer (two suffice to tell it from anything else) and its required props
    const members = classMembers(types, type);
    const m = members.methods.slice(0, 2);
    const p = m.length > 0 ? [] : members.properties.slice(0, 3);
    return {
      k: 'c',
      d: EXTERNAL_DESCRIPTIONS[type.fqn] ?? ownDescription(types, type),
      ...(m.length > 0 ? { m } : {}),
      ...(p.length > 0 ? { p } : {}),
    };
  }

  const sorted = [...shapes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const body = sorted.map(([fqn, shape]) => `  ${JSON.stringify(shortName(fqn))}: ${JSON.stringify(shape)},`).join('\n');
  const constructLines = Object.entries(constructs).sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, p]) => `  ${JSON.stringify(c)}: ${JSON.stringify(p)},`).join('\n');
  const text = `// ~~ Generated by \`npx projen prop-shapes\` from the jsii assembly (.jsii). Do not edit.
/* eslint-disable */

/**
 * One type of the public API. k: s struct, c class, i interface, e enum; d: how messages name it;
 * f: struct fields (type reference, with "?" when optional: string, number, boolean, date, any, json, a
 * type name, X[] for a list, {X} for a map); o: the struct takes other keys too; m: methods an object must
 * have to pass for the class; p: properties it must have; v: enum values; n: enum member names.
 */
export interface PropShape {
  readonly k: 's' | 'c' | 'i' | 'e';
  readonly d: string;
  readonly f?: { readonly [name: string]: string };
  readonly o?: 1;
  readonly m?: readonly string[];
  readonly p?: readonly string[];
  readonly v?: readonly string[];
  readonly n?: readonly string[];
}

/** Every type reachable from the arguments of the library's public classes. */
export const PROP_SHAPES: { readonly [type: string]: PropShape } = {
${body}
};

/** The props struct of each construct class. */
export const CONSTRUCT_PROPS: { readonly [className: string]: string } = {
${constructLines}
};
`;
  if (options.write !== false) fs.writeFileSync(options.outFile ?? DEFAULT_OUT, text);
  return text;
}

/** The runtime values of an enum: the library's own, or those its assembly's module exports. */
function enumValues(type: JsiiType, library: { readonly [name: string]: unknown }): { [member: string]: string } | undefined {
  const [assembly, ...parts] = type.fqn.split('.');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  let node: any = assembly === OWN ? library : require(assembly);
  for (const part of parts) node = node?.[part];
  return node;
}

/** `Cluster` for the library's own root types, `cnpg.X` for its submodules, the fqn otherwise. */
function shortName(fqn: string): string {
  return fqn.startsWith(`${OWN}.`) ? fqn.slice(OWN.length + 1) : fqn;
}

function article(word: string): string {
  return /^[AEIOU]/.test(word) ? 'an' : 'a';
}

function inherits(types: Map<string, JsiiType>, type: JsiiType, fqn: string): boolean {
  for (let t: JsiiType | undefined = type; t; t = t.base ? types.get(t.base) : undefined) {
    if (t.base === fqn) return true;
  }
  return false;
}

/** A struct's fields, its own and those of the structs it extends. */
function structProperties(types: Map<string, JsiiType>, type: JsiiType): Property[] {
  const out = new Map<string, Property>();
  for (const base of type.interfaces ?? []) for (const p of structProperties(types, types.get(base)!)) out.set(p.name, p);
  for (const p of type.properties ?? []) out.set(p.name, p);
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

function interfaceProperties(types: Map<string, JsiiType>, type: JsiiType): Property[] {
  const out: Property[] = [...(type.properties ?? [])];
  for (const base of type.interfaces ?? []) {
    const t = types.get(base);
    if (t) out.push(...interfaceProperties(types, t));
  }
  return out;
}

/** Public instance methods and required instance properties of a class and its bases, sorted by name. */
function classMembers(types: Map<string, JsiiType>, type: JsiiType): { methods: string[]; properties: string[] } {
  const methods = new Set<string>();
  const properties = new Set<string>();
  for (let t: JsiiType | undefined = type; t; t = t.base ? types.get(t.base) : undefined) {
    if (t.fqn === 'constructs.Construct') break;
    for (const m of t.methods ?? []) if (!m.static && !m.protected && m.name) methods.add(m.name);
    for (const p of t.properties ?? []) if (!p.static && !p.protected && !p.optional) properties.add(p.name);
  }
  return { methods: [...methods].sort(), properties: [...properties].sort() };
}

/**
 * "a ClusterImage (ClusterImage.fromCatalog(catalog, major) or ClusterImage.fromName(imageName))": the
 * library's classes that implement the type and its static factories.
 */
function ownDescription(types: Map<string, JsiiType>, type: JsiiType): string {
  const subject = type.kind === 'interface' && /^I[A-Z]/.test(type.name) ? type.name.slice(1) : type.name;
  const ways: string[] = [];
  const constants = (type.properties ?? []).filter((p) => p.static && p.type.fqn === type.fqn).map((p) => p.name);
  if (constants.length > 0) ways.push(`one of ${type.name}.${constants.join(', ')}`);
  const implementers = [...types.values()].filter((t) => t.kind === 'class' && !t.abstract && t.fqn.startsWith(`${OWN}.`) && !t.namespace
    && t.initializer && !t.initializer.protected && implementsType(types, t, type.fqn));
  for (const c of implementers) ways.push(`new ${c.name}(...)`);
  for (const t of types.values()) {
    if (!t.fqn.startsWith(`${OWN}.`) || t.namespace || t.kind !== 'class') continue;
    for (const m of t.methods ?? []) {
      if (m.static && m.returns?.type.fqn === type.fqn && !m.protected) {
        ways.push(`${t.name}.${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`);
      }
    }
  }
  const how = ways.length > 0 ? ` (${ways.length > 4 ? `${ways.slice(0, 4).join(', ')}, ...` : ways.join(' or ')})` : '';
  return `${article(subject)} ${subject}${how}`;
}

function implementsType(types: Map<string, JsiiType>, type: JsiiType, fqn: string): boolean {
  if (type.fqn === fqn) return true;
  for (const i of type.interfaces ?? []) {
    const t = types.get(i);
    if (i === fqn || (t && implementsType(types, t, fqn))) return true;
  }
  const base = type.base ? types.get(type.base) : undefined;
  return base ? implementsType(types, base, fqn) : false;
}

if (require.main === module) {
  const file = DEFAULT_OUT;
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const after = generatePropShapes();
  const changed = before !== after;
  process.stdout.write(`${path.relative(ROOT, file)}: ${changed ? 'updated' : 'unchanged'}\n`);
  // jsii compiled the previous description into lib/: compile again so that lib/ carries this one
  if (changed && process.argv.includes('--recompile-if-changed')) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const result = require('child_process').spawnSync('npx', ['jsii', '--silence-warnings=reserved-word'], { cwd: ROOT, stdio: 'inherit' });
    process.exit(result.status ?? 1);
  }
}
