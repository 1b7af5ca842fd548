import { Chart, ChartProps, Testing } from 'cdk8s';

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
