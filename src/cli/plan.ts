import { ParsedArgs, UsageError } from './args';
import type { Command } from './command';
import type { CliIo } from './io';
import { RolloutPlan } from '../fleet/rollout-plan';

const USAGE = `usage: cdk8s-cnpg plan --before DIR --after DIR [--json]

Reads two folders of synthesised manifests (every *.yaml and *.yml file under each) and reports what the
change rolls out: catalog images that changed, Clusters that roll and why, offline major upgrades, changes
the operator would refuse or that would break a Cluster, and the minimum time until the fleet converges
under the rollout delays of the "after" folder.

  --before DIR   the manifests deployed now
  --after DIR    the manifests to deploy
  --json         print the plan as JSON
  -h, --help     print this help

exit status: 0 every change is accepted, 1 a change would be refused or break a Cluster, 2 usage or read error`;

/**
 * `cdk8s-cnpg plan --before DIR --after DIR [--json]`: what merging the change will roll out.
 * Exit codes: 0 when every change is accepted, 1 when one would be refused or break a Cluster, 2 on usage
 * or read errors.
 */
export const PLAN: Command = {
  name: 'plan',
  synopsis: 'plan --before DIR --after DIR',
  summary: 'report what a change of synthesised manifests will roll out (add --json for CI)',
  usage: USAGE,
  options: { before: { type: 'string', value: 'a folder' }, after: { type: 'string', value: 'a folder' }, json: { type: 'boolean' } },
  run: planCommand,
};

function planCommand(args: ParsedArgs, io: CliIo): number {
  const { before, after, json } = args.options;
  if (typeof before !== 'string' || typeof after !== 'string') throw new UsageError('both --before and --after are required');
  if (args.operands.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args.operands[0])}; the folders are given with --before and --after`);
  let plan: RolloutPlan;
  try {
    plan = RolloutPlan.fromDirectories(before, after);
  } catch (e) {
    io.err(`cdk8s-cnpg plan: ${(e as Error).message}`);
    return 2;
  }
  io.out(json === true ? JSON.stringify(plan.toJson(), null, 2) : plan.toText());
  return plan.hasRefusedChanges ? 1 : 0;
}
