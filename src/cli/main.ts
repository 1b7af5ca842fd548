#!/usr/bin/env node
// The `cdk8s-cnpg` command: thin argument parsing; the work is done by library code.
import { catalogsCommand } from './catalogs';
import type { CliIo } from './io';
import { planCommand } from './plan';
import { validateCommand } from './validate';


const USAGE = `usage: cdk8s-cnpg <command> [options]

commands:
  validate FILE...                  validate CNPG objects in YAML files against the CRD schemas, CEL rules and webhook rules
  plan --before DIR --after DIR     report what a change of synthesised manifests will roll out (add --json for CI)
  catalogs verify DIR...            verify signed official catalog folders offline (flavour, majors, signing time, identity)
  catalogs lock DIR... --out FILE   verify them and write the lock file apps read them through
`;

/** Runs the CLI; returns the exit code. */
export function main(argv: string[], io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) }): number {
  const [command, ...args] = argv;
  switch (command) {
    case 'plan':
      return planCommand(args, io);
    case 'validate':
      return validateCommand(args, io);
    case 'catalogs':
      return catalogsCommand(args, io);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.err(`cdk8s-cnpg: unknown command ${JSON.stringify(command)}\n${USAGE}`);
      return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
