// Jest global setup: the run's own temporary folder, as TMPDIR for the test processes (os.tmpdir() reads it),
// so that what the tests create there (cdk8s's Testing.app() outdirs, the tests' mkdtemp folders) is removed
// with it by test/tmpdir-teardown.js.
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-cnpg-test-'));
  process.env.CDK8S_CNPG_TEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
};
