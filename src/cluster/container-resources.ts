import * as kplus from 'cdk8s-plus-28';
import { defined } from '../common/defined';

/** A generated L1 quantity class (`...ResourcesRequests`, `...ResourcesLimits`): made from a string. */
export type QuantityOf<T> = (value: string) => T;

/** Kubernetes `resources` of a container from cdk8s-plus-28 `ContainerResources`, in an L1's quantity types; undefined when empty. */
export function containerResources<R, L>(
  r: kplus.ContainerResources | undefined,
  request: QuantityOf<R>,
  limit: QuantityOf<L>,
): { requests?: { [k: string]: R }; limits?: { [k: string]: L } } | undefined {
  if (!r) return undefined;
  const requests: { [k: string]: R } = {};
  const limits: { [k: string]: L } = {};
  if (r.cpu?.request) requests.cpu = request(r.cpu.request.amount);
  if (r.cpu?.limit) limits.cpu = limit(r.cpu.limit.amount);
  if (r.memory?.request) requests.memory = request(r.memory.request.asString());
  if (r.memory?.limit) limits.memory = limit(r.memory.limit.asString());
  if (r.ephemeralStorage?.request) requests['ephemeral-storage'] = request(r.ephemeralStorage.request.asString());
  if (r.ephemeralStorage?.limit) limits['ephemeral-storage'] = limit(r.ephemeralStorage.limit.asString());
  if (Object.keys(requests).length === 0 && Object.keys(limits).length === 0) return undefined;
  return defined({
    requests: Object.keys(requests).length > 0 ? requests : undefined,
    limits: Object.keys(limits).length > 0 ? limits : undefined,
  });
}
