import * as fs from 'fs';
import { ParsedArgs, UsageError } from './args';
import type { Command } from './command';
import type { CliIo } from './io';
import { CnpgValidation, IssueSeverity } from '../admission/cnpg-validation';
import { isCnpgObject } from '../admission/manifest';
import { formatViolation, pushAll } from '../common/errors';
import { isObject } from '../common/json';
import { listItems } from '../common/kube-list';
import { readKubectlDocuments, yamlFiles } from '../common/yaml';

// `cdk8s-cnpg validate FILE...`: every CNPG object in YAML files (hand-written, Helm-rendered or
// synthesised) checked as the API server would on create. Other documents are skipped, not errors.

const USAGE = `usage: cdk8s-cnpg validate [--json] [--strict] [--allow-empty] [--] FILE|DIR|- ...

Validates every CloudNativePG object (postgresql.cnpg.io/v1) in YAML files, read as kubectl reads them
(YAML 1.1, multi-document, lists item by item), against the CloudNativePG 1.30.0 CRD schemas, their CEL
rules and the operator's webhook rules. Other documents are skipped. A directory means every *.yaml and
*.yml file under it; - reads standard input; after -- every argument is a file, even one named like an option.

Errors are what the cluster would refuse. Warnings are the library's own rules, stricter than
CloudNativePG (digest-pinned images, image reference syntax, pull policy spelling): the cluster accepts them.

  --json          print one JSON report instead of lines
  --strict        fail on warnings too
  --allow-empty   exit 0 when the files hold no CloudNativePG object (by default that is an error,
                  so that a mistyped path or an empty render does not pass CI)
  -h, --help      print this help

exit status: 0 no CNPG object has an error (with --strict: nor a warning), 1 an object has one or a
document is unreadable, 2 usage or I/O error, or no CloudNativePG object found without --allow-empty`;

/** What became of one object. */
interface ObjectReport {
  readonly file: string;
  readonly document: number;
  /** Set for an item of a `kind: List` document. */
  readonly item?: number;
  readonly kind?: string;
  readonly name?: string;
  readonly status: 'valid' | 'invalid' | 'skipped' | 'unreadable';
  readonly issues: readonly ReportedIssue[];
}

interface ReportedIssue {
  readonly path: string;
  readonly message: string;
  readonly source?: string;
  /** `error` (the cluster refuses the object) or `warning` (the library's own stricter rule). */
  readonly severity: 'error' | 'warning';
  readonly upstream?: string;
  readonly text: string;
}

function objectName(obj: unknown): string {
  const meta = isObject(obj) && isObject(obj.metadata) ? obj.metadata : {};
  if (typeof meta.name === 'string' && meta.name !== '') return meta.name;
  if (typeof meta.generateName === 'string' && meta.generateName !== '') return `${meta.generateName}*`;
  return '<unnamed>';
}

function report(file: string, document: number, item: number | undefined, obj: unknown): ObjectReport {
  const kind = isObject(obj) && typeof obj.kind === 'string' ? obj.kind : undefined;
  const base = { file, document, item, kind, name: objectName(obj) };
  if (!isCnpgObject(obj)) return { ...base, status: 'skipped', issues: [] };
  const prefix = item === undefined ? '' : `items[${item}]`;
  const issues = CnpgValidation.validateManifest(obj).map((i): ReportedIssue => {
    const p = prefix && i.path ? `${prefix}${i.path.startsWith('[') ? '' : '.'}${i.path}` : prefix || i.path;
    // the issue's text holds its path (when it has one) after an optional "warning: ": the item's path replaces it
    const lead = i.severity === IssueSeverity.WARNING ? 'warning: ' : '';
    const rest = i.text.slice(lead.length);
    const text = !prefix ? i.text : `${lead}${i.path ? `${p}${rest.slice(i.path.length)}` : `${prefix}: ${rest}`}`;
    return { path: p, message: i.message, source: i.source, severity: i.severity, upstream: i.upstream, text };
  });
  const invalid = issues.some((i) => i.severity === IssueSeverity.ERROR);
  return { ...base, status: invalid ? 'invalid' : 'valid', issues };
}

