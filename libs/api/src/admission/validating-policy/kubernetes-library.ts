/**
 * The Kubernetes CEL library functions (k8s.io/apiserver/pkg/cel/library) that policies in the
 * Kubernetes docs and common tutorials call and @marcbachmann/cel-js does not have: the list
 * library (isSorted, sum, min, max), the regex library (find, findAll) and the string
 * extensions charAt and replace. Quantity, URL, IP and CIDR are left out.
 */
import type { Environment } from '@marcbachmann/cel-js';

type Comparable = bigint | number | string;

const compare = (a: Comparable, b: Comparable): number => (a < b ? -1 : a > b ? 1 : 0);

function extreme(list: readonly Comparable[], pick: (a: Comparable, b: Comparable) => boolean, name: string): Comparable {
  if (list.length === 0) throw new Error(`${name}(list) called on empty list`);
  return list.reduce((best, v) => (pick(v, best) ? v : best));
}

function sum(list: readonly Comparable[]): Comparable {
  if (list.length === 0) return 0n;
  return list.reduce((total, v) => (typeof total === 'bigint' && typeof v === 'bigint' ? total + v : Number(total) + Number(v)));
}

/** Adds the Kubernetes library functions kube-apiserver's CEL environment has to `env`. */
export function registerKubernetesLibrary(env: Environment): Environment {
  return env
    .registerFunction('list.isSorted(): bool', (list: Comparable[]) => list.every((v, i) => i === 0 || compare(list[i - 1], v) <= 0))
    .registerFunction('list.sum(): dyn', (list: Comparable[]) => sum(list))
    .registerFunction('list.min(): dyn', (list: Comparable[]) => extreme(list, (a, b) => compare(a, b) < 0, 'min'))
    .registerFunction('list.max(): dyn', (list: Comparable[]) => extreme(list, (a, b) => compare(a, b) > 0, 'max'))
    .registerFunction('string.find(string): string', (s: string, pattern: string) => new RegExp(pattern, 'u').exec(s)?.[0] ?? '')
    .registerFunction('string.findAll(string): list<string>', (s: string, pattern: string) => [...s.matchAll(new RegExp(pattern, 'gu'))].map((m) => m[0]))
    .registerFunction('string.charAt(int): string', (s: string, at: bigint) => {
      const chars = [...s];
      if (at < 0n || at > BigInt(chars.length)) throw new Error(`index out of range: ${at}`);
      return chars[Number(at)] ?? '';
    })
    .registerFunction('string.replace(string, string): string', (s: string, from: string, to: string) => s.split(from).join(to));
}
