import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// The package tests read lib/ and .jsii: they compile first when either is missing or older than a source.

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Runs `npx projen compile` unless lib/ and .jsii are newer than every file of src/ and imports/. */
export function ensureCompiled(): void {
  const jsii = path.join(ROOT, '.jsii');
  const built = fs.existsSync(jsii) && fs.existsSync(path.join(ROOT, 'lib', 'src', 'index.js')) ? fs.statSync(jsii).mtimeMs : 0;
  const sources = Math.max(newestSource(path.join(ROOT, 'src')), newestSource(path.join(ROOT, 'imports')));
  if (built < sources) execFileSync('npx', ['projen', 'compile'], { cwd: ROOT, stdio: 'pipe' });
}
