// Jest global teardown: removes the run's temporary folder (see test/tmpdir-setup.js).
const fs = require('fs');

module.exports = async () => {
  const dir = process.env.CDK8S_CNPG_TEST_TMPDIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
