/**
 * The Kubernetes CEL list library (k8s.io/apiserver/pkg/cel/library/lists.go, version 0 as 1.32
 * has it): isSorted, sum, min, max, indexOf and lastIndexOf, with its error texts.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celEquals } from './cel-equality.js';

type Comparable = bigint | number | string;

const compare = (a: Comparable, b: Comparable): number => (a < b ? -1 : a > b ? 1 : 0);

function extreme(list: readonly Comparable[], pick: (a: Comparable, b: Comparable) => boolean, name: string): Comparable {
  if (list.length === 0) throw new Error(`${name} called on empty list`);
  return list.reduce((best, v) => (pick(v, best) ? v : best));
}

function sum(list: readonly Comparable[]): Comparable {
  if (list.length === 0) return 0n;
  return list.reduce((total, v) => (typeof total === 'bigint' && typeof v === 'bigint' ? total + v : Number(total) + Number(v)));
}

const indexOf = (list: readonly unknown[], value: unknown) => BigInt(list.findIndex((v) => celEquals(v, value)));
const lastIndexOf = (list: readonly unknown[], value: unknown) => BigInt(list.findLastIndex((v) => celEquals(v, value)));

/** Adds the list library to `env`. */
export function registerListsLibrary(env: Environment): Environment {
  return env
    .registerFunction('list.isSorted(): bool', (list: Comparable[]) => list.every((v, i) => i === 0 || compare(list[i - 1], v) <= 0))
    .registerFunction('list.sum(): dyn', (list: Comparable[]) => sum(list))
    .registerFunction('list.min(): dyn', (list: Comparable[]) => extreme(list, (a, b) => compare(a, b) < 0, 'min'))
    .registerFunction('list.max(): dyn', (list: Comparable[]) => extreme(list, (a, b) => compare(a, b) > 0, 'max'))
    .registerFunction('list.indexOf(dyn): int', indexOf)
    .registerFunction('list.lastIndexOf(dyn): int', lastIndexOf);
}
