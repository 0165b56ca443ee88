/**
 * Quantities read into the integer units kube-scheduler computes with (millicores,
 * bytes, counts), cached by spelling because every pod of a Deployment repeats them.
 */
import { parseQuantity } from '@kubelab/api';

const cache = new Map<string, number>();
const CACHE_LIMIT = 4096;

function cores(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return 0;
  const known = cache.get(value);
  if (known !== undefined) return known;
  let parsed = 0;
  try {
    parsed = parseQuantity(value);
  } catch {
    parsed = 0;
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(value, parsed);
  return parsed;
}

/** Rounds up like Quantity.MilliValue/Value, tolerating binary floating-point noise. */
function roundUp(value: number): number {
  return Math.ceil(value - 1e-9);
}

/** A cpu quantity in millicores ("500m" → 500, "2" → 2000); absent or malformed is 0. */
export function milliCpuOf(value: unknown): number {
  return roundUp(cores(value) * 1000);
}

/** A memory (or count) quantity as a whole number ("1Gi" → 1073741824); absent or malformed is 0. */
export function wholeOf(value: unknown): number {
  return roundUp(cores(value));
}
