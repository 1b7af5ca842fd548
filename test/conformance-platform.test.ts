import { CnpgValidation } from '../src';
import { ConformanceCase, isNotApplicable, Refused } from './conformance/format';
import { PLATFORM_SUITES } from './conformance/platform-suites';
import { HAS_REFERENCE, REFERENCE, upstreamSpecs } from './conformance/upstream';
import { admissionViolations, isCnpgObject } from '../src/admission/manifest';
import { scheduledBackupWebhookWarnings } from '../src/rules/backup';
import { poolerWebhookWarnings } from '../src/rules/pooler';

// Upstream's Pooler, Backup and ScheduledBackup webhook specs (test/conformance/*.cases.ts), each fed to the
// library's validation: the format of test/conformance/README.md, until these suites join the shared runner.

/** The warnings of the kinds of these suites (Backup's webhook returns none). */
function warnings(manifest: any): string[] {
  if (manifest?.kind === 'Pooler') return poolerWebhookWarnings(manifest);
  if (manifest?.kind === 'ScheduledBackup') return scheduledBackupWebhookWarnings(manifest);
  return [];
}

function checkRefused(c: ConformanceCase, e: Refused): void {
  const found = admissionViolations(c.object);
  const text = found.map((v) => `${v.path}: ${v.message} (${v.upstream})`).join('\n');
  const match = found.filter((v) => (e.field === undefined || v.path === e.field) && (e.message === undefined || (v.upstream ?? '').includes(e.message)));
  if (match.length === 0) {
    throw new Error(`expected an error${e.field ? ` at ${e.field}` : ''}${e.message ? ` with ${JSON.stringify(e.message)}` : ''}; got:\n${text || '(none)'}`);
  }
  for (const v of match) expect(v.message.length).toBeGreaterThan(0); // the library's own, actionable message
  if (e.count !== undefined) expect(found).toHaveLength(e.count);
  // The whole create path refuses it too (the API server never stores it).
  expect(CnpgValidation.validateManifest(c.object).length).toBeGreaterThan(0);
}

function checkAdmitted(c: ConformanceCase, expected: readonly string[] | undefined): void {
  expect(CnpgValidation.validateManifest(c.object).map((i) => i.text)).toEqual([]);
  const got = warnings(c.object);
  for (const w of expected ?? []) {
    if (!got.some((g) => g.includes(w))) throw new Error(`expected a warning with ${JSON.stringify(w)}; got ${JSON.stringify(got)}`);
  }
  if (expected !== undefined) expect(got).toHaveLength(expected.length);
}

function run(c: ConformanceCase): void {
  const e = c.expect;
  if (isNotApplicable(e)) {
    expect(e.notApplicable.length).toBeGreaterThanOrEqual(15);
    return;
  }
  expect(isCnpgObject(c.object)).toBe(true);
  expect((c.object as any).kind).toBe(c.kind);
  if ('allowed' in e && e.allowed) return checkAdmitted(c, e.warnings);
  if ('allowed' in e && !e.allowed) return checkRefused(c, e);
  throw new Error(`case ${c.test}: unexpected expectation ${JSON.stringify(e)}`);
}

describe.each(PLATFORM_SUITES.map((s) => [s.webhook, s] as const))('%s webhook conformance', (_name, suite) => {
  it.each(suite.cases.map((c, i) => [`${c.test} [${i}]`, c] as const))('%s', (_label, c) => {
    expect(c.upstream).toBe(suite.upstream);
    run(c);
  });
});

describe('Pooler, Backup and ScheduledBackup conformance coverage', () => {
  const itWithReference = HAS_REFERENCE ? it : it.skip;
  if (!HAS_REFERENCE) {
    // eslint-disable-next-line no-console
    console.log(`conformance coverage skipped: it needs upstream's Go test files in ${REFERENCE} (../shared/reference/cnpg-1.30.0)`);
  }
  const what = 'every upstream spec is ported or listed as not applicable, and no case names a spec upstream lacks';
  itWithReference.each(PLATFORM_SUITES.map((s) => [s.webhook, s] as const))(`%s: ${what}`, (_name, suite) => {
    const upstream = upstreamSpecs(suite.upstream);
    const data = new Set(suite.cases.map((c) => c.test));
    const missing = upstream.filter((s) => !data.has(s));
    const unknown = [...data].filter((s) => !upstream.includes(s));
    expect({ missing, unknown }).toEqual({ missing: [], unknown: [] });
  });
});
