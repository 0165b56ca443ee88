/**
 * Resource quantities ("500m", "1Gi", "2e3") parsed and printed the way
 * k8s.io/apimachinery's resource.Quantity does, so defaults, LimitRanger messages
 * and the scheduler all agree with a real cluster on values and spelling.
 */

/** How a quantity prints: the suffix family it was written in. */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact quantity: an integer count of nano-units (Kubernetes' finest precision). */
export interface Quantity {
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

/** Kubernetes' text when a quantity is not shaped like a number with a suffix. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const SUFFIX_ERROR = "unable to parse quantity's suffix";
const NUMERIC_ERROR = 'unable to parse numeric part of quantity';

/** Thrown for text that is not a quantity; the message is Kubernetes' own. */
export class QuantityError extends Error {}

const NANO = 1_000_000_000n;
const SHAPE = /^([+-]?)([0-9]*)(?:(\.)([0-9]*))?([eEinumkKMGTP]*[+-]?[0-9]*)$/;
const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([suffix, exp]) => [exp, suffix]));
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

interface Suffix {
  base: 10 | 2;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(suffix: string): Suffix {
  if (suffix in DECIMAL_SUFFIXES) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: 'DecimalSI' };
  if (suffix in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    return { base: 10, exponent: Number(suffix.slice(1)), format: 'DecimalExponent' };
  }
  throw new QuantityError(SUFFIX_ERROR);
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}

/** Parses a quantity from JSON (string or number); throws QuantityError like Kubernetes' decoder. */
export function toQuantity(value: unknown): Quantity {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const shape = text === '' ? null : SHAPE.exec(text);
  if (!shape) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  const [, sign, whole, dot, fraction = '', suffixText] = shape;
  if (dot && whole === '' && fraction === '') throw new QuantityError(NUMERIC_ERROR);
  const suffix = interpretSuffix(suffixText);
  const digits = BigInt(`${whole}${fraction}` || '0');
  const decimalShift = 9 - fraction.length + (suffix.base === 10 ? suffix.exponent : 0);
  const scaled = suffix.base === 2 ? digits << BigInt(suffix.exponent) : digits;
  const magnitude = decimalShift >= 0 ? scaled * 10n ** BigInt(decimalShift) : ceilDiv(scaled, 10n ** BigInt(-decimalShift));
  const nanos = sign === '-' ? -magnitude : magnitude;
  const smallBinary = suffix.format === 'BinarySI' && nanos > 0n && nanos < NANO;
  return { nanos, format: smallBinary ? 'DecimalSI' : suffix.format };
}

/** The error message Kubernetes gives for a value that is not a quantity, if it is not one. */
export function quantityError(value: unknown): string | undefined {
  try {
    toQuantity(value);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function formatDecimal(magnitude: bigint, format: QuantityFormat): string {
  let mantissa = magnitude;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const remainder = exponent % 3;
  if (remainder === 1 || remainder === -2) {
    mantissa *= 10n;
    exponent -= 1;
  } else if (remainder === 2 || remainder === -1) {
    mantissa *= 100n;
    exponent -= 2;
  }
  if (format === 'DecimalSI' && DECIMAL_BY_EXPONENT.has(exponent)) return `${mantissa}${DECIMAL_BY_EXPONENT.get(exponent)}`;
  return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
}

function formatBinary(magnitude: bigint): string {
  let value = magnitude / NANO;
  let power = 0;
  while (value % 1024n === 0n && power < BINARY_BY_POWER.length - 1) {
    value /= 1024n;
    power++;
  }
  return `${value}${BINARY_BY_POWER[power]}`;
}

/** Prints a quantity in Kubernetes' canonical form (what the API returns: "0.5" → "500m", "1024Mi" → "1Gi"). */
export function formatQuantity(quantity: Quantity): string {
  if (quantity.nanos === 0n) return '0';
  const negative = quantity.nanos < 0n;
  const magnitude = negative ? -quantity.nanos : quantity.nanos;
  const binary = quantity.format === 'BinarySI' && magnitude >= 1024n * NANO && magnitude % NANO === 0n;
  const text = binary ? formatBinary(magnitude) : formatDecimal(magnitude, quantity.format === 'BinarySI' ? 'DecimalSI' : quantity.format);
  return negative ? `-${text}` : text;
}

/** Canonical spelling of a quantity given as JSON text or number. */
export function canonicalQuantity(value: string | number): string {
  return formatQuantity(toQuantity(value));
}

/** The value as a plain number: cores for cpu ("500m" → 0.5), bytes for memory ("1Gi" → 1073741824). */
export function parseQuantity(value: string | number): number {
  return Number(toQuantity(value).nanos) / 1e9;
}

/** -1, 0 or 1 as a is less than, equal to or greater than b, compared exactly. */
export function compareQuantities(a: string | number, b: string | number): -1 | 0 | 1 {
  const difference = toQuantity(a).nanos - toQuantity(b).nanos;
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/** The value rounded up to thousandths (Kubernetes' MilliValue), used for comparisons and ratios. */
export function milliValue(quantity: Quantity): bigint {
  const millis = quantity.nanos / 1_000_000n;
  return quantity.nanos > millis * 1_000_000n ? millis + 1n : millis;
}

/** The sum of quantities, printed in the first one's format unless it is zero (as Quantity.Add does). */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** The quantity rounded up to milli precision, as defaulting does for every resource list. */
export function roundUpToMilli(quantity: Quantity): Quantity {
  return { nanos: milliValue(quantity) * 1_000_000n, format: quantity.format };
}
