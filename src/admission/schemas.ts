import { CRD_SCHEMAS as BARMAN_CLOUD_SCHEMAS } from '../../imports/barmancloud.cnpg.io.schemas';
import { CRD_SCHEMAS as CNPG_SCHEMAS } from '../../imports/postgresql.cnpg.io.schemas';
import { registerCrdSchemas } from '../validator/crd-schema';
import { registerPrecompiledValidators } from '../validator/schema-validator';

// The CRDs the library validates (every kind of CloudNativePG and the Barman Cloud plugin's ObjectStore),
// registered with the generic validator once, when admission is loaded. The precompiled validators are
// loaded on first validation.

registerCrdSchemas(CNPG_SCHEMAS);
registerCrdSchemas(BARMAN_CLOUD_SCHEMAS);
// eslint-disable-next-line @typescript-eslint/no-require-imports
registerPrecompiledValidators(() => require('../../imports/postgresql.cnpg.io.validators').SHALLOW_VALIDATORS);
// eslint-disable-next-line @typescript-eslint/no-require-imports
registerPrecompiledValidators(() => require('../../imports/barmancloud.cnpg.io.validators').SHALLOW_VALIDATORS);

/** Makes sure the CRD schemas are registered (importing this module does it; the call documents the need). */
export function cnpgSchemasRegistered(): boolean {
  return true;
}