function validateText(file: string, text: Uint8Array): ObjectReport[] {
  const out: ObjectReport[] = [];
  for (const doc of readKubectlDocuments(text)) {
    if (doc.error !== undefined) {
      out.push({ file, document: doc.index, status: 'unreadable', issues: [{ path: '', message: doc.error, severity: 'error', text: doc.error }] });
      continue;
    }
    const value = doc.value;
    if (value === undefined || value === null) continue; // an empty document, as kubectl ignores it
    // kubectl sends a list (any object with items: v1/List, ClusterList, ...) item by item
    const list = listItems(value);
    if (list?.error) {
      out.push({ file, document: doc.index, status: 'unreadable', issues: [{ path: list.error.path, message: list.error.message, severity: 'error', text: formatViolation(list.error) }] });
    } else if (list) {
      list.items.forEach((item: unknown, i: number) => out.push(report(file, doc.index, i, item)));
    } else {
      out.push(report(file, doc.index, undefined, value));
    }
  }
  return out;
}

function line(r: ObjectReport): string[] {
  const where = `${r.file}#${r.document}`;
  const what = r.kind ? `${r.kind}/${r.name}` : r.name;
  switch (r.status) {
    case 'unreadable':
      return [`${where} ${r.issues[0].text}`];
    case 'skipped':
      return [`${where} ${what}: skipped (not a CloudNativePG object)`];
    default: {
      const errors = r.issues.filter((i) => i.severity === 'error').map((i) => `${where} ${what} ${i.text}`);
      const warnings = r.issues.filter((i) => i.severity === 'warning').map((i) => `${where} ${what} ${i.text}`);
      return [...(r.status === 'valid' ? [`${where} ${what}: valid${warnings.length > 0 ? ` (${warnings.length} warning(s))` : ''}`] : errors), ...warnings];
    }
  }
}

/** `cdk8s-cnpg validate`. */
export const VALIDATE: Command = {
  name: 'validate',
  synopsis: 'validate FILE...',
  summary: 'validate CNPG objects in YAML files against the CRD schemas, CEL rules and webhook rules',
  usage: USAGE,
  options: { 'json': { type: 'boolean' }, 'strict': { type: 'boolean' }, 'allow-empty': { type: 'boolean' } },
  run: validateCommand,
};

function validateCommand(args: ParsedArgs, io: CliIo): number {
  const json = args.options.json === true;
  const strict = args.options.strict === true;
  const operands = args.operands;
  if (operands.length === 0) throw new UsageError('no file given');
  let ioError = false;
  let read = 0;
  const reports: ObjectReport[] = [];
  for (const operand of operands) {
    let files: string[];
    try {
      files = operand !== '-' && fs.statSync(operand).isDirectory() ? yamlFiles(operand) : [operand];
    } catch (e) {
      io.err(`cdk8s-cnpg validate: cannot read ${operand}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      ioError = true;
      continue;
    }
    for (const file of files) {
      let text: Buffer;
      try {
        text = fs.readFileSync(file === '-' ? 0 : file);
      } catch (e) {
        io.err(`cdk8s-cnpg validate: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        ioError = true;
        continue;
      }
      read++;
      pushAll(reports, validateText(file === '-' ? '<stdin>' : file, text));
    }
  }
  const count = (s: ObjectReport['status']) => reports.filter((r) => r.status === s).length;
  const warnings = reports.reduce((n, r) => n + r.issues.filter((i) => i.severity === 'warning').length, 0);
  const summary = { valid: count('valid'), invalid: count('invalid'), unreadable: count('unreadable'), skipped: count('skipped'), warnings };
  if (json) {
    io.out(JSON.stringify({ summary, strict, objects: reports }, undefined, 2));
  } else {
    for (const r of reports) for (const l of line(r)) io.out(l);
    const warned = warnings > 0 ? `; ${warnings} warning(s) from the library's own rules${strict ? ' (--strict: they fail)' : ' (the cluster accepts them; --strict fails on them)'}` : '';
    io.out(`${summary.valid + summary.invalid} CloudNativePG object(s): ${summary.valid} valid, ${summary.invalid} invalid; ${summary.skipped} other object(s) skipped${summary.unreadable > 0 ? `; ${summary.unreadable} unreadable document(s)` : ''}${warned}`);
  }
  if (ioError) return 2;
  if (summary.invalid + summary.unreadable > 0 || (strict && warnings > 0)) return 1;
  if (summary.valid === 0 && args.options['allow-empty'] !== true) {
    const from = operands.map((o) => (o === '-' ? 'standard input' : o)).join(', ');
    io.err(`cdk8s-cnpg validate: no CloudNativePG object found in ${read} YAML file(s) read from ${from}; check the path, or pass --allow-empty when none is expected`);
    return 2;
  }
  return 0;
}
