import { parseImageReference } from '../rules/rules';

// The order of catalog waves (canary → production), shared by the CatalogWaves construct (which refuses
// a wave ahead of the one before it) and the rollout plan (which refuses the same in any YAML).

/** Labels the CatalogWaves construct writes on each wave's ClusterImageCatalog; the plan reads them. */
export const WAVE_LABEL = 'cdk8s-cnpg/wave';
/** The wave's position, from 0. */
export const WAVE_ORDER_LABEL = 'cdk8s-cnpg/wave-order';
/** The official catalog the waves stage (`postgresql-minimal-trixie`): waves of one group are ordered together. */
export const WAVE_GROUP_LABEL = 'cdk8s-cnpg/wave-group';
/** The official snapshot a wave pins (`2026-08-17`), when it pins one. */
export const WAVE_SNAPSHOT_LABEL = 'cdk8s-cnpg/snapshot';

/** What the order check needs of one wave. */
export interface WaveState {
  readonly name: string;
  /** The official snapshot's date (`YYYY-MM-DD`), when the wave pins one. */
  readonly snapshot?: string;
  /** Image by major. */
  readonly images: ReadonlyMap<number, string>;
}

/** `18.6-202608170814-minimal-trixie` → [18, 6, 202608170814]; undefined for a tag that carries no version. */
export function imageVersion(image: string): number[] | undefined {
  const tag = parseImageReference(image)?.tag;
  const m = tag === undefined ? null : /^(\d+)\.(\d+)(?:-(\d{12}))?(?:-|$)/.exec(tag);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * Why a wave is ahead of the wave before it, for each such wave: a later official snapshot, or (for
 * catalogs without a snapshot) a newer image of a major than the previous wave's. Empty when every wave
 * is at most as new as the one before.
 */
export function waveOrderProblems(waves: readonly WaveState[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < waves.length; i++) {
    const earlier = waves[i - 1];
    const later = waves[i];
    if (earlier.snapshot !== undefined && later.snapshot !== undefined) {
      if (later.snapshot > earlier.snapshot) {
        out.push(`wave ${later.name} pins snapshot ${later.snapshot}, ahead of wave ${earlier.name} (${earlier.snapshot}): a wave may take only what the wave before it already runs; promote ${earlier.name} first`);
      }
      continue;
    }
    for (const [major, image] of later.images) {
      const previous = earlier.images.get(major);
      if (previous === undefined || previous === image) continue;
      const a = imageVersion(previous);
      const b = imageVersion(image);
      if (a && b && compareVersions(b, a) > 0) {
        out.push(`wave ${later.name} runs major ${major} on ${parseImageReference(image)?.tag}, newer than wave ${earlier.name} (${parseImageReference(previous)?.tag}): a wave may take only what the wave before it already runs; promote ${earlier.name} first`);
      }
    }
  }
  return out;
}
