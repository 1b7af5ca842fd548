import { ParsedArgs, UsageError } from './args';
import type { Command } from './command';
import type { CliIo } from './io';
import { RolloutPlan } from '../fleet/rollout-plan';

const USAGE = `usage: cdk8s-cnpg plan --before DIR --after DIR [--format text|markdown|json] [--json] [--allow-delete] [--today YYYY-MM-DD]

Reads two folders of synthesised manifests (every *.yaml and *.yml file under each) and reports what the
change rolls out: catalog images that changed, Clusters and Poolers that roll and why, offline major
upgrades, what would be refused, and the minimum time until the fleet converges under the rollout delays
of the "after" folder.

  --before DIR        the manifests deployed now
  --after DIR         the manifests to deploy
  --format FORMAT     text (default), markdown (a pull-request comment) or json (schemas/plan.schema.json)
  --json              the same as --format json
  --allow-delete      Clusters removed from the manifests are intended: report them without refusing
  --today YYYY-MM-DD  the day of the plan, for the end-of-life warnings (default: today)
  -h, --help          print this help

exit status: 0 every change is safe, 1 a change is refused or would break a Cluster (a downgrade, a
deletion without --allow-delete, a binary downgrade through a catalog, a wave ahead of the one before it),
2 usage error or invalid input (unreadable YAML, an object defined twice, an object the API server would
refuse, a rollout delay the operator cannot read)`;

const FORMATS = ['text', 'markdown', 'json'];

/**
 * `cdk8s-cnpg plan --before DIR --after DIR`: what merging the change will roll out.
 * Exit codes: 0 safe, 1 a change is refused or would break a Cluster, 2 usage error or invalid input.
 */
export const PLAN: Command = {
  name: 'plan',
  synopsis: 'plan --before DIR --after DIR',
  summary: 'report what a change of synthesised manifests will roll out (--format markdown for a PR, --json for CI)',
  usage: USAGE,
  options: {
    'before': { type: 'string', value: 'a folder' },
    'after': { type: 'string', value: 'a folder' },
    'format': { type: 'string', value: 'a format (text, markdown or json)' },
    'json': { type: 'boolean' },
    'allow-delete': { type: 'boolean' },
    'today': { type: 'string', value: 'a date (YYYY-MM-DD)' },
  },
  run: planCommand,
};

/** `--today`: a calendar day, as a Date at midnight UTC. */
function day(text: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : undefined;
  if (date === undefined || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new UsageError(`--today ${JSON.stringify(text)} is not a date; expected YYYY-MM-DD`);
  }
  return date;
}

function planCommand(args: ParsedArgs, io: CliIo): number {
  const { before, after, json } = args.options;
  if (typeof before !== 'string' || typeof after !== 'string') throw new UsageError('both --before and --after are required');
  if (args.operands.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args.operands[0])}; the folders are given with --before and --after`);
  const given = args.options.format;
  const format = typeof given === 'string' ? given : json === true ? 'json' : 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`--format ${JSON.stringify(format)} is not one of ${FORMATS.join(', ')}`);
  if (json === true && format !== 'json') throw new UsageError(`--json and --format ${format} contradict each other`);
  const today = typeof args.options.today === 'string' ? day(args.options.today) : undefined;
  let plan: RolloutPlan;
  try {
    plan = RolloutPlan.fromDirectories(before, after, { allowDelete: args.options['allow-delete'] === true, today });
  } catch (e) {
    io.err(`cdk8s-cnpg plan: ${(e as Error).message}`);
    return 2;
  }
  if (format === 'json') io.out(JSON.stringify(plan.toJson(), null, 2));
  else if (format === 'markdown') io.out(plan.toMarkdown());
  else io.out(plan.toText());
  if (plan.hasErrors) io.err(`cdk8s-cnpg plan: invalid input (${plan.errors.length} problem(s)); see above`);
  return plan.exitCode;
}
