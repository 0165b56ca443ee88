/**
 * The Kubernetes CEL quantity library (k8s.io/apiserver/pkg/cel/library/quantity.go, in the base
 * environment since 1.28): `quantity()`, `isQuantity()`, `sign()`, isInteger, asInteger,
 * asApproximateFloat, add, sub, compareTo, isGreaterThan, isLessThan and equality, exact as
 * resource.Quantity is (the lab's quantities count nano-units).
 */
import type { Environment } from '@marcbachmann/cel-js';
import { succeeds } from './succeeds.js';
import { QUANTITY_FORMAT_ERROR, toQuantity, type Quantity } from '../../quantity.js';

/** A kubernetes.Quantity value. */
export class CelQuantity {
  constructor(readonly quantity: Quantity) {}

  get nanos(): bigint {
    return this.quantity.nanos;
  }
}

const QUANTITY = 'kubernetes.Quantity';
const NANO = 1_000_000_000n;
const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);

/** resource.ParseQuantity: a number first ('Mi' is not a quantity), no surrounding spaces, Kubernetes' error texts. */
function toCelQuantity(text: string): CelQuantity {
  if (!/^[+-]?\.?[0-9]/.test(text) || text !== text.trim()) throw new Error(QUANTITY_FORMAT_ERROR);
  return new CelQuantity(toQuantity(text));
}

const fromInt = (value: bigint) => new CelQuantity({ nanos: value * NANO, format: 'DecimalExponent' });
const sum = (a: CelQuantity, b: CelQuantity) => new CelQuantity({ nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.quantity.format : a.quantity.format });
const negate = (q: CelQuantity) => new CelQuantity({ nanos: -q.nanos, format: q.quantity.format });
const compare = (a: CelQuantity, b: CelQuantity) => (a.nanos < b.nanos ? -1n : a.nanos > b.nanos ? 1n : 0n);

/** Quantity.AsInt64: the value when it is whole and fits an int64. */
function asInt64(q: CelQuantity): bigint | undefined {
  if (q.nanos % NANO !== 0n) return undefined;
  const value = q.nanos / NANO;
  return value >= MIN_INT64 && value <= MAX_INT64 ? value : undefined;
}

/** Adds the quantity library to `env`. */
export function registerQuantityLibrary(env: Environment): Environment {
  return env
    .registerType(QUANTITY, CelQuantity)
    .registerFunction(`quantity(string): ${QUANTITY}`, toCelQuantity)
    .registerFunction('isQuantity(string): bool', (text: string) => succeeds(() => toCelQuantity(text)))
    .registerFunction(`sign(${QUANTITY}): int`, (q: CelQuantity) => compare(q, fromInt(0n)))
    .registerFunction(`${QUANTITY}.isInteger(): bool`, (q: CelQuantity) => asInt64(q) !== undefined)
    .registerFunction(`${QUANTITY}.asInteger(): int`, (q: CelQuantity) => {
      const value = asInt64(q);
      if (value === undefined) throw new Error('cannot convert value to integer');
      return value;
    })
    .registerFunction(`${QUANTITY}.asApproximateFloat(): double`, (q: CelQuantity) => Number(q.nanos) / 1e9)
    .registerFunction(`${QUANTITY}.add(${QUANTITY}): ${QUANTITY}`, sum)
    .registerFunction(`${QUANTITY}.add(int): ${QUANTITY}`, (q: CelQuantity, n: bigint) => sum(q, fromInt(n)))
    .registerFunction(`${QUANTITY}.sub(${QUANTITY}): ${QUANTITY}`, (a: CelQuantity, b: CelQuantity) => sum(a, negate(b)))
    .registerFunction(`${QUANTITY}.sub(int): ${QUANTITY}`, (q: CelQuantity, n: bigint) => sum(q, fromInt(-n)))
    .registerFunction(`${QUANTITY}.compareTo(${QUANTITY}): int`, compare)
    .registerFunction(`${QUANTITY}.isGreaterThan(${QUANTITY}): bool`, (a: CelQuantity, b: CelQuantity) => compare(a, b) === 1n)
    .registerFunction(`${QUANTITY}.isLessThan(${QUANTITY}): bool`, (a: CelQuantity, b: CelQuantity) => compare(a, b) === -1n)
    .registerOperator(`${QUANTITY} == ${QUANTITY}`, (a: CelQuantity, b: CelQuantity) => a.nanos === b.nanos);
}
