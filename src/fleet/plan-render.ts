import { humanDuration } from './plan-timing';
import {
  CatalogComponentChange, CatalogImageChange, ClusterAction, ClusterChange, PlanMessage, PoolerAction, PoolerChange, RolloutTiming, WavePlan,
} from './plan-types';

// The two human forms of a plan: text for a terminal, Markdown for a pull-request comment.

/** What the renderers read of a plan. */
export interface PlanData {
  readonly catalogChanges: readonly CatalogImageChange[];
  readonly componentChanges: readonly CatalogComponentChange[];
  readonly clusters: readonly ClusterChange[];
  readonly poolers: readonly PoolerChange[];
  readonly waves: readonly WavePlan[];
  readonly timing: RolloutTiming;
  readonly errors: readonly PlanMessage[];
  readonly refusals: readonly PlanMessage[];
  readonly warnings: readonly PlanMessage[];
  readonly exitCode: number;
}

const CLUSTER_LABELS: { readonly [a: string]: string } = {
  [ClusterAction.ROLLING_UPDATE]: 'ROLL    ',
  [ClusterAction.MAJOR_UPGRADE]: 'UPGRADE ',
  [ClusterAction.REFUSED]: 'REFUSED ',
  [ClusterAction.BROKEN]: 'BROKEN  ',
  [ClusterAction.CREATED]: 'CREATE  ',
  [ClusterAction.DELETED]: 'DELETE  ',
  [ClusterAction.INVALID]: 'INVALID ',
};

