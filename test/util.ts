import * as fs from 'fs';
import * as path from 'path';
import { Chart, ChartProps, Testing } from 'cdk8s';

/** The reference material beside the repository (present in development and CI, optional elsewhere). */
export const SHARED = path.resolve(__dirname, '..', '..', 'shared');

/** True when ../shared is present; tests that read it are skipped (and say so) otherwise. */
export const HAS_SHARED = fs.existsSync(path.join(SHARED, 'catalogs')) && fs.existsSync(path.join(SHARED, 'crds'));

/** `it` when ../shared exists, `it.skip` otherwise. */
export const itWithShared = HAS_SHARED ? it : it.skip;

/** A fresh chart in a fresh app. */
export function newChart(props?: ChartProps): Chart {
  return new Chart(Testing.app(), 'test', props);
}

/** A valid digest-pinned image reference for tests. */
export function pinned(repository: string, tag: string, hexChar = 'a'): string {
  return `${repository}:${tag}@sha256:${hexChar.repeat(64)}`;
}

/** The message of the error a synth of the chart throws (its validation errors), or '' when it synthesises. */
export function synthErrors(chart: Chart): string {
  try {
    Testing.synth(chart);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}
