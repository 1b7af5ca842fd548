// Jest global setup: the run's own temporary folder, as TMPDIR for the test processes (os.tmpdir() reads it),
// so that what the tests create there (cdk8s's Testing.app() outdirs, the tests' mkdtemp folders) is removed
// with it by test/tmpdir-teardown.js. The folder is made in the TMPDIR the run started with, which teardown
// puts back: jest can run again in the same process (Stryker's runner, `jest --watch`).
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async () => {
  const own = process.env.CDK8S_CNPG_TEST_TMPDIR;
  const outer = own !== undefined && process.env.TMPDIR === own ? process.env.CDK8S_CNPG_OUTER_TMPDIR : process.env.TMPDIR;
  process.env.CDK8S_CNPG_OUTER_TMPDIR = outer ?? '';
  if (outer === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = outer;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-cnpg-test-'));
  process.env.CDK8S_CNPG_TEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
};
