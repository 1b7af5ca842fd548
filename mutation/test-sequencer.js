// The test sequencer of mutation testing (mutation/jest.config.js). Stryker runs each mutant's covering
// tests by name (jest --testNamePattern), and jest would still load every test file to find them. With a
// map of each test file's test names (written by scripts/mutation.ts before Stryker starts, path in
// $MUTATION_TEST_NAMES), only the files that hold a covering test are run. Without a pattern (Stryker's
// initial run, or jest run by hand) or without the map, every file runs, as with jest's own sequencer.
const fs = require('fs');
const path = require('path');
const Sequencer = require('@jest/test-sequencer').default;

class MutationSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this.pattern = options && options.globalConfig ? options.globalConfig.testNamePattern : undefined;
    this.rootDir = options && options.globalConfig ? options.globalConfig.rootDir : undefined;
  }

  sort(tests) {
    const sorted = super.sort(tests);
    const file = process.env.MUTATION_TEST_NAMES;
    if (!this.pattern || !file || !fs.existsSync(file)) return sorted;
    const names = JSON.parse(fs.readFileSync(file, 'utf8'));
    const pattern = new RegExp(this.pattern, 'i');
    const keep = (test) => {
      const known = names[path.relative(test.context.config.rootDir, test.path).split(path.sep).join('/')];
      return known === undefined || known.some((name) => pattern.test(name));
    };
    return Promise.resolve(sorted).then((list) => list.filter(keep));
  }
}

module.exports = MutationSequencer;
