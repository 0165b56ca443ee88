/**
 * Cells built from resource.Quantity and intstr.IntOrString values, spelled as their Go String()
 * methods spell them: quantities in canonical form ("1024Mi" → "1Gi"), a zero quantity as "0",
 * and a nil *Quantity as "<nil>".
 */
import { canonicalQuantity, QuantityError } from '../admission/quantity.js';

/** A quantity's canonical text; a missing one is the zero Quantity, "0". */
export function quantityCell(value: string | number | null | undefined): string {
  if (value === undefined || value === null) return '0';
  try {
    return canonicalQuantity(value);
  } catch (e) {
    if (e instanceof QuantityError) return String(value);
    throw e;
  }
}

/** A *Quantity's String(): "<nil>" when the pointer is unset. */
export function optionalQuantityCell(value: string | number | null | undefined): string {
  return value === undefined || value === null ? '<nil>' : quantityCell(value);
}

/** intstr.IntOrString's String(): the number in decimal, or the string as written. */
export function intOrStringCell(value: string | number): string {
  return String(value);
}
