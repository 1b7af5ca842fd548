// Jest global teardown: removes the run's temporary folder and puts back the TMPDIR the run started with
// (see test/tmpdir-setup.js).
const fs = require('fs');

module.exports = async () => {
  const dir = process.env.CDK8S_CNPG_TEST_TMPDIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  const outer = process.env.CDK8S_CNPG_OUTER_TMPDIR;
  if (outer) process.env.TMPDIR = outer;
  else delete process.env.TMPDIR;
  delete process.env.CDK8S_CNPG_TEST_TMPDIR;
};
