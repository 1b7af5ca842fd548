// A jest reporter (plain JavaScript: jest loads reporters untransformed). At the end of a run it prints
// one line per skipped test with the reference data it needs (the "[needs reference data: ...]" that
// test/shared-data.ts appends to its name), then how to get that data. On CI (CI=true or CI=1) a skipped
// test fails the run: CI has the reference data, so a skip there hides a test that did not run.

const MARKER = /\[needs reference data: ([^\]]+)\]/;

/** Whether the environment says this is CI. */
function isCi(env) {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** The report of a run's skipped tests: lines to print and, on CI, the error that fails the run. */
function skipReport(results, env) {
  const skipped = [];
  for (const file of results.testResults) {
    for (const test of file.testResults) {
      if (test.status !== 'pending' && test.status !== 'skipped' && test.status !== 'todo') continue;
      const names = [...test.ancestorTitles, test.title];
      const need = names.map((n) => MARKER.exec(n)).find((m) => m !== null);
      const name = names.map((n) => n.replace(MARKER, '').trim()).join(' › ');
      skipped.push({ name, need: need ? need[1] : undefined });
    }
  }
  if (skipped.length === 0) return { lines: [], error: undefined };
  const lines = ['', `Skipped tests (${skipped.length}):`];
  for (const s of skipped) lines.push(`  ○ ${s.name}: ${s.need ? `needs reference data ${s.need}` : 'skipped without saying why'}`);
  const needData = skipped.filter((s) => s.need !== undefined).length;
  if (needData > 0) {
    lines.push(
      `${needData} test(s) need the reference data (CloudNativePG CRDs, signed official catalogs) and were skipped.`,
      'To run them, put the reference data in ../shared beside the repository, or point CNPG_SHARED_DIR at it:',
      'see "Reference data" in CONTRIBUTING.md for where each folder comes from.',
    );
  }
  const error = isCi(env)
    ? new Error(`${skipped.length} test(s) skipped on CI; CI has the reference data, so every test must run`)
    : undefined;
  if (error) lines.push(`error: ${error.message}`);
  return { lines, error };
}

class SkipReporter {
  onRunComplete(_contexts, results) {
    const { lines, error } = skipReport(results, process.env);
    // Printed when jest exits, after the coverage table and jest's own summary, so that the run ends with it.
    if (lines.length > 0) process.once('exit', () => process.stderr.write(`${lines.join('\n')}\n`));
    this.error = error;
  }

  getLastError() {
    return this.error;
  }
}

module.exports = SkipReporter;
module.exports.skipReport = skipReport;
