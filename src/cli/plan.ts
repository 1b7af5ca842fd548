import type { CliIo } from './io';
import { RolloutPlan } from '../fleet/rollout-plan';

const USAGE = 'usage: cdk8s-cnpg plan --before DIR --after DIR [--json]';

/**
 * `cdk8s-cnpg plan --before DIR --after DIR [--json]`: what merging the change will roll out.
 * Exit codes: 0 when every change is accepted, 1 when one would be refused or break a Cluster, 2 on usage
 * or read errors.
 */
export function planCommand(args: string[], io: CliIo): number {
  let before: string | undefined;
  let after: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') {json = true;} else if (arg === '--before' || arg === '--after') {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) {
        io.err(`cdk8s-cnpg plan: ${arg} needs a folder\n${USAGE}`);
        return 2;
      }
      if (arg === '--before') before = value;
      else after = value;
    } else if (arg === '-h' || arg === '--help') {
      io.out(USAGE);
      return 0;
    } else {
      io.err(`cdk8s-cnpg plan: unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
      return 2;
    }
  }
  if (before === undefined || after === undefined) {
    io.err(`cdk8s-cnpg plan: both --before and --after are required\n${USAGE}`);
    return 2;
  }
  let plan: RolloutPlan;
  try {
    plan = RolloutPlan.fromDirectories(before, after);
  } catch (e) {
    io.err(`cdk8s-cnpg plan: ${(e as Error).message}`);
    return 2;
  }
  io.out(json ? JSON.stringify(plan.toJson(), null, 2) : plan.toText());
  return plan.hasRefusedChanges ? 1 : 0;
}
