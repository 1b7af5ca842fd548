/**
 * `npx projen import`: regenerates imports/ from folders of CRD files, one API group per entry of CRD_GROUPS.
 *
 * For each group `<group>`:
 * - imports/<group>.ts: `cdk8s import --no-save` of ONE concatenated YAML of the group's CRDs (same-group
 *   CRDs imported separately overwrite each other).
 * - imports/<group>.schemas.ts: the openAPIV3Schema of every CRD of the entry, without descriptions, for the
 *   synth-time validator.
 * - imports/<group>.validators.ts: the validator's shallow ajv validators of every schema node of those
 *   CRDs, precompiled (ajv standalone code), so that validating needs neither ajv nor compilation at run time.
 *
 * A group's folder comes from its environment variable, or defaults to `../shared/crds/<folder>` (this
 * repository's development copy). Adding an API group is one entry of CRD_GROUPS.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import * as YAML from 'yaml';
import { forEachNode, schemaTree } from '../src/validator/crd-schema';
import { AJV_FORMATS } from '../src/validator/formats';
import { shallowAjvOptions, shallowKey, shallowSchema } from '../src/validator/shallow-schema';

/** One API group to import: its CRD files are `<folder>/<group>_<plural>.yaml`. */
export interface CrdGroup {
  /** The API group, e.g. `postgresql.cnpg.io`; also the name of the generated files. */
  readonly group: string;
  /** The default folder, under ../shared/crds. */
  readonly folder: string;
  /** The environment variable that overrides the folder. */
  readonly env: string;
  /** The CRDs (by plural) to import; each must be in the folder. */
  readonly plurals: readonly string[];
  /**
   * The one served version to bind and validate, by plural, for a CRD that serves several (a CRD serving
   * several must name one: the bindings would otherwise get a class per version and the schemas one entry
   * per kind would clash).
   */
  readonly versions?: { readonly [plural: string]: string };
}

/** Every API group the library binds and validates. */
export const CRD_GROUPS: readonly CrdGroup[] = [
  {
    group: 'postgresql.cnpg.io',
    folder: 'cnpg-1.30.0',
    env: 'CNPG_CRDS_DIR',
    plurals: [
      'backups', 'clusterimagecatalogs', 'clusters', 'databaseroles', 'databases', 'failoverquorums',
      'imagecatalogs', 'poolers', 'publications', 'scheduledbackups', 'subscriptions',
    ],
  },
  {
    group: 'barmancloud.cnpg.io',
    folder: 'plugin-barman-cloud-0.14.0',
    env: 'BARMAN_CLOUD_CRDS_DIR',
    plurals: ['objectstores'],
  },
  // Image-signature admission policies (src/policy/): the engines' CRDs, each at the version the library writes.
  {
    group: 'policy.sigstore.dev',
    folder: 'policy-controller-0.15.1',
    env: 'POLICY_CONTROLLER_CRDS_DIR',
    plurals: ['clusterimagepolicies'],
    versions: { clusterimagepolicies: 'v1beta1' },
  },
  {
    group: 'kyverno.io',
    folder: 'kyverno-1.19.0',
    env: 'KYVERNO_CRDS_DIR',
    plurals: ['clusterpolicies'],
    versions: { clusterpolicies: 'v1' },
  },
  {
    group: 'policies.kyverno.io',
    folder: 'kyverno-1.19.0',
    env: 'KYVERNO_CRDS_DIR',
    plurals: ['imagevalidatingpolicies'],
    versions: { imagevalidatingpolicies: 'v1' },
  },
];

const ROOT = path.resolve(__dirname, '..');

export interface ImportOptions {
  /** The folder of each group's CRD files, by group (a group left out uses its default under crdsRoot). */
  readonly crdsDirs?: { readonly [group: string]: string };
  /** The folder holding the groups' default folders (normally ../shared/crds). */
  readonly crdsRoot?: string;
  /** Where to write the generated files (normally `imports/`). */
  readonly outDir: string;
  /** The groups to import (default: CRD_GROUPS). */
  readonly groups?: readonly CrdGroup[];
}

interface CrdDoc {
  readonly file: string;
  readonly text: string;
  readonly crd: any;
}

