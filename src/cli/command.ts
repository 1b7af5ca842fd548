import type { OptionSpec, ParsedArgs } from './args';
import type { CliIo } from './io';

/**
 * One `cdk8s-cnpg` command. A command is a module that exports one of these and is listed in main.ts;
 * main parses its options, answers `--help` and reports a UsageError it throws with its usage.
 */
export interface Command {
  /** The word after `cdk8s-cnpg`. */
  readonly name: string;
  /** Its arguments in one line, as `cdk8s-cnpg --help` lists them (`validate FILE...`). */
  readonly synopsis: string;
  /** What it does, in one line of `cdk8s-cnpg --help`. */
  readonly summary: string;
  /** The whole `--help` text, starting with `usage: cdk8s-cnpg <name>`. */
  readonly usage: string;
  /** Its options, by long name (without `--`); `--help` is implied. */
  readonly options: { readonly [name: string]: OptionSpec };
  /** Runs the command; returns the exit status. May throw a UsageError. */
  run(args: ParsedArgs, io: CliIo): number;
}
