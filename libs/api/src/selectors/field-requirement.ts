/** One clause of a field selector (`status.phase=Running`), as fields.Selector holds it. */

/** `=` and `==` both mean equality; `!=` inequality. */
export type FieldOperator = '=' | '==' | '!=';

/** `field <operator> value`, the value already unescaped. */
export interface FieldRequirement {
  field: string;
  operator: FieldOperator;
  value: string;
}
