import { RolloutTiming } from './plan-types';

/** The operator requeues a delayed Cluster after this many seconds. */
const REQUEUE_SECONDS = 15;

/** The rollout model, in words (shown by every plan). */
export const TIMING_MODEL = 'the operator keeps one global rollout slot for all Clusters and gates every pod rollout: a pod may roll only once '
  + 'CLUSTERS_ROLLOUT_DELAY has passed since the last pod rollout of another Cluster, or INSTANCES_ROLLOUT_DELAY since one of the '
  + 'same Cluster; each rolling Cluster recreates all spec.instances pods; the minimum takes the best order of pods and ignores '
  + `the time pods take to restart, the operator's ${REQUEUE_SECONDS} s requeue, and supervised primaries (they wait for a person); `
  + 'major upgrades are offline and not gated; Poolers are Deployments that Kubernetes rolls, not gated either';

/**
 * The least total delay for rolling `pods[i]` pods of each Cluster through the operator's single global
 * slot: consecutive rollouts of the same Cluster wait `instanceDelay`, of different Clusters `clusterDelay`.
 * One pass over the list (no spread of a large array into a call).
 */
export function bestGaps(pods: readonly number[], clusterDelay: number, instanceDelay: number): { clusterGaps: number; instanceGaps: number } {
  let total = 0;
  let largest = 0;
  let clusters = 0;
  for (const n of pods) {
    if (n <= 0) continue;
    total += n;
    clusters++;
    if (n > largest) largest = n;
  }
  if (total <= 1) return { clusterGaps: 0, instanceGaps: 0 };
  if (clusterDelay > instanceDelay) {
    // Finish each Cluster before the next: only k-1 crossings.
    return { clusterGaps: clusters - 1, instanceGaps: total - clusters };
  }
  // Interleave Clusters as much as possible; the largest one may still force same-Cluster neighbours.
  const forced = Math.max(0, largest - (total - largest) - 1);
  return { clusterGaps: total - 1 - forced, instanceGaps: forced };
}

/** The timing of a plan, from the pods each rolling Cluster rolls. */
export function rolloutTiming(pods: readonly number[], clusterDelay: number, instanceDelay: number, delaysFrom: string): RolloutTiming {
  const gaps = bestGaps(pods, clusterDelay, instanceDelay);
  let podRollouts = 0;
  for (const n of pods) podRollouts += n;
  return {
    clustersRolloutDelaySeconds: clusterDelay,
    instancesRolloutDelaySeconds: instanceDelay,
    delaysFrom,
    rollingClusters: pods.length,
    podRollouts,
    clusterGaps: gaps.clusterGaps,
    instanceGaps: gaps.instanceGaps,
    minimumSeconds: gaps.clusterGaps * clusterDelay + gaps.instanceGaps * instanceDelay,
    model: TIMING_MODEL,
  };
}

/** `1h 2m 3s`. */
export function humanDuration(total: number): string {
  if (total === 0) return '0s';
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].filter(Boolean).join(' ');
}
