// The jest configuration of mutation testing (`npm run mutation`, CONTRIBUTING.md "Mutation testing").
// It is the project's own (package.json "jest"), with changes that only make each of the thousands of test
// runs cheaper, never weaker:
// - ts-jest transpiles without type-checking: Stryker's TypeScript checker type-checks every mutant once,
//   before any test runs (a mutant that does not compile is never tested);
// - no coverage report and no extra reporters (Stryker measures coverage per test itself);
// - the tests of the built package (test/package/) and of the .jsii description (prop-shapes) are left out:
//   they read lib/ and .jsii, which hold the code as compiled, not the mutant; so is the check of the
//   mutation scores (mutation.test.ts), which reads files, not code; so is the test that loads the library
//   inside a test body (validation-lazy-load.test.ts): a module loaded there runs its load-time code inside
//   that test, and Stryker would take every table built at load for code that test covers;
// - a test sequencer that runs only the test files holding a mutant's covering tests (test-sequencer.js), and
//   a runner that stops at the first file with a failing test (bail-runner.js): the mutant is killed then.
const base = require('../package.json').jest;

const transform = {};
for (const [pattern, [name, options]] of Object.entries(base.transform)) {
  transform[pattern] = [name, { ...options, isolatedModules: true, diagnostics: false }];
}

module.exports = {
  ...base,
  rootDir: '..',
  transform,
  collectCoverage: false,
  reporters: ['default'],
  testSequencer: '<rootDir>/mutation/test-sequencer.js',
  runner: '<rootDir>/mutation/bail-runner.js',
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    '/test/prop-shapes\\.test\\.ts$',
    '/test/mutation\\.test\\.ts$',
    '/test/validation-lazy-load\\.test\\.ts$',
  ],
};
