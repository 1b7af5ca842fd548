import * as fs from 'fs';
import * as path from 'path';

// Tests that read the reference data (CloudNativePG CRDs, signed official catalogs) run when it is
// present and are skipped otherwise, each saying which data it needs: test/skip-reporter.js lists them
// at the end of the run, says how to get the data, and fails the run on CI when any test was skipped.

/** The reference data: $CNPG_SHARED_DIR, else the folder `shared` beside the repository (`../shared`). */
export const SHARED = process.env.CNPG_SHARED_DIR
  ? path.resolve(process.env.CNPG_SHARED_DIR)
  : path.resolve(__dirname, '..', '..', 'shared');

/** The data a test needs: one path or several, relative to the reference data folder. */
export type SharedData = string | readonly string[];

function paths(data: SharedData): readonly string[] {
  return typeof data === 'string' ? [data] : data;
}

/** A path inside the reference data. */
export function sharedPath(...parts: string[]): string {
  return path.join(SHARED, ...parts);
}

/** True when every path of `data` exists in the reference data. */
export function hasShared(data: SharedData): boolean {
  return paths(data).every((p) => fs.existsSync(sharedPath(p)));
}

/** The words a skipped test carries at the end of its name; test/skip-reporter.js reads them. */
export function needsMarker(data: SharedData): string {
  return `[needs reference data: ${paths(data).join(', ')}]`;
}

/** `describe` when `data` is present; otherwise every test of the block is skipped and says it needs `data`. */
export function describeWithShared(name: string, data: SharedData, fn: () => void): void {
  if (hasShared(data)) describe(name, fn);
  else describe.skip(`${name} ${needsMarker(data)}`, fn);
}

/** `it` when `data` is present; otherwise the test is skipped and says it needs `data`. */
export function itWithShared(name: string, data: SharedData, fn: jest.ProvidesCallback, timeout?: number): void {
  if (hasShared(data)) it(name, fn, timeout);
  else it.skip(`${name} ${needsMarker(data)}`, fn, timeout);
}

/** `it.each(table)` when `data` is present; otherwise each test is skipped and says it needs `data`. */
export function eachWithShared<T extends readonly unknown[]>(data: SharedData, table: readonly T[]) {
  return (name: string, fn: (...args: T) => unknown, timeout?: number): void => {
    const run = fn as unknown as (...args: unknown[]) => unknown;
    if (hasShared(data)) it.each(table as T[])(name, run, timeout);
    else it.skip.each(table as T[])(`${name} ${needsMarker(data)}`, run, timeout);
  };
}
