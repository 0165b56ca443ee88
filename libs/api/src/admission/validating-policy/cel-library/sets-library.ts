/**
 * cel-go's sets extension (ext.Sets, in Kubernetes' base environment since 1.29):
 * `sets.contains(a, b)` (every element of b is in a), `sets.equivalent(a, b)` (each contains the
 * other) and `sets.intersects(a, b)` (some element in both), with CEL equality.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celEquals } from './cel-equality.js';
import { registerNamespace } from './namespace.js';

const includes = (list: readonly unknown[], value: unknown) => list.some((v) => celEquals(v, value));
const contains = (a: readonly unknown[], b: readonly unknown[]) => b.every((v) => includes(a, v));

/** Adds the sets extension to `env`. */
export function registerSetsLibrary(env: Environment): Environment {
  const sets = registerNamespace(env, 'sets');
  return env
    .registerFunction(`${sets}.contains(list, list): bool`, (_: unknown, a: unknown[], b: unknown[]) => contains(a, b))
    .registerFunction(`${sets}.equivalent(list, list): bool`, (_: unknown, a: unknown[], b: unknown[]) => contains(a, b) && contains(b, a))
    .registerFunction(`${sets}.intersects(list, list): bool`, (_: unknown, a: unknown[], b: unknown[]) => a.some((v) => includes(b, v)));
}
