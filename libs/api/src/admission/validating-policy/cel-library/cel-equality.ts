/**
 * CEL's equality for the values the library functions receive (cel-go's ref.Val.Equal with
 * heterogeneous numeric equality): numbers of any kind compare by value, lists and maps
 * element-wise, the library's own types by their `equals`, the rest strictly.
 */

interface Equatable {
  equals(other: unknown): boolean;
}

const isEquatable = (v: unknown): v is Equatable => typeof v === 'object' && v !== null && typeof (v as Partial<Equatable>).equals === 'function';
const isNumeric = (v: unknown): v is bigint | number => typeof v === 'bigint' || typeof v === 'number';

function entriesOf(v: object): Map<unknown, unknown> {
  return v instanceof Map ? v : new Map(Object.entries(v));
}

/** Whether CEL's `==` holds between a and b. */
export function celEquals(a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) return typeof a === typeof b ? a === b : Number(a) === Number(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => celEquals(v, b[i]));
  if (a instanceof Uint8Array || b instanceof Uint8Array) return a instanceof Uint8Array && b instanceof Uint8Array && a.length === b.length && a.every((v, i) => v === b[i]);
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (isEquatable(a)) return a.constructor === b.constructor && a.equals(b);
  if (a.constructor !== b.constructor && !(a instanceof Map || b instanceof Map)) return false;
  const [left, right] = [entriesOf(a), entriesOf(b)];
  return left.size === right.size && [...left].every(([k, v]) => right.has(k) && celEquals(v, right.get(k)));
}
