/**
 * JSON as CEL sees it: kube-apiserver hands CEL unstructured JSON, where a whole number is an
 * int64 and any other number a double. @marcbachmann/cel-js takes ints as BigInt, so whole
 * numbers become BigInt on the way in.
 */

/** The CEL value of a JSON value: whole numbers as BigInt, everything else as is. */
export function celValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(celValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, celValue(v)]));
  }
  return value;
}
