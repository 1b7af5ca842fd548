import * as path from 'path';
import { buildApp } from './platform';

// `npm run synth`: writes the example platform's manifests to dist/ (or to the folder given).
const outdir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(__dirname, '..', 'dist');
const app = buildApp(outdir);
app.synth();
console.log(`wrote ${app.charts.length} chart(s) to ${path.relative(process.cwd(), outdir) || '.'}/`);
