import * as fs from 'fs';
import * as path from 'path';
import { CnpgValidation, IssueSeverity } from '../src';
import { Admitted, ConformanceCase, Defaulted, isNotApplicable, Refused, Returns } from './conformance/format';
import { HELPERS, RULES, WARNINGS } from './conformance/helpers';
import { conformanceTable, SUITES, suiteCounts } from './conformance/suites';
import { HAS_REFERENCE, REFERENCE, upstreamSpecs } from './conformance/upstream';
import { admissionViolations, isCnpgObject } from '../src/admission/manifest';
import { Violation } from '../src/common/errors';
import { applyClusterDefaults, applyOperatorDefaults } from '../src/rules/defaults';
import { webhookUpdateViolations, webhookWarnings } from '../src/rules/webhook';

// Upstream's own webhook test cases (test/conformance/*.cases.ts), each fed to the library's validation.
// Format and how to add a webhook: test/conformance/README.md.

function label(c: ConformanceCase, i: number): string {
  return `${c.test} [${i}]`;
}

function get(obj: any, dotted: string): unknown {
  return dotted.split('.').reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);
}

function expectRefusal(found: readonly Violation[], e: Refused): void {
  const text = found.map((v) => `${v.path}: ${v.message} (${v.upstream})`).join('\n');
  const match = found.filter((v) => (e.field === undefined || v.path === e.field)
    && (e.message === undefined || (v.upstream ?? v.message).includes(e.message)));
  if (match.length === 0) {
    throw new Error(`expected an error${e.field ? ` at ${e.field}` : ''}${e.message ? ` with ${JSON.stringify(e.message)}` : ''}; got:\n${text || '(none)'}`);
  }
  for (const v of match) expect(v.message.length).toBeGreaterThan(0); // the library's own, actionable message
  if (e.count !== undefined) expect(found.map((v) => `${v.path}: ${v.upstream ?? v.message}`)).toHaveLength(e.count);
}

function expectWarnings(got: readonly string[], warnings: readonly string[]): void {
  expect(got).toHaveLength(warnings.length);
  warnings.forEach((w, i) => {
    if (!got[i].includes(w)) throw new Error(`expected warning ${i} to contain ${JSON.stringify(w)}; got ${JSON.stringify(got)}`);
  });
}

/** A case of one upstream validator: that validator alone, on the object as given (as upstream's test). */
function runRule(c: ConformanceCase, e: Admitted | Refused): void {
  const getter = WARNINGS[c.kind]?.get(c.rule!);
  if (getter) {
    expectWarnings(getter(c.object), (e as Admitted).warnings ?? []);
    return;
  }
  const rule = RULES[c.kind]?.get(c.rule!);
  if (!rule) throw new Error(`no validator ${c.rule} for ${c.kind} in test/conformance/helpers.ts`);
  const found = rule(c.object, c.old);
  if (e.allowed) expect(found.map((v) => `${v.path}: ${v.upstream ?? v.message}`)).toEqual([]);
  else expectRefusal(found, e);
}

/** The errors of the whole create path (not the library's own warnings: the cluster accepts what they flag). */
function errorsOf(m: unknown): string[] {
  return CnpgValidation.validateManifest(m).filter((i) => i.severity === IssueSeverity.ERROR).map((i) => i.text);
}

/** A case of the whole admission path: what the cluster would answer. */
function runWhole(c: ConformanceCase, e: Admitted | Refused): void {
  expect(isCnpgObject(c.object)).toBe(true);
  expect((c.object as any).kind).toBe(c.kind);
  if (e.allowed) {
    if (c.old !== undefined) expect(webhookUpdateViolations(c.old, c.object).map((v) => v.upstream)).toEqual([]);
    expect(errorsOf(c.object)).toEqual([]);
    if (e.warnings !== undefined) expectWarnings(webhookWarnings(applyClusterDefaults(c.object)), e.warnings);
    return;
  }
  expectRefusal(c.old !== undefined ? webhookUpdateViolations(c.old, c.object) : admissionViolations(c.object), e);
  // The whole create path refuses it too (the API server never stores it).
  if (c.old === undefined) expect(errorsOf(c.object).length).toBeGreaterThan(0);
}

function runDefaulted(c: ConformanceCase, e: Defaulted): void {
  const obj = JSON.parse(JSON.stringify(c.object));
  applyOperatorDefaults(c.kind, obj);
  expect(obj).toMatchObject(e.defaulted);
  for (const p of e.absent ?? []) expect([p, get(obj, p)]).toEqual([p, undefined]);
}

function run(c: ConformanceCase): void {
  const e = c.expect;
  if (isNotApplicable(e)) {
    // A reason a reviewer can check, not a placeholder.
    expect(e.notApplicable.length).toBeGreaterThanOrEqual(15);
    return;
  }
  if (c.call !== undefined) {
    const fn = HELPERS[c.call.fn];
    if (!fn) throw new Error(`no helper ${c.call.fn} in test/conformance/helpers.ts`);
    expect(fn(...c.call.args)).toEqual((e as Returns).returns);
    return;
  }
  if ('defaulted' in e) return runDefaulted(c, e);
  if ('allowed' in e) return c.rule !== undefined ? runRule(c, e) : runWhole(c, e);
  throw new Error(`case ${c.test}: unknown expectation ${JSON.stringify(e)}`);
}

describe.each(SUITES.map((s) => [s.webhook, s] as const))('%s', (_name, suite) => {
  it.each(suite.cases.map((c, i) => [label(c, i), c] as const))('%s', (_label, c) => {
    expect(c.upstream).toBe(suite.upstream);
    run(c);
  });
});

describe('conformance coverage', () => {
  const itWithReference = HAS_REFERENCE ? it : it.skip;
  if (!HAS_REFERENCE) {
    // eslint-disable-next-line no-console
    console.log(`conformance coverage skipped: it needs upstream's Go test files in ${REFERENCE} (../shared/reference/cnpg-1.30.0)`);
  }

  const what = 'every upstream spec is ported or listed as not applicable, and no case names a spec upstream lacks';
  itWithReference.each(SUITES.map((s) => [s.webhook, s] as const))(`%s: ${what}`, (_name, suite) => {
    const upstream = upstreamSpecs(suite.upstream);
    const data = new Set(suite.cases.map((c) => c.test));
    const missing = upstream.filter((s) => !data.has(s));
    const unknown = [...data].filter((s) => !upstream.includes(s));
    expect({ missing, unknown }).toEqual({ missing: [], unknown: [] });
    expect(suiteCounts(suite).specs).toBe(upstream.length);
  });

  it('the README table matches the data (regenerate it with conformanceTable() in test/conformance/suites.ts)', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const m = /<!-- conformance-table:start -->\n([\s\S]*?)\n<!-- conformance-table:end -->/.exec(readme);
    expect(m?.[1]).toBe(conformanceTable());
  });
});
