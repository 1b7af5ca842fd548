#!/usr/bin/env node
// The `cdk8s-cnpg` command: thin argument parsing; the work is done by library code.
import * as fs from 'fs';
import * as path from 'path';
import { parseCommandArgs, UsageError } from './args';
import { CATALOGS } from './catalogs';
import type { Command } from './command';
import type { CliIo } from './io';
import { PLAN } from './plan';
import { VALIDATE } from './validate';

/** Every command, in the order `--help` lists them. A new command is one module and one entry here. */
const COMMANDS: readonly Command[] = [VALIDATE, PLAN, CATALOGS];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.synopsis.length));
  const lines = COMMANDS.map((c) => `  ${c.synopsis.padEnd(width)}  ${c.summary}`);
  return `usage: cdk8s-cnpg <command> [options]
       cdk8s-cnpg <command> --help
       cdk8s-cnpg --version

commands:
${lines.join('\n')}`;
}

/** The version of the installed package (the package.json above this file, in src/ or lib/src/). */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (pkg.name === 'cdk8s-cnpg') return String(pkg.version);
    }
    if (path.dirname(dir) === dir) throw new Error(`cdk8s-cnpg: no package.json of cdk8s-cnpg above ${__dirname}`);
  }
}

/** Runs one command: parses its options, answers --help, reports usage errors (exit 2). */
function run(command: Command, args: readonly string[], io: CliIo): number {
  try {
    const parsed = parseCommandArgs(args, command.options);
    if (parsed.help) {
      io.out(command.usage);
      return 0;
    }
    return command.run(parsed, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`cdk8s-cnpg ${command.name}: ${e.message}`);
    io.err(command.usage);
    return 2;
  }
}

/** Runs the CLI; returns the exit code. */
export function main(argv: readonly string[], io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) }): number {
  const [first, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === first);
  if (command !== undefined) return run(command, rest, io);
  switch (first) {
    case '--version':
    case '-V':
      io.out(packageVersion());
      return 0;
    case '-h':
    case '--help':
    case 'help': {
      const topic = first === 'help' ? rest[0] : undefined;
      const about = COMMANDS.find((c) => c.name === topic);
      if (topic !== undefined && about === undefined) {
        io.err(`cdk8s-cnpg help: unknown command ${JSON.stringify(topic)}\n${usage()}`);
        return 2;
      }
      io.out(about?.usage ?? usage());
      return 0;
    }
    case undefined:
      io.err(usage());
      return 2;
    default:
      io.err(`cdk8s-cnpg: unknown command ${JSON.stringify(first)}\n${usage()}`);
      return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
