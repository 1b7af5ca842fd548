import { hasShared, needsMarker } from './shared-data';

// The skip reporter (test/skip-reporter.js) lists skipped tests with the data they need and fails CI on a skip.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { skipReport } = require('./skip-reporter');

/** Jest's aggregated results with one file holding the given tests. */
function results(...tests: Array<{ title: string; ancestorTitles?: string[]; status: string }>): any {
  return { testResults: [{ testResults: tests.map((t) => ({ ancestorTitles: [], ...t })) }] };
}

describe('the skip reporter', () => {
  const skippedWithData = { ancestorTitles: [`npx projen import ${needsMarker(['crds/cnpg-1.30.0', 'catalogs'])}`], title: 'regenerates', status: 'pending' };

  test('names each skipped test with the data its marker names, then says how to get the data', () => {
    const { lines, error } = skipReport(results(skippedWithData, { title: 'runs', status: 'passed' }), {});
    expect(lines).toEqual([
      '',
      'Skipped tests (1):',
      '  ○ npx projen import › regenerates: needs reference data crds/cnpg-1.30.0, catalogs',
      '1 test(s) need the reference data (CloudNativePG CRDs, signed official catalogs) and were skipped.',
      'To run them, put the reference data in ../shared beside the repository, or point CNPG_SHARED_DIR at it:',
      'see "Reference data" in CONTRIBUTING.md for where each folder comes from.',
    ]);
    expect(error).toBeUndefined();
  });

  test('a test skipped without a marker is listed as such', () => {
    const { lines } = skipReport(results({ title: 'later', status: 'todo' }), {});
    expect(lines).toEqual(['', 'Skipped tests (1):', '  ○ later: skipped without saying why']);
  });

  test.each([['true'], ['1'], ['yes']])('fails the run on CI=%s', (ci) => {
    const { lines, error } = skipReport(results(skippedWithData), { CI: ci });
    expect(error?.message).toBe('1 test(s) skipped on CI; CI has the reference data, so every test must run');
    expect(lines[lines.length - 1]).toBe('error: 1 test(s) skipped on CI; CI has the reference data, so every test must run');
  });

  test.each([[undefined], [''], ['0'], ['false']])('does not fail the run on CI=%j', (ci) => {
    expect(skipReport(results(skippedWithData), { CI: ci }).error).toBeUndefined();
  });

  test('prints nothing when nothing was skipped', () => {
    expect(skipReport(results({ title: 'runs', status: 'passed' }), { CI: 'true' })).toEqual({ lines: [], error: undefined });
  });
});

test('hasShared is false for data that is not there', () => {
  expect(hasShared('no-such-folder')).toBe(false);
  expect(hasShared(['.', 'no-such-folder'])).toBe(false);
});
