import * as fs from 'fs';
import * as path from 'path';

// The benchmark chart, drawn from bench/results.json alone (machine and Node version included), so that
// `npm run bench:chart` redraws it without measuring again. The frame is as wide as its longest legend line.

/** Series of the chart, in legend order, with their labels and colours. */
export const SERIES: ReadonlyArray<{ variant: string; label: string; color: string; dashed?: boolean }> = [
  { variant: 'library', label: '(a) library, validation on', color: '#d62728' },
  { variant: 'library-no-validation', label: '(b) library, validation off', color: '#ff7f0e', dashed: true },
  { variant: 'baseline', label: '(c) raw L1 bindings', color: '#1f77b4' },
  { variant: 'idiom', label: '(d) cdk8s L2 pattern, no library code', color: '#7f7f7f', dashed: true },
];

/** Width of a line of 12 px sans-serif text: a generous 7 px a character, so that no renderer cuts it. */
function textWidth(text: string): number {
  return Math.ceil(text.length * 7);
}

/** The chart of a bench/results.json report, as SVG text. */
export function chartSvg(report: any): string {
  const results: any[] = report.results;
  const machine = report.machine ?? {};
  const notes = [
    `${machine.cpus} cores, ${Math.round((machine.totalMemMb ?? 0) / 1024)} GiB, Node ${String(report.node).replace(/^v/, '')}`,
    'absolute times depend on the',
    'machine: compare ratios',
  ];
  const plotWidth = 380;
  const legendWidth = 16 + Math.max(...SERIES.map((s) => 18 + textWidth(s.label)), ...notes.map(textWidth)) + 16;
  const pad = { l: 64, r: legendWidth, t: 36, b: 48 };
  const W = pad.l + plotWidth + pad.r;
  const H = 400;
  const maxN = Math.max(...results.map((r) => r.n));
  const maxT = Math.max(...results.flatMap((r) => SERIES.map((s) => r.medians[s.variant].totalMs))) / 1000;
  const x = (n: number) => pad.l + (n / maxN) * plotWidth;
  const y = (s: number) => H - pad.b - (s / (maxT * 1.1)) * (H - pad.t - pad.b);
  const r1 = (v: number) => Math.round(v * 10) / 10;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${pad.l}" y="20" font-size="14" font-weight="bold">Fleet synthesis: median build + synth time</text>`,
    `<line x1="${pad.l}" y1="${H - pad.b}" x2="${pad.l + plotWidth}" y2="${H - pad.b}" stroke="black"/>`,
    `<line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${H - pad.b}" stroke="black"/>`,
    `<text x="${pad.l + plotWidth / 2}" y="${H - 12}" text-anchor="middle">tenants (Cluster + Database each)</text>`,
    `<text x="16" y="${(pad.t + H - pad.b) / 2}" transform="rotate(-90 16 ${(pad.t + H - pad.b) / 2})" text-anchor="middle">seconds</text>`,
  ];
  for (const r of results) {
    parts.push(`<line x1="${r1(x(r.n))}" y1="${H - pad.b}" x2="${r1(x(r.n))}" y2="${H - pad.b + 5}" stroke="black"/>`);
    parts.push(`<text x="${r1(x(r.n))}" y="${H - pad.b + 18}" text-anchor="middle">${r.n}</text>`);
  }
  const step = maxT > 8 ? 2 : maxT > 4 ? 1 : 0.5;
  for (let s = 0; s <= maxT * 1.1; s += step) {
    parts.push(`<line x1="${pad.l - 5}" y1="${r1(y(s))}" x2="${pad.l + plotWidth}" y2="${r1(y(s))}" stroke="#ddd"/>`);
    parts.push(`<text x="${pad.l - 8}" y="${r1(y(s) + 4)}" text-anchor="end">${s}</text>`);
  }
  const legendX = pad.l + plotWidth + 16;
  SERIES.forEach((s, i) => {
    const points = results.map((r) => `${x(r.n).toFixed(1)},${y(r.medians[s.variant].totalMs / 1000).toFixed(1)}`);
    parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5,4"' : ''}/>`);
    for (const p of points) {
      const [px, py] = p.split(',');
      parts.push(`<circle cx="${px}" cy="${py}" r="3" fill="${s.color}"/>`);
    }
    parts.push(`<rect x="${legendX}" y="${pad.t + 10 + i * 20}" width="12" height="12" fill="${s.color}"/>`);
    parts.push(`<text x="${legendX + 18}" y="${pad.t + 20 + i * 20}">${s.label}</text>`);
  });
  notes.forEach((note, i) => parts.push(`<text x="${legendX}" y="${pad.t + 30 + SERIES.length * 20 + i * 16}" fill="#555">${note}</text>`));
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

if (require.main === module) {
  // `npm run bench:chart`: redraws bench/chart.svg from the committed bench/results.json.
  const bench = path.resolve(__dirname);
  const report = JSON.parse(fs.readFileSync(path.join(bench, 'results.json'), 'utf8'));
  fs.writeFileSync(path.join(bench, 'chart.svg'), chartSvg(report));
  console.log('wrote bench/chart.svg from bench/results.json');
}
