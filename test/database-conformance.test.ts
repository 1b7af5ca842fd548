import * as fs from 'fs';
import * as path from 'path';
import { CnpgValidation } from '../src';
import { DATABASE_CASES } from './conformance/database.cases';
import { SHARED } from './util';
import { admissionViolations } from '../src/admission/manifest';

// Upstream's Database webhook specs (test/conformance/database.cases.ts), each fed to the library's
// admission path, in the conformance suite's format (a runner of its own until that suite is on main).

const UPSTREAM = path.join(SHARED, 'reference', 'cnpg-1.30.0', 'internal', 'webhook', 'v1', 'database_webhook_test.go');

describe('Database webhook conformance (internal/webhook/v1/database_webhook_test.go)', () => {
  test.each(DATABASE_CASES.map((c, i) => [`${c.test} [${i}]`, c] as const))('%s', (_label, c) => {
    expect(c.upstream).toBe('internal/webhook/v1/database_webhook_test.go');
    const e = c.expect;
    if (e.allowed) {
      expect(CnpgValidation.validateManifest(c.object).map((i) => i.text)).toEqual([]);
      return;
    }
    // the operator's rules return the error, with the library's own message beside the webhook's
    const found = admissionViolations(c.object);
    const match = found.filter((v) => (e.field === undefined || v.path === e.field) && (e.message === undefined || (v.upstream ?? '').includes(e.message)));
    expect(match.map((v) => v.path)).toEqual([e.field]);
    expect(match[0].message.length).toBeGreaterThan(0);
    if (e.count !== undefined) expect(found).toHaveLength(e.count);
    // and the whole create path refuses the object
    expect(CnpgValidation.validateManifest(c.object).length).toBeGreaterThan(0);
  });

  const itWithReference = fs.existsSync(UPSTREAM) ? it : it.skip;
  if (!fs.existsSync(UPSTREAM)) {
    // eslint-disable-next-line no-console
    console.log(`Database conformance coverage skipped: it needs ${UPSTREAM} (../shared/reference/cnpg-1.30.0)`);
  }
  itWithReference('covers every spec of the upstream file, and no other', () => {
    const source = fs.readFileSync(UPSTREAM, 'utf8');
    const describe_ = /Describe\("([^"]+)"/.exec(source)![1];
    const specs = [...source.matchAll(/\bIt\("((?:[^"\\]|\\.)*)"/g)].map((m) => `${describe_} > ${m[1]}`);
    expect(specs).toHaveLength(13);
    expect([...new Set(DATABASE_CASES.map((c) => c.test))]).toEqual(specs);
  });
});
