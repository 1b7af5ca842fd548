import * as fs from 'fs';
import * as path from 'path';
import type { Tags } from 'yaml';

// Reading YAML the way kubectl does (sigs.k8s.io/yaml on go-yaml v2: YAML 1.1): an unquoted on, off,
// yes, no, y or n is a boolean, 0755 is octal; but a timestamp-looking or sexagesimal (1:30) scalar stays
// a string, as go-yaml v2 decodes them into interface{}.

/** One document of a YAML stream. */
export interface YamlDocument {
  /** Position in the stream, from 0. */
  readonly index: number;
  /** The document as JSON data (undefined when the document is empty or unreadable). */
  readonly value?: unknown;
  /** Why the document could not be read. */
  readonly error?: string;
}

let YAML: typeof import('yaml') | undefined;

/** go-yaml v2 keeps these YAML 1.1 scalars as strings. */
function kubectlTags(tags: Tags): Tags {
  return tags.filter((t: any) => t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME');
}

/** Parses a multi-document YAML stream as kubectl reads it. */
export function parseKubectlYaml(text: string): YamlDocument[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  YAML ??= require('yaml') as typeof import('yaml');
  const docs = YAML.parseAllDocuments(text, { version: '1.1', customTags: kubectlTags, merge: true, uniqueKeys: true, prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  return list.map((doc: any, index: number) => {
    if (doc.errors?.length > 0) {
      return { index, error: doc.errors.map((e: Error) => e.message.split('\n')[0]).join('; ') };
    }
    try {
      return { index, value: doc.toJS({ maxAliasCount: 1000 }) ?? undefined };
    } catch (e) {
      return { index, error: (e as Error).message };
    }
  });
}

/** Every `.yaml` and `.yml` file under a folder, recursively, in name order. */
export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** Every document of every YAML file under a folder, read as kubectl reads it; throws on a document that is not YAML. */
export function readManifestDir(dir: string): unknown[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`not a folder: ${dir}`);
  const out: unknown[] = [];
  for (const file of yamlFiles(dir)) {
    for (const doc of parseKubectlYaml(fs.readFileSync(file, 'utf8'))) {
      if (doc.error !== undefined) throw new Error(`${file}#${doc.index}: not YAML: ${doc.error}`);
      if (doc.value !== undefined && doc.value !== null) out.push(doc.value);
    }
  }
  return out;
}
