import type { CliIo } from './io';
import { RolloutPlan } from '../fleet/rollout-plan';

export const PLAN_USAGE = `usage: cdk8s-cnpg plan --before DIR --after DIR [--format text|markdown|json] [--json] [--allow-delete] [--today YYYY-MM-DD]

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

/** The options of one `plan` command line, or the usage error. */
interface PlanOptions {
  readonly before: string;
  readonly after: string;
  readonly format: string;
  readonly allowDelete: boolean;
  readonly today?: Date;
}

function parse(args: string[]): PlanOptions | string | 'help' {
  const values: { [k: string]: string } = {};
  let json = false;
  let allowDelete = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '-h' || name === '--help') return 'help';
    if (name === '--json' || name === '--allow-delete') {
      if (name !== arg) return `${name} takes no value`;
      if (name === '--json') json = true;
      else allowDelete = true;
    } else if (['--before', '--after', '--format', '--today'].includes(name)) {
      const value = name !== arg ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === '' || (name === arg && value.startsWith('--'))) {
        return `${name} needs ${name === '--format' ? 'a format' : name === '--today' ? 'a date' : 'a folder'}`;
      }
      if (values[name] !== undefined) return `${name} is given twice`;
      values[name] = value;
    } else {
      return `unknown argument ${JSON.stringify(arg)}`;
    }
  }
  if (values['--before'] === undefined || values['--after'] === undefined) return 'both --before and --after are required';
  const format = values['--format'] ?? (json ? 'json' : 'text');
  if (!FORMATS.includes(format)) return `--format ${JSON.stringify(format)} is not one of ${FORMATS.join(', ')}`;
  if (json && format !== 'json') return `--json and --format ${format} contradict each other`;
  let today: Date | undefined;
  if (values['--today'] !== undefined) {
    const day = values['--today'];
    today = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : undefined;
    if (today === undefined || Number.isNaN(today.getTime()) || today.toISOString().slice(0, 10) !== day) {
      return `--today ${JSON.stringify(day)} is not a date; expected YYYY-MM-DD`;
    }
  }
  return { before: values['--before'], after: values['--after'], format, allowDelete, today };
}

/**
 * `cdk8s-cnpg plan --before DIR --after DIR`: what merging the change will roll out.
 * Exit codes: 0 safe, 1 a change is refused or would break a Cluster, 2 usage error or invalid input.
 */
export function planCommand(args: string[], io: CliIo): number {
  const options = parse(args);
  if (options === 'help') {
    io.out(PLAN_USAGE);
    return 0;
  }
  if (typeof options === 'string') {
    io.err(`cdk8s-cnpg plan: ${options}\n${PLAN_USAGE}`);
    return 2;
  }
  let plan: RolloutPlan;
  try {
    plan = RolloutPlan.fromDirectories(options.before, options.after, { allowDelete: options.allowDelete, today: options.today });
  } catch (e) {
    io.err(`cdk8s-cnpg plan: ${(e as Error).message}`);
    return 2;
  }
  if (options.format === 'json') io.out(JSON.stringify(plan.toJson(), null, 2));
  else if (options.format === 'markdown') io.out(plan.toMarkdown());
  else io.out(plan.toText());
  if (plan.hasErrors) io.err(`cdk8s-cnpg plan: invalid input (${plan.errors.length} problem(s)); see above`);
  return plan.exitCode;
}
