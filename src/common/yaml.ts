import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';

/** One YAML document of a file. */
export interface YamlDocument {
  /** File it came from. */
  readonly file: string;
  /** Index of the document in the file, from 0. */
  readonly index: number;
  /** The parsed document. */
  readonly doc: any;
}

/**
 * Parses multi-document YAML the way kubectl reads it: YAML 1.1, so an unquoted `on`, `yes` or `off` is
 * a boolean, not a string. Throws on a syntax error, naming the file and document.
 */
export function parseKubectlYaml(text: string, file = '<input>'): YamlDocument[] {
  const docs = YAML.parseAllDocuments(text, { version: '1.1' });
  const out: YamlDocument[] = [];
  docs.forEach((d, index) => {
    if (d.errors.length > 0) {
      throw new Error(`${file}#${index}: YAML error: ${d.errors[0].message}`);
    }
    const doc = d.toJSON();
    if (doc !== null && doc !== undefined) out.push({ file, index, doc });
  });
  return out;
}

/** Every `.yaml`, `.yml` and `.json` file under a folder, recursively, sorted. */
export function manifestFiles(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new Error(`not a folder: ${dir}`);
  }
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/.test(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Every document of every manifest file under a folder. */
export function readManifestDir(dir: string): YamlDocument[] {
  return manifestFiles(dir).flatMap((f) => parseKubectlYaml(fs.readFileSync(f, 'utf8'), f));
}
