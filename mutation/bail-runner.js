// The jest test runner of mutation testing (mutation/jest.config.js): jest's own, which stops a mutant's
// run at the first test file with a failing test. One failure kills the mutant; the files after it cannot
// change that (Stryker's `disableBail: false`, which its jest runner cannot pass on to jest). Runs without a
// test name pattern (Stryker's initial run, which measures coverage, or jest run by hand) run every file.
const TestRunner = require('jest-runner').default;

class BailRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    if (!options.serial || !this._globalConfig.testNamePattern) return super.runTests(tests, watcher, options);
    let failed = false;
    this.on('test-file-success', ([, result]) => {
      if (result.numFailingTests > 0 || result.testExecError) failed = true;
    });
    this.on('test-file-failure', () => {
      failed = true;
    });
    for (const test of tests) {
      if (failed) break;
      await super.runTests([test], watcher, options);
    }
  }
}

module.exports = BailRunner;
