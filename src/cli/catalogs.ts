import * as fs from 'fs';
import * as path from 'path';
import { ParsedArgs, UsageError } from './args';
import type { Command } from './command';
import type { CliIo } from './io';
import { checkNoDowngrade, LockedSnapshot, lockSnapshot, readLock, renderLock, snapshotImages } from '../supply-chain/lock';
import { SNAPSHOT_WINDOW_SECONDS, VARIANTS, verifySnapshot, VerifiedSnapshot } from '../supply-chain/snapshot';
import { CatalogTrustError } from '../supply-chain/verify';

// `cdk8s-cnpg catalogs verify DIR...` and `cdk8s-cnpg catalogs lock DIR... --out FILE`: the official
// catalogs wherever they come from (a checkout of cloudnative-pg/artifacts, a vendored copy), verified
// offline with the same verifier the library's own generator uses.

export const CATALOGS_USAGE = `usage: cdk8s-cnpg catalogs verify DIR...
       cdk8s-cnpg catalogs lock DIR... --out FILE [--allow-downgrade]

DIR is laid out like the artifacts repository's image-catalogs/ or image-catalogs-extensions/: a signed
kustomization.yaml, the catalog-<type>-<os>.yaml files it lists, and beside each file its sigstore bundle
<file>.sigstore.json. Every file is verified offline against its bundle, for the exact identity of the
workflow that signs that layout (issuer https://token.actions.githubusercontent.com), and the files must be
one snapshot: signed by one run, within ${SNAPSHOT_WINDOW_SECONDS} s of each other.

  verify              print what was verified: flavour, majors, signing time, identity, Rekor log index
  lock                verify, then write FILE recording per catalog file its sha256, signing time, identity,
                      log index and images (read by ClusterImageCatalog.fromVerifiedFile); a snapshot
                      signed before the one FILE already locks is refused
  --out FILE          the lock file to write (lock only)
  --allow-downgrade   lock a snapshot older than the locked one on purpose (lock only)

exit status: 0 verified (and written), 1 refused (nothing is written), 2 usage or I/O error`;

/** `13,14,15,16,17,18`, and which majors define extensions (`; 18: 8 extensions`). */
function majorsCell(images: ReadonlyArray<{ readonly major: number; readonly extensions?: readonly unknown[] }>): string {
  const withExtensions = images.filter((i) => (i.extensions ?? []).length > 0).map((i) => `; ${i.major}: ${i.extensions!.length} extensions`);
  return `${images.map((i) => i.major).join(',')}${withExtensions.join('')}`;
}

/** The verified snapshot as a table: one row per signed file. */
export function snapshotTable(snapshot: VerifiedSnapshot): string[] {
  const { repositoryFolder } = VARIANTS[snapshot.variant];
  const header = ['FLAVOUR', 'MAJORS', 'SIGNED AT', 'IDENTITY', 'REKOR LOG INDEX'];
  const k = snapshot.kustomization;
  const rows = [
    header,
    ['(kustomization.yaml)', '', k.signedAt, k.identity, k.logIndex],
    ...snapshot.files.map((f) => [
      `${f.document.type}-${f.document.os}`,
      majorsCell(f.document.images),
      f.signedAt,
      f.identity,
      f.logIndex,
    ]),
  ];
  const widths = header.map((_h, c) => Math.max(...rows.map((r) => r[c].length)));
  return [
    `${snapshot.dir}: ${snapshot.files.length} ${repositoryFolder}/ catalogs and their kustomization verified offline `
    + `(issuer ${k.issuer}), one snapshot signed within ${snapshot.spanSeconds} s`,
    ...rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')),
  ];
}

/** `cdk8s-cnpg catalogs verify DIR...` and `cdk8s-cnpg catalogs lock DIR... --out FILE`. */
export const CATALOGS: Command = {
  name: 'catalogs',
  synopsis: 'catalogs verify|lock DIR...',
  summary: 'verify signed official catalog folders offline; lock: also write the lock file apps read them through (--out FILE)',
  usage: CATALOGS_USAGE,
  options: { 'out': { type: 'string', value: 'a file' }, 'allow-downgrade': { type: 'boolean' } },
  run: catalogsCommand,
};

