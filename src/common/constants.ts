// Names fixed by CloudNativePG, written once for every layer.

/** The API group of every CloudNativePG kind. */
export const CNPG_GROUP = 'postgresql.cnpg.io';

/** The apiVersion of every CloudNativePG kind. */
export const CNPG_API_VERSION = `${CNPG_GROUP}/v1`;

/** True when an apiVersion is of the CloudNativePG API group (any version). */
export function isCnpgApiVersion(apiVersion: unknown): boolean {
  return typeof apiVersion === 'string' && apiVersion.startsWith(`${CNPG_GROUP}/`);
}

/** The name of the operator's configuration ConfigMap (or Secret) that the operator reads by default. */
export const OPERATOR_CONFIG_NAME = 'cnpg-controller-manager-config';

/** The registry and organisation of CloudNativePG's official images. */
export const OFFICIAL_IMAGE_PREFIX = 'ghcr.io/cloudnative-pg/';

/** The name of the Barman Cloud CNPG-i plugin (in a Cluster's `plugins` and a backup's `pluginConfiguration`). */
export const BARMAN_CLOUD_PLUGIN = 'barman-cloud.cloudnative-pg.io';
