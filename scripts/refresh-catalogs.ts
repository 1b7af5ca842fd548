import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// `npx projen catalogs:refresh`: what a maintainer (or a scheduled job) runs when CloudNativePG publishes new
// catalogs. It synthesises the example platform, regenerates the official catalog data with `npx projen
// catalogs` (which verifies every signature first and writes nothing otherwise), synthesises the platform
// again, and prints the rollout plan between the two and a summary. Each step runs in its own process, so
// the second synthesis reads the regenerated data.
//
// Input: $CNPG_ARTIFACTS_DIR, a checkout of https://github.com/cloudnative-pg/artifacts (its image-catalogs/
// and image-catalogs-extensions/ folders), or the catalogs task's own $CNPG_CATALOGS_DIR and
// $CNPG_EXTENSION_CATALOGS_DIR (defaults: the reference data in ../shared).
//
// Exit status: 0 when the data is unchanged or changed with every change accepted; 1 when verification
// refused the input or the plan has a change the operator would refuse; 2 when a step could not run.

const ROOT = path.resolve(__dirname, '..');
const DATA = path.join('src', 'catalog', 'official-catalogs.generated.ts');
const TS_NODE = ['ts-node', '--transpile-only', '--project', 'tsconfig.dev.json'];

function step(title: string): void {
  console.log(`\n=== ${title}`);
}

/** Runs a command in the repository, output shown; returns its exit status. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
  if (result.error) throw result.error;
  return result.status ?? 2;
}

function synth(outdir: string): void {
  if (run('npx', [...TS_NODE, 'examples/main.ts', outdir]) !== 0) {
    console.error('catalogs:refresh: the example platform does not synthesise; fix that first');
    process.exit(2);
  }
}

function catalogEnv(): NodeJS.ProcessEnv {
  const artifacts = process.env.CNPG_ARTIFACTS_DIR;
  if (!artifacts) return process.env;
  return {
    ...process.env,
    CNPG_CATALOGS_DIR: path.join(artifacts, 'image-catalogs'),
    CNPG_EXTENSION_CATALOGS_DIR: path.join(artifacts, 'image-catalogs-extensions'),
  };
}

function main(): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cnpg-refresh-'));
  const before = path.join(work, 'before');
  const after = path.join(work, 'after');
  const dataBefore = fs.readFileSync(path.join(ROOT, DATA), 'utf8');

  step('the example platform with the catalog data of today');
  synth(before);

  step('verify and regenerate the official catalog data (npx projen catalogs)');
  if (run('npx', ['projen', 'catalogs'], catalogEnv()) !== 0) {
    console.error('\ncatalogs:refresh: refused; the committed catalog data is unchanged');
    process.exit(1);
  }
  const changed = fs.readFileSync(path.join(ROOT, DATA), 'utf8') !== dataBefore;

  step('the example platform with the regenerated data');
  synth(after);

  step('rollout plan (cdk8s-cnpg plan --before --after)');
  const planStatus = run('npx', [...TS_NODE, 'src/cli/main.ts', 'plan', '--before', before, '--after', after]);
  fs.rmSync(work, { recursive: true, force: true });

  step('summary');
  if (!changed) {
    console.log(`${DATA} is unchanged: the input holds the catalogs the library already ships. Nothing to release.`);
  } else {
    console.log(`${DATA} changed (every catalog verified). Next:`);
    console.log('  1. npm test                       the snapshots of the official catalogs change on purpose: review them, then npm run test:update');
    console.log('  2. commit the data alone          e.g. "feat(catalogs): official catalogs of <date>": every Cluster on a changed image rolls');
    console.log('  3. npx projen release             bump, CHANGELOG.md and tag (see CONTRIBUTING.md)');
  }
  if (planStatus === 1) {
    console.log('The plan above has a change the operator would refuse or that would break a Cluster: do not release it as is.');
    process.exit(1);
  }
  if (planStatus !== 0) process.exit(2);
}

main();