function catalogsCommand(args: ParsedArgs, io: CliIo): number {
  const [sub, ...dirs] = args.operands;
  if (sub !== 'verify' && sub !== 'lock') {
    throw new UsageError(sub === undefined ? 'verify or lock is required' : `unknown subcommand ${JSON.stringify(sub)}; expected verify or lock`);
  }
  const out = args.options.out as string | undefined;
  const allowDowngrade = args.options['allow-downgrade'] === true;
  if (sub === 'verify') {
    const lockOnly = ['out', 'allow-downgrade'].find((o) => o in args.options);
    if (lockOnly !== undefined) throw new UsageError(`unknown option "--${lockOnly}" for verify`);
  }
  if (dirs.length === 0) throw new UsageError(`${sub} needs at least one folder`);
  if (sub === 'lock' && out === undefined) throw new UsageError('lock needs --out FILE');
  try {
    const snapshots = dirs.map(verifySnapshot);
    for (const [i, snapshot] of snapshots.entries()) {
      if (i > 0) io.out('');
      for (const line of snapshotTable(snapshot)) io.out(line);
    }
    if (sub === 'lock') writeLock(snapshots, out!, allowDowngrade, io);
    return 0;
  } catch (e) {
    if (!(e instanceof CatalogTrustError)) {
      io.err(`cdk8s-cnpg catalogs ${sub}: ${(e as Error).message}`);
      return 2;
    }
    io.err(`cdk8s-cnpg catalogs ${sub}: refused: ${e.message}`);
    io.err(sub === 'lock' ? `nothing was written; ${out} is unchanged` : 'the catalogs did not verify; do not use them');
    return 1;
  }
}

/** The previous lock's snapshot a new one is compared with: the same folder, or the only one of its layout. */
function previousOf(snapshot: LockedSnapshot, previous: readonly LockedSnapshot[], next: readonly LockedSnapshot[]): LockedSnapshot | undefined {
  const sameDir = previous.find((p) => p.dir === snapshot.dir);
  if (sameDir) return sameDir;
  const sameVariant = (list: readonly LockedSnapshot[]) => list.filter((p) => p.variant === snapshot.variant);
  return sameVariant(previous).length === 1 && sameVariant(next).length === 1 ? sameVariant(previous)[0] : undefined;
}

function writeLock(snapshots: VerifiedSnapshot[], out: string, allowDowngrade: boolean, io: CliIo): void {
  const lockDir = path.dirname(path.resolve(out));
  const next = snapshots.map((s) => lockSnapshot(s, lockDir));
  const dirs = next.map((s) => s.dir);
  const twice = dirs.find((d, i) => dirs.indexOf(d) !== i);
  if (twice !== undefined) throw new CatalogTrustError(`${twice} is given twice`);
  const previous = fs.existsSync(out) ? readLock(out).snapshots : [];
  next.forEach((snapshot, i) => {
    const before = previousOf(snapshot, previous, next);
    if (before && !allowDowngrade) {
      checkNoDowngrade(snapshots[i].dir, before, snapshotImages(snapshots[i]), `the snapshot ${path.basename(out)} locks (${before.dir})`, '--allow-downgrade');
    }
  });
  // written next to the lock and renamed over it: a reader never sees half a lock
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, renderLock(next));
  fs.renameSync(tmp, out);
  io.out('');
  for (const snapshot of next) {
    const before = previousOf(snapshot, previous, next);
    const change = before === undefined ? 'new' : before.signedAt === snapshot.signedAt ? 'unchanged' : `${before.signedAt} -> ${snapshot.signedAt}`;
    io.out(`locked ${snapshot.dir} (${Object.keys(snapshot.files).length} catalogs, signed ${snapshot.signedAt}): ${change}`);
  }
  io.out(`wrote ${out}; commit it with the catalog files, and run \`cdk8s-cnpg plan\` on the synthesised manifests to see what rolls`);
}
