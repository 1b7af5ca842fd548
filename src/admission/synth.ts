import { IConstruct } from 'constructs';
import { admissionViolations, validateObject } from './manifest';
import { formatViolation } from '../common/errors';

// The switch of synth-time validation. The hook itself is the resource base's (src/resource/): every CNPG
// object the library creates is validated like the API server would, and the app cannot synthesise a
// manifest the API server would reject (unless the app turns the CRD checks off).

const DISABLED = new WeakSet<IConstruct>();

/** Turns synth-time validation of the CRD schema and CEL rules off for the whole app that holds `scope`. */
export function disableSynthValidation(scope: IConstruct): void {
  DISABLED.add(scope.node.root);
}

/** Whether synth-time validation of the CRD schema and CEL rules runs for the app that holds `scope`. */
export function synthValidationEnabled(scope: IConstruct): boolean {
  return !DISABLED.has(scope.node.root);
}

/**
 * The messages for a synthesised manifest: the CRD schema, CEL rules and the operator's admission rules,
 * or (validation turned off) the operator's admission rules alone. `owned`: the validator may modify
 * `json` (it must then not be handed to the synth).
 */
export function synthMessages(json: unknown, enabled: boolean, owned: boolean): string[] {
  const violations = enabled ? validateObject(json, { owned }) : admissionViolations(json);
  return violations.map(formatViolation);
}
