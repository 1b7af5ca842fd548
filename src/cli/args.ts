import { parseArgs } from 'util';

// The one argument parser of every command: node:util.parseArgs tokens, checked here so that each
// mistake gets a message naming the option (unknown, missing value, value given to a flag, given twice).

/** An option of a command. */
export interface OptionSpec {
  /** `boolean`: a flag (`--json`); `string`: takes a value (`--before DIR` or `--before=DIR`). */
  readonly type: 'boolean' | 'string';
  /** What the value is, for messages ("--before needs a folder"); `string` options only. */
  readonly value?: string;
}

/** The options and operands of one command line. */
export interface ParsedArgs {
  /** Flags given (true) and option values, by option name; an option not given is absent. */
  readonly options: { readonly [name: string]: string | boolean | undefined };
  /** The operands (positional arguments), in order; everything after `--` is one. */
  readonly operands: string[];
  /** `--help` or `-h` was given. */
  readonly help: boolean;
}

/** A mistake in the command line: reported with the command's usage, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Parses a command's arguments: `--name value`, `--name=value`, flags, `-h`/`--help`, operands, and `--`
 * (everything after it is an operand, so a file may be named `-x`). A lone `-` is an operand (standard input).
 * Throws a UsageError on an unknown option, a missing value, a value given to a flag, or an option given twice.
 */
export function parseCommandArgs(args: readonly string[], specs: { readonly [name: string]: OptionSpec }): ParsedArgs {
  const options: { [name: string]: string | boolean } = {};
  const operands: string[] = [];
  let help = false;
  const { tokens } = parseArgs({
    args: [...args],
    options: { ...stringOptions(specs), help: { type: 'boolean', short: 'h' } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens ?? []) {
    if (token.kind === 'positional') {
      operands.push(token.value);
    } else if (token.kind === 'option') {
      if (token.name === 'help') {
        help = true;
        continue;
      }
      const spec = Object.prototype.hasOwnProperty.call(specs, token.name) ? specs[token.name] : undefined;
      if (spec === undefined) throw new UsageError(`unknown option ${token.rawName}`);
      const flag = `--${token.name}`;
      if (token.name in options) {
        const values = spec.type === 'string' ? ` (${JSON.stringify(options[token.name])} and ${JSON.stringify(token.value ?? '')})` : '';
        throw new UsageError(`${flag} is given twice${values}; give it once`);
      }
      if (spec.type === 'boolean') {
        if (token.value !== undefined) throw new UsageError(`${flag} takes no value (got ${JSON.stringify(token.value)})`);
        options[token.name] = true;
      } else {
        // A value that looks like an option is a forgotten value (`--before --after b`); `--before=-x` passes one.
        const missing = token.value === undefined || token.value === '' || (!token.inlineValue && token.value.startsWith('-') && token.value !== '-');
        if (missing) throw new UsageError(`${flag} needs ${spec.value ?? 'a value'}`);
        options[token.name] = token.value!;
      }
    }
  }
  return { options, operands, help };
}

function stringOptions(specs: { readonly [name: string]: OptionSpec }): { [name: string]: { type: 'string' } } {
  const out: { [name: string]: { type: 'string' } } = {};
  for (const [name, spec] of Object.entries(specs)) if (spec.type === 'string') out[name] = { type: 'string' };
  return out;
}