function readCrds(entry: CrdGroup, crdsDir: string): CrdDoc[] {
  const { group } = entry;
  if (!fs.existsSync(crdsDir) || !fs.statSync(crdsDir).isDirectory()) {
    throw new Error(`${group} CRD folder not found: ${crdsDir} (set ${entry.env} to a folder of ${group}_*.yaml files)`);
  }
  const missing = entry.plurals.filter((plural) => !fs.existsSync(path.join(crdsDir, `${group}_${plural}.yaml`)));
  if (missing.length > 0) {
    throw new Error(`${crdsDir} lacks the ${group} CRDs the library binds: ${missing.join(', ')}`);
  }
  return entry.plurals.map((plural) => {
    const file = `${group}_${plural}.yaml`;
    const text = fs.readFileSync(path.join(crdsDir, file), 'utf8');
    const crd = YAML.parse(text);
    if (crd?.kind !== 'CustomResourceDefinition' || crd?.spec?.group !== group || crd?.spec?.names?.plural !== plural) {
      throw new Error(`${file}: not the ${group} CustomResourceDefinition of ${plural}`);
    }
    const served: string[] = crd.spec.versions.filter((v: any) => v.served).map((v: any) => v.name);
    const version = entry.versions?.[plural];
    if (version === undefined) {
      if (served.length > 1) throw new Error(`${file} serves ${served.join(', ')}: name the one to bind in the versions of ${group}`);
      return { file, text, crd };
    }
    if (!served.includes(version)) throw new Error(`${file} does not serve ${version} (it serves ${served.join(', ')})`);
    // Only the chosen version reaches the bindings, the schemas and the validators.
    const one = { ...crd, spec: { ...crd.spec, versions: crd.spec.versions.filter((v: any) => v.name === version) } };
    return { file, text: YAML.stringify(one), crd: one };
  });
}

/** Removes the documentation from a structural schema, keeping every validation keyword. */
function stripDescriptions(schema: any): any {
  if (Array.isArray(schema)) return schema.map(stripDescriptions);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description' && typeof value === 'string') continue;
    if (key === 'properties') {
      // property names are data, not keywords: a property may well be called "description"
      out.properties = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, stripDescriptions(v)]));
      continue;
    }
    out[key] = stripDescriptions(value);
  }
  return out;
}

function plurals(docs: CrdDoc[]): string {
  return docs.map((d) => d.crd.spec.names.plural).join(', ');
}