const POOLER_LABELS: { readonly [a: string]: string } = {
  [PoolerAction.ROLLING_UPDATE]: 'ROLL    ',
  [PoolerAction.RECONFIGURED]: 'RELOAD  ',
  [PoolerAction.BROKEN]: 'BROKEN  ',
  [PoolerAction.CREATED]: 'CREATE  ',
  [PoolerAction.DELETED]: 'DELETE  ',
  [PoolerAction.INVALID]: 'INVALID ',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function pods(n: number, supervised = false): string {
  return ` (${plural(n, 'pod')}${supervised ? ', supervised primary' : ''})`;
}

function snapshotRange(w: WavePlan): string {
  const a = w.snapshotBefore ?? 'new';
  const b = w.snapshotAfter ?? 'removed';
  return a === b ? a : `${a} → ${b}`;
}

function timingLine(t: RolloutTiming): string {
  return `${humanDuration(t.minimumSeconds)} (${t.minimumSeconds} s = ${t.clusterGaps} x ${t.clustersRolloutDelaySeconds}s + ${t.instanceGaps} x ${t.instancesRolloutDelaySeconds}s)`;
}

/** The plan for people, in a terminal. */
export function renderText(plan: PlanData): string {
  const lines: string[] = [];
  if (plan.errors.length > 0) {
    lines.push(`Invalid input: ${plan.errors.length} problem(s); nothing can be planned from it (exit 2)`);
    for (const e of plan.errors) lines.push(`  ${e.subject}: ${e.message}`);
    lines.push('');
  }
  lines.push('Catalog changes');
  if (plan.catalogChanges.length === 0 && plan.componentChanges.length === 0) lines.push('  (none)');
  let current = '';
  const heading = (catalog: string) => {
    if (catalog !== current) lines.push(`  ${catalog}`);
    current = catalog;
  };
  for (const c of plan.catalogChanges) {
    heading(c.catalog);
    lines.push(`    major ${c.major}: ${c.summary}`);
  }
  for (const c of plan.componentChanges) {
    heading(c.catalog);
    lines.push(`    component ${c.key}: ${c.summary}`);
  }
  lines.push('', 'Clusters');
  let unchanged = 0;
  let shown = 0;
  for (const c of plan.clusters) {
    if (c.action === ClusterAction.UNCHANGED) {
      unchanged++;
      continue;
    }
    shown++;
    const count = c.action === ClusterAction.ROLLING_UPDATE ? pods(c.podRollouts, c.supervised) : '';
    const wave = c.wave !== undefined ? ` [wave ${c.wave}]` : '';
    lines.push(`  ${CLUSTER_LABELS[c.action]}${c.cluster}${wave}${count}: ${c.reasons.join('; ')}`);
  }
  if (shown === 0) lines.push('  (no Cluster changes)');
  if (unchanged > 0) lines.push(`  ${unchanged} other Cluster(s) unchanged`);
  const poolers = plan.poolers.filter((p) => p.action !== PoolerAction.UNCHANGED);
  if (poolers.length > 0) {
    lines.push('', 'Poolers (Deployments rolled by Kubernetes, not gated by the rollout delays)');
    for (const p of poolers) {
      const count = p.action === PoolerAction.ROLLING_UPDATE ? pods(p.podRollouts) : '';
      lines.push(`  ${POOLER_LABELS[p.action]}${p.pooler}${count}: ${p.reasons.join('; ')}`);
    }
  }
  if (plan.waves.length > 0) {
    lines.push('', 'Waves');
    for (const w of plan.waves) {
      lines.push(`  ${w.wave} (${w.catalog}, ${snapshotRange(w)}): ${w.rollingClusters} of ${w.clusters} Cluster(s) roll, ${w.podRollouts} pod rollout(s); ${w.majorUpgrades} major upgrade(s); ${w.refused} refused`);
    }
  }
  if (plan.warnings.length > 0) {
    lines.push('', 'Warnings');
    for (const w of plan.warnings) lines.push(`  ${w.subject}: ${w.message}`);
  }
  const t = plan.timing;
  lines.push('', 'Convergence');
  lines.push(`  ${t.rollingClusters} Cluster(s) roll, ${t.podRollouts} pod rollout(s); CLUSTERS_ROLLOUT_DELAY=${t.clustersRolloutDelaySeconds}s, INSTANCES_ROLLOUT_DELAY=${t.instancesRolloutDelaySeconds}s (${t.delaysFrom})`);
  lines.push(`  minimum time until converged: ${timingLine(t)}`);
  lines.push(`  model: ${t.model}`);
  if (plan.refusals.length > 0) {
    lines.push('', `Refused: ${plan.refusals.length} change(s) (exit 1)`);
    for (const r of plan.refusals) lines.push(`  ${r.subject}: ${r.message}`);
  }
  return lines.join('\n');
}

/** Rows per Markdown table; the rest is counted (the JSON form has everything). */
export const MARKDOWN_ROWS = 50;

/** A Markdown table cell: pipes escaped, one line. */
function cell(text: string | number): string {
  return String(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>, total = rows.length): string[] {
  const out = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows.slice(0, MARKDOWN_ROWS)) out.push(`| ${row.map(cell).join(' | ')} |`);
  if (total > MARKDOWN_ROWS) out.push(`| … ${total - MARKDOWN_ROWS} more (see \`--json\`) |${header.slice(1).map(() => ' |').join('')}`);
  return out;
}

const VERDICTS = ['safe to merge', 'refused', 'invalid input'];

/** The plan as a pull-request comment: a summary table, then what rolls, upgrades, is refused, and the warnings. */
export function renderMarkdown(plan: PlanData): string {
  const t = plan.timing;
  const count = (a: ClusterAction) => plan.clusters.filter((c) => c.action === a).length;
  const rollingPoolers = plan.poolers.filter((p) => p.action === PoolerAction.ROLLING_UPDATE);
  const out: string[] = [`### cdk8s-cnpg plan: ${VERDICTS[plan.exitCode]} (exit ${plan.exitCode})`, ''];
  out.push(...table(['Plan', 'This change'], [
    ['Clusters rolling', `${t.rollingClusters} (${plural(t.podRollouts, 'pod rollout')})`],
    ['Major upgrades (offline)', count(ClusterAction.MAJOR_UPGRADE)],
    ['Created / deleted', `${count(ClusterAction.CREATED)} / ${count(ClusterAction.DELETED)}`],
    ['Refused', plan.refusals.length],
    ['Invalid input', plan.errors.length],
    ['Poolers rolling', `${rollingPoolers.length} (${plural(rollingPoolers.reduce((a, p) => a + p.podRollouts, 0), 'pod')})`],
    ['Minimum time', `**${humanDuration(t.minimumSeconds)}** (${t.minimumSeconds} s = ${t.clusterGaps} × ${t.clustersRolloutDelaySeconds} s + ${t.instanceGaps} × ${t.instancesRolloutDelaySeconds} s)`],
    ['Rollout delays', `CLUSTERS_ROLLOUT_DELAY ${t.clustersRolloutDelaySeconds} s, INSTANCES_ROLLOUT_DELAY ${t.instancesRolloutDelaySeconds} s (${t.delaysFrom})`],
  ]));
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push('', `#### ${title}`, '', ...lines);
  };
  section(`Invalid input (${plan.errors.length})`, plan.errors.length ? table(['Where', 'Problem'], plan.errors.map((e) => [e.subject, e.message])) : []);
  section(`Refused (${plan.refusals.length})`, plan.refusals.length ? table(['Subject', 'Why'], plan.refusals.map((r) => [r.subject, r.message])) : []);
  section('Waves', plan.waves.length ? table(['Wave', 'Catalog', 'Snapshot', 'Clusters', 'Rolling', 'Pod rollouts', 'Major upgrades', 'Refused'],
    plan.waves.map((w) => [w.wave, w.catalog, snapshotRange(w), w.clusters, w.rollingClusters, w.podRollouts, w.majorUpgrades, w.refused])) : []);
  const rolling = plan.clusters.filter((c) => c.action === ClusterAction.ROLLING_UPDATE);
  const withWaves = plan.waves.length > 0;
  section(`Rolling updates (${rolling.length})`, rolling.length ? table(
    ['Cluster', ...(withWaves ? ['Wave'] : []), 'Pods', 'Why'],
    rolling.map((c) => [c.cluster, ...(withWaves ? [c.wave ?? ''] : []), `${c.podRollouts}${c.supervised ? ' (supervised primary)' : ''}`, c.reasons.join('; ')]),
  ) : []);
  const upgrades = plan.clusters.filter((c) => c.action === ClusterAction.MAJOR_UPGRADE);
  section(`Major upgrades (${upgrades.length})`, upgrades.length ? table(['Cluster', 'Major', 'Why'], upgrades.map((c) => [c.cluster, `${c.majorBefore} → ${c.majorAfter}`, c.reasons.join('; ')])) : []);
  const otherActions = [ClusterAction.CREATED, ClusterAction.DELETED, ClusterAction.REFUSED, ClusterAction.BROKEN, ClusterAction.INVALID];
  const others = plan.clusters.filter((c) => otherActions.includes(c.action));
  section(`Other Cluster changes (${others.length})`, others.length ? table(['Cluster', 'Action', 'Why'], others.map((c) => [c.cluster, c.action, c.reasons.join('; ')])) : []);
  const poolers = plan.poolers.filter((p) => p.action !== PoolerAction.UNCHANGED);
  section(`Poolers (${poolers.length})`, poolers.length ? table(['Pooler', 'Action', 'Pods', 'Why'], poolers.map((p) => [p.pooler, p.action, p.podRollouts, p.reasons.join('; ')])) : []);
  section(`Warnings (${plan.warnings.length})`, plan.warnings.length ? table(['Subject', 'Warning'], plan.warnings.map((w) => [w.subject, w.message])) : []);
  const changes = [...plan.catalogChanges.map((c) => [c.catalog, `major ${c.major}`, c.summary]), ...plan.componentChanges.map((c) => [c.catalog, `component ${c.key}`, c.summary])];
  if (changes.length > 0) {
    out.push('', `<details><summary>Catalog changes (${changes.length})</summary>`, '', ...table(['Catalog', 'Entry', 'Change'], changes), '', '</details>');
  }
  return out.join('\n') + '\n';
}
