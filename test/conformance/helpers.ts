import { Violation } from '../../src/common/errors';
import { CLUSTER_VALIDATORS } from '../../src/rules/cluster';
import { validateReplicaClusterExternalClusters } from '../../src/rules/cluster/bootstrap';
import { validatePgFailoverSlots } from '../../src/rules/cluster/configuration';
import { parsePostgresQuantityValue } from '../../src/rules/cluster/go';
import { livenessPingerConfig, serviceTemplateViolations } from '../../src/rules/cluster/pod';
import { CLUSTER_UPDATE_VALIDATORS } from '../../src/rules/cluster/update';
import { CLUSTER_WARNINGS, clusterWebhookWarnings } from '../../src/rules/cluster/warnings';

// What the conformance cases call by name: upstream's single validators (a case's `rule`) and helpers
// (a case's `call`), each mapped to the library's counterpart.

/** A single create validator: the object. An update validator: the new object and the stored one. */
export type Rule = (object: any, old?: any) => Violation[];

const create = new Map<string, Rule>(CLUSTER_VALIDATORS.map(([name, rule]) => [name, (o: any) => rule(o)]));
const update = new Map<string, Rule>(CLUSTER_UPDATE_VALIDATORS.map(([name, rule]) => [name, (o: any, old: any) => rule(o, old)]));

/** Upstream's validators by kind and Go name (`validate` and `validateClusterChanges` run them all). */
export const RULES: { readonly [kind: string]: ReadonlyMap<string, Rule> } = {
  Cluster: new Map<string, Rule>([
    ...create,
    ...update,
    ['validatePgFailoverSlots', (o) => validatePgFailoverSlots(o)],
    ['validateReplicaClusterExternalClusters', (o) => validateReplicaClusterExternalClusters(o)],
    ['validate', (o) => CLUSTER_VALIDATORS.flatMap(([, rule]) => rule(o))],
    ['validateClusterChanges', (o, old) => (old === undefined || old === null ? [] : CLUSTER_UPDATE_VALIDATORS.flatMap(([, rule]) => rule(o, old)))],
  ]),
};

/** The warning getters of a kind's webhook by Go name (`getAdmissionWarnings` runs them all), by kind. */
export const WARNINGS: { readonly [kind: string]: ReadonlyMap<string, (object: any) => string[]> } = {
  Cluster: new Map([...CLUSTER_WARNINGS, ['getAdmissionWarnings', clusterWebhookWarnings]]),
};

/** The callable helpers, by the name of the upstream function they port. */
export const HELPERS: { readonly [name: string]: (...args: any[]) => unknown } = {
  // parsePostgresQuantityValue (cluster_webhook.go): a PostgreSQL size in bytes, or undefined on error
  parsePostgresQuantityValue: (value: string) => parsePostgresQuantityValue(value),
  // NewLivenessPingerConfigFromAnnotations (cluster_defaults.go): null when absent, 'error' on an error
  NewLivenessPingerConfigFromAnnotations: (annotations: { [key: string]: string }) => {
    const text = annotations['alpha.cnpg.io/livenessPinger'];
    if (text === undefined) return null;
    const config = livenessPingerConfig(text);
    return typeof config === 'string' ? 'error' : config;
  },
  // validateServiceTemplate(path, nameRequired, template): the operator's messages
  validateServiceTemplate: (nameRequired: boolean, template: unknown) => serviceTemplateViolations('spec', nameRequired, template).map((v) => v.upstream),
};