function generateBindings(group: string, docs: CrdDoc[], source: string): string {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cnpg-import-'));
  try {
    // One multi-document YAML: cdk8s writes one file per API group, so separate imports would overwrite each other.
    const bundle = docs.map((d) => d.text.replace(/^---\s*\n/, '')).join('\n---\n');
    const input = path.join(work, 'crds.yaml');
    fs.writeFileSync(input, bundle);
    const cli = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');
    execFileSync(cli, ['--no-check-upgrade', 'import', '--language', 'typescript', '--no-save', '--output', path.join(work, 'out'), input], {
      cwd: work,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const generated = fs.readFileSync(path.join(work, 'out', `${group}.ts`), 'utf8');
    const header = `// generated by \`npx projen import\` (cdk8s import --no-save) from the ${source} CRDs ${plurals(docs)}; do not edit\n`;
    return header + generated;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The served versions' schemas of a CRD, as the validator reads them. */
function servedVersions(crd: any): Array<{ version: string; schema: any; statusSubresource: boolean }> {
  return crd.spec.versions.filter((v: any) => v.served).map((v: any) => ({
    version: v.name,
    schema: stripDescriptions(v.schema.openAPIV3Schema),
    statusSubresource: v.subresources?.status !== undefined,
  }));
}

function generateSchemas(docs: CrdDoc[], source: string): string {
  const lines: string[] = [
    `// generated by \`npx projen import\` from the ${source} CRDs ${plurals(docs)} (openAPIV3Schema without descriptions); do not edit`,
    '/* eslint-disable */',
    '',
    '/** A CRD schema, kept as a JSON string and parsed only when a kind is first validated. */',
    'export interface CrdSchemaSource {',
    '  readonly group: string;',
    '  readonly version: string;',
    '  readonly kind: string;',
    '  readonly plural: string;',
    "  readonly scope: 'Namespaced' | 'Cluster';",
    '  /** The served version has the status subresource (the API server ignores `status` in a create or update). */',
    '  readonly statusSubresource: boolean;',
    '  readonly json: string;',
    '}',
    '',
    '/** Where the schemas come from. */',
    `export const CRD_SOURCE = ${JSON.stringify(source)};`,
    '',
    '/** Every CRD of the group, by kind. */',
    'export const CRD_SCHEMAS: { readonly [kind: string]: CrdSchemaSource } = {',
  ];
  const sorted = [...docs].sort((a, b) => a.crd.spec.names.kind.localeCompare(b.crd.spec.names.kind));
  for (const { crd } of sorted) {
    for (const { version, schema, statusSubresource } of servedVersions(crd)) {
      lines.push(`  ${crd.spec.names.kind}: {`);
      lines.push(`    group: ${JSON.stringify(crd.spec.group)},`);
      lines.push(`    version: ${JSON.stringify(version)},`);
      lines.push(`    kind: ${JSON.stringify(crd.spec.names.kind)},`);
      lines.push(`    plural: ${JSON.stringify(crd.spec.names.plural)},`);
      lines.push(`    scope: ${JSON.stringify(crd.spec.scope)},`);
      lines.push(`    statusSubresource: ${statusSubresource},`);
      lines.push(`    json: ${JSON.stringify(JSON.stringify(schema))},`);
      lines.push('  },');
    }
  }
  lines.push('};', '');
  return lines.join('\n');
}

/**
 * The shallow validators of every node of the group's kinds (src/validator/shallow-schema.ts), one per
 * distinct key, as ajv standalone code: TypeScript without type checks, compiled with the library.
 */
function generateValidators(docs: CrdDoc[], source: string): string {
  const schemas = new Map<string, unknown>();
  for (const { crd } of docs) {
    for (const { schema } of servedVersions(crd)) {
      // the tree the validator builds from CRD_SCHEMAS (JSON text), node for node
      const root = schemaTree(JSON.parse(JSON.stringify(schema)));
      forEachNode(root, (node) => {
        const shallow = shallowSchema(node, node === root);
        const key = shallowKey(shallow);
        if (!schemas.has(key)) schemas.set(key, shallow);
      });
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require('ajv').default;
  const options = shallowAjvOptions();
  const ajv = new Ajv({
    ...options,
    // the formats are the library's own functions, written into the generated file (FORMATS, below)
    code: { ...options.code, source: true, lines: true, formats: _`FORMATS` },
  });
  const refs: { [name: string]: string } = {};
  const keys = [...schemas.keys()];
  keys.forEach((key, i) => {
    ajv.addSchema(schemas.get(key), `shallow${i}`);
    refs[`v${i}`] = `shallow${i}`;
  });
  // `exports.v0 = validate0;` lines name each schema's function: the table below uses the names directly
  const names: string[] = [];
  const code = standaloneCode(ajv, refs)
    .replace(/^"use strict";\n?/, '')
    .replace(/^exports\.v(\d+) = (\w+);\n/gm, (_line: string, i: string, name: string) => {
      names[Number(i)] = name;
      return '';
    });
  if (keys.some((_key, i) => names[i] === undefined)) throw new Error('ajv standalone code: unexpected export lines');
  const lines = [
    `// generated by \`npx projen import\` from the ${source} CRDs ${plurals(docs)} (ajv standalone code of the validator's shallow schemas); do not edit`,
    '// @ts-nocheck',
    '/* eslint-disable */',
    '',
    '// the string formats the API server checks (src/validator/formats.ts), inlined',
    'const FORMATS = {',
    ...Object.entries(AJV_FORMATS).map(([name, f]) => `  ${JSON.stringify(name)}: { type: ${JSON.stringify(f.type)}, validate: ${f.validate.toString()} },`),
    '};',
    '',
    code.trimEnd(),
    '',
    '/** The precompiled shallow validators, by the key of their schema (src/validator/shallow-schema.ts). */',
    'export const SHALLOW_VALIDATORS: { readonly [key: string]: any } = {',
    ...keys.map((key, i) => `  ${JSON.stringify(key)}: ${names[i]},`),
    '};',
    '',
  ];
  return lines.join('\n');
}

/** The folder of a group's CRDs: the option, else its environment variable, else its default folder. */
function crdsDirOf(entry: CrdGroup, options: ImportOptions): string {
  return options.crdsDirs?.[entry.group]
    ?? process.env[entry.env]
    ?? path.join(options.crdsRoot ?? path.join(ROOT, '..', 'shared', 'crds'), entry.folder);
}

/** Generates every group's bindings, schemas and validators into `outDir`. Returns the paths written. */
export function importCrds(options: ImportOptions): string[] {
  const groups = options.groups ?? CRD_GROUPS;
  // read and generate everything before writing anything: a failing group leaves imports/ untouched
  const outputs: Array<[string, string]> = [];
  for (const entry of groups) {
    const crdsDir = crdsDirOf(entry, options);
    const docs = readCrds(entry, crdsDir);
    const source = path.basename(path.resolve(crdsDir));
    const out = (suffix: string) => path.join(options.outDir, `${entry.group}${suffix}.ts`);
    outputs.push(
      [out(''), generateBindings(entry.group, docs, source)],
      [out('.schemas'), generateSchemas(docs, source)],
      [out('.validators'), generateValidators(docs, source)],
    );
  }
  fs.mkdirSync(options.outDir, { recursive: true });
  for (const [file, text] of outputs) fs.writeFileSync(file, text);
  return outputs.map(([file]) => file);
}

if (require.main === module) {
  try {
    for (const f of importCrds({ outDir: path.join(ROOT, 'imports') })) {
      console.log(`wrote ${path.relative(ROOT, f)}`);
    }
  } catch (e) {
    console.error(`import failed: ${(e as Error).message}`);
    process.exit(1);
  }
}
