// The test sequencer of mutation testing (mutation/jest.config.js). Stryker runs each mutant's covering
// tests by name (jest --testNamePattern), and jest would still load every test file to find them. With a
// map of each test file's test names (written by scripts/mutation.ts before Stryker starts, path in
// $MUTATION_TEST_NAMES), only the files that hold a covering test are run, those with most of them first.
// Without a pattern (Stryker's initial run, or jest run by hand) or without the map, every file runs, as
// with jest's own sequencer.
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
    // The number of the mutant's covering tests each file holds (a file the map does not know: all of them)
    const covering = (test) => {
      const known = names[path.relative(test.context.config.rootDir, test.path).split(path.sep).join('/')];
      return known === undefined ? Infinity : known.filter((name) => pattern.test(name)).length;
    };
    // The files with most covering tests first: the run stops at the first file that fails (bail-runner.js)
    return Promise.resolve(sorted).then((list) => list
      .map((test, order) => ({ test, order, count: covering(test) }))
      .filter((t) => t.count > 0)
      .sort((a, b) => b.count - a.count || a.order - b.order)
      .map((t) => t.test));
  }
}

module.exports = MutationSequencer;
