import { CRD_SCHEMAS as BARMAN_CLOUD_SCHEMAS } from '../../imports/barmancloud.cnpg.io.schemas';
import { CRD_SCHEMAS as KYVERNO_SCHEMAS } from '../../imports/kyverno.io.schemas';
import { CRD_SCHEMAS as KYVERNO_POLICIES_SCHEMAS } from '../../imports/policies.kyverno.io.schemas';
import { CRD_SCHEMAS as POLICY_CONTROLLER_SCHEMAS } from '../../imports/policy.sigstore.dev.schemas';
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

// The admission policy engines' kinds the library writes (ImageSignaturePolicy): validated against their CRD
// schemas and CEL rules, never CloudNativePG's webhook. Their precompiled validators load only when a kind of
// their group is first validated.
registerCrdSchemas(POLICY_CONTROLLER_SCHEMAS);
registerCrdSchemas(KYVERNO_SCHEMAS);
registerCrdSchemas(KYVERNO_POLICIES_SCHEMAS);
// eslint-disable-next-line @typescript-eslint/no-require-imports
registerPrecompiledValidators(() => require('../../imports/policy.sigstore.dev.validators').SHALLOW_VALIDATORS, 'policy.sigstore.dev');
// eslint-disable-next-line @typescript-eslint/no-require-imports
registerPrecompiledValidators(() => require('../../imports/kyverno.io.validators').SHALLOW_VALIDATORS, 'kyverno.io');
// eslint-disable-next-line @typescript-eslint/no-require-imports
registerPrecompiledValidators(() => require('../../imports/policies.kyverno.io.validators').SHALLOW_VALIDATORS, 'policies.kyverno.io');

/** Makes sure the CRD schemas are registered (importing this module does it; the call documents the need). */
export function cnpgSchemasRegistered(): boolean {
  return true;
}
