/**
 * The Kubernetes CEL regex library (k8s.io/apiserver/pkg/cel/library/regex.go): `find` (the first
 * match or '') and `findAll` (every match, or the first n when n is not negative); and CEL's standard
 * `matches(string, string)`, the global form of `string.matches`, which cel-js has only as a method
 * (the Gateway API's safe-upgrades policy calls it so).
 */
import type { Environment } from '@marcbachmann/cel-js';

const findAll = (s: string, pattern: string, limit: bigint) => {
  const matches = [...s.matchAll(new RegExp(pattern, 'gu'))].map((m) => m[0]);
  return limit < 0n ? matches : matches.slice(0, Number(limit));
};

/** Adds the regex library to `env`. */
export function registerRegexLibrary(env: Environment): Environment {
  return env
    .registerFunction('matches(string, string): bool', (s: string, pattern: string) => new RegExp(pattern, 'u').test(s))
    .registerFunction('string.find(string): string', (s: string, pattern: string) => new RegExp(pattern, 'u').exec(s)?.[0] ?? '')
    .registerFunction('string.findAll(string): list<string>', (s: string, pattern: string) => findAll(s, pattern, -1n))
    .registerFunction('string.findAll(string, int): list<string>', findAll);
}
