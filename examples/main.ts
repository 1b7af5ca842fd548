import * as path from 'path';
import { buildApp } from './platform';

// `npm run synth`: writes the example platform's manifests to dist/.
const outdir = path.join(__dirname, '..', 'dist');
const app = buildApp(outdir);
app.synth();
console.log(`wrote ${app.charts.length} chart(s) to ${path.relative(process.cwd(), outdir) || '.'}/`);
