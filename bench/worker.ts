import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { baselineFleet, chartPerTenantFleet, idiomFleet, libraryFleet, Variation } from './fleet';
import { CnpgValidation } from '../src';

// One measurement in a fresh process: build and synthesise the fleet, report the time and peak RSS.
// Usage: node worker.js <library|library-no-validation|baseline|idiom|chart-per-tenant> <N> <plans|unique> [--yaml FILE]

const [variant, nArg, variationArg, flag, yamlOut] = process.argv.slice(2);
const n = Number(nArg);
const variation = variationArg as Variation;
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnpg-bench-'));

const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
const app = new App({ outdir });
if (variant === 'baseline') {
  baselineFleet(app, n, variation);
} else if (variant === 'idiom') {
  idiomFleet(app, n, variation);
} else if (variant === 'chart-per-tenant') {
  chartPerTenantFleet(app, n);
} else {
  if (variant === 'library-no-validation') {
    // the app-level switch (see README "Validation")
    CnpgValidation.disable(app);
  }
  libraryFleet(app, n, variation);
}
const built = process.hrtime.bigint();
app.synth();
const end = process.hrtime.bigint();
const cpu = process.cpuUsage(cpuStart);

if (flag === '--yaml') fs.copyFileSync(path.join(outdir, 'fleet.k8s.yaml'), yamlOut);
fs.rmSync(outdir, { recursive: true, force: true });

process.stdout.write(JSON.stringify({
  variant,
  n,
  variation,
  buildMs: Number(built - start) / 1e6,
  synthMs: Number(end - built) / 1e6,
  totalMs: Number(end - start) / 1e6,
  // CPU time of the same span (user + system): less sensitive than wall time to other load on the machine
  cpuMs: (cpu.user + cpu.system) / 1000,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
}) + '\n');
