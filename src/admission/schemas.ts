import { CRD_SCHEMAS } from '../../imports/postgresql.cnpg.io.schemas';
import { registerCrdSchemas } from '../validator/crd-schema';
import { registerPrecompiledValidators } from '../validator/schema-validator';

// The CRDs the library validates, registered with the generic validator once, when admission is loaded.

registerCrdSchemas(CRD_SCHEMAS);
// eslint-disable-next-line @typescript-eslint/no-require-imports
registerPrecompiledValidators(() => require('../../imports/postgresql.cnpg.io.validators').SHALLOW_VALIDATORS);

/** Makes sure the CRD schemas are registered (importing this module does it; the call documents the need). */
export function cnpgSchemasRegistered(): boolean {
  return true;
}
