/**
 * The CEL half of ValidatingAdmissionPolicy validation on write, as kube-apiserver's strategy
 * does it: an expression must compile in the policy's environment (`params` declared only with a
 * paramKind, though match conditions and messages may always name it), to a bool for validations
 * and match conditions, to a string for messages. One that does not is a 422,
 * `Invalid value: "<expression>": compilation failed: …`.
 */
import { invalidValue } from '../../field-errors.js';
import type { FieldError } from '../../status.js';
import { compileExpression, type ExpectedType } from './cel-program.js';

/** The field error of an expression that does not compile, if it does not. */
export function expressionErrors(expression: string, hasParams: boolean, expected: ExpectedType, field: string): FieldError[] {
  const compiled = compileExpression(expression, hasParams, expected);
  return 'error' in compiled ? [invalidValue(field, expression, compiled.error)] : [];
}
