export * from './catalog/image-catalog';
export { DebianRelease, ImageType } from './common/flavour';
export * from './catalog/official';
export * from './catalog/official-options';
export * from './catalog/official-snapshot';
export * from './extension/extension-image';
export * from './cluster/cluster';
export * from './cluster/cluster-image';
export * from './cluster/cluster-options';
export * from './extension/extension';
export * from './extension/official-extension';
export * from './cluster/database';
export * from './cluster/database-role';
export * from './cluster/publication';
export * from './cluster/subscription';
export * from './resource/resource';
export * from './operator/operator-config';
export * from './fleet/postgres-fleet';
export * from './fleet/catalog-waves';
export * from './fleet/plan-types';
export * from './fleet/rollout-plan';
export * from './admission/cnpg-validation';

// The generated L1 bindings of every kind, one namespace per API group (as cdk8s-plus exports `k8s`).
export * as cnpg from '../imports/postgresql.cnpg.io';
export * as barmancloud from '../imports/barmancloud.cnpg.io';
export * from './policy/image-signature-policy';
