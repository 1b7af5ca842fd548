import { main } from '../src/cli/main';

/** Runs the CLI; returns its exit status and output, with each directory shown as its placeholder. */
export function run(args: string[], dirs: { [placeholder: string]: string } = {}): { status: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const status = main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  const clean = (text: string) => Object.entries(dirs).reduce((t, [name, dir]) => t.split(dir).join(name), text);
  return { status, out: clean(out.join('\n')), err: clean(err.join('\n')) };
}
