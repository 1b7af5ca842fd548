import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { RolloutPlan } from '../src';

// `npx projen bench:plan` (or `node bench/.work/js/bench/plan.js [N]`): the time and peak memory of a rollout
// plan of N Clusters (default 200,000) whose catalog is updated (every Cluster rolls), each measured in a
// fresh process:
//
//   between      RolloutPlan.between() on manifests already in memory (the library's own work)
//   directories  cdk8s-cnpg plan's path: read and parse both folders of YAML, then plan
//
// Never a test: absolute figures depend on the machine.

const GROUP = 'postgresql.cnpg.io/v1';
const MAJORS = [16, 17, 18];

function catalog(minor: number): any {
  return {
    apiVersion: GROUP,
    kind: 'ClusterImageCatalog',
    metadata: { name: 'postgresql-minimal-trixie' },
    spec: { images: MAJORS.map((major) => ({ major, image: `ghcr.io/cloudnative-pg/postgresql:${major}.${minor}-minimal-trixie@sha256:${String(minor).repeat(64).slice(0, 64)}` })) },
  };
}

function cluster(i: number): any {
  return {
    apiVersion: GROUP,
    kind: 'Cluster',
    metadata: { name: `db-${i}`, namespace: `tenant-${i % 100}` },
    spec: {
      instances: 3,
      imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: 'postgresql-minimal-trixie', major: MAJORS[i % MAJORS.length] },
      storage: { size: '10Gi' },
    },
  };
}

const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cnpg-controller-manager-config', namespace: 'cnpg-system' }, data: { CLUSTERS_ROLLOUT_DELAY: '30', INSTANCES_ROLLOUT_DELAY: '10' } };

function fleet(n: number, minor: number): any[] {
  const out: any[] = [config, catalog(minor)];
  for (let i = 0; i < n; i++) out.push(cluster(i));
  return out;
}

function writeFleet(dir: string, docs: any[]): void {
  fs.mkdirSync(dir, { recursive: true });
  const perFile = 10_000;
  for (let f = 0; f * perFile < docs.length; f++) {
    const text = docs.slice(f * perFile, (f + 1) * perFile).map((d) => YAML.stringify(d)).join('---\n');
    fs.writeFileSync(path.join(dir, `part-${String(f).padStart(4, '0')}.k8s.yaml`), text);
  }
}

interface Measure {
  readonly mode: string;
  readonly n: number;
  readonly ms: number;
  /** CPU time of the process during the plan (user + system): the wall time on a busy machine is longer. */
  readonly cpuMs: number;
  readonly peakRssMb: number;
  readonly rolling: number;
  readonly minimumSeconds: number;
}

function measure(mode: string, n: number, dirs: string[]): Measure {
  let plan: RolloutPlan;
  let start: bigint;
  let cpu: NodeJS.CpuUsage;
  if (mode === 'between') {
    const before = fleet(n, 4);
    const after = fleet(n, 6);
    cpu = process.cpuUsage();
    start = process.hrtime.bigint();
    plan = RolloutPlan.between(before, after, { today: new Date('2026-08-24') });
  } else {
    cpu = process.cpuUsage();
    start = process.hrtime.bigint();
    plan = RolloutPlan.fromDirectories(dirs[0], dirs[1], { today: new Date('2026-08-24') });
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  if (plan.exitCode !== 0) throw new Error(`unexpected plan: ${JSON.stringify(plan.toJson()).slice(0, 500)}`);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  return { mode, n, ms, cpuMs, peakRssMb, rolling: plan.timing.rollingClusters, minimumSeconds: plan.timing.minimumSeconds };
}

function main(): void {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'measure') {
    const [mode, n, ...dirs] = rest;
    process.stdout.write(JSON.stringify(measure(mode, Number(n), dirs)) + '\n');
    return;
  }
  const n = Number(command ?? 200_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cnpg-plan-bench-'));
  try {
    const run = (...args: string[]): Measure => JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=8192', __filename, 'measure', ...args], { encoding: 'utf8' }).trim());
    const between = run('between', String(n));
    writeFleet(path.join(work, 'before'), fleet(n, 4));
    writeFleet(path.join(work, 'after'), fleet(n, 6));
    const directories = run('directories', String(n), path.join(work, 'before'), path.join(work, 'after'));
    for (const m of [between, directories]) {
      console.log(`${m.mode.padEnd(12)} N=${m.n}: ${(m.ms / 1000).toFixed(2)} s (CPU ${(m.cpuMs / 1000).toFixed(2)} s), peak RSS ${m.peakRssMb.toFixed(0)} MB (${m.rolling} Clusters roll, minimum ${m.minimumSeconds} s)`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
