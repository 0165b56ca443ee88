/**
 * What cel-go's strings extension at version 2 (Kubernetes' base environment since 1.29) has and
 * @marcbachmann/cel-js lacks: charAt, replace with a count, `strings.quote` and
 * `"…".format([…])` with its %s %d %f %e %x %X %o %b verbs and error texts.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { registerNamespace } from './namespace.js';

function charAt(s: string, at: bigint): string {
  const chars = [...s];
  if (at < 0n || at > BigInt(chars.length)) throw new Error(`index out of range: ${at}`);
  return chars[Number(at)] ?? '';
}

function replace(s: string, from: string, to: string, limit: bigint): string {
  if (limit < 0n) return s.split(from).join(to);
  const parts = s.split(from);
  const kept = Number(limit) + 1;
  return parts.length <= kept ? parts.join(to) : `${parts.slice(0, kept).join(to)}${from}${parts.slice(kept).join(from)}`;
}

const escapes: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"' };

/** strings.quote: the string as a CEL double-quoted literal. */
const quote = (s: string) => `"${[...s].map((c) => escapes[c] ?? c).join('')}"`;

/** %s of one value; strings keep their quotes inside lists and maps. */
function formatString(value: unknown, nested = false): string {
  if (typeof value === 'string') return nested ? quote(value) : value;
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? String(value) : value > 0 ? '+Inf' : '-Inf';
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(value)) return `[${value.map((v) => formatString(v, true)).join(', ')}]`;
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${formatString(k, true)}: ${formatString(v, true)}`).join(', ')}}`;
  if (typeof value === 'object' && value.constructor === Object) {
    return `{${Object.entries(value).map(([k, v]) => `${quote(k)}: ${formatString(v, true)}`).join(', ')}}`;
  }
  return String(value);
}

const typeName = (value: unknown) => (typeof value === 'bigint' ? 'int' : typeof value === 'number' ? 'double' : typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'bool' : 'dyn');

function integer(value: unknown, clause: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'object' && value !== null && typeof value.valueOf() === 'bigint') return value.valueOf() as bigint;
  throw new Error(`error during formatting: ${clause} clause can only be used on integers, was given ${typeName(value)}`);
}

function float(value: unknown, clause: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new Error(`error during formatting: ${clause} clause can only be used on doubles, was given ${typeName(value)}`);
}

const special = (n: number) => (Number.isNaN(n) ? 'NaN' : n === Infinity ? 'Infinity' : n === -Infinity ? '-Infinity' : undefined);

function exponent(n: number, precision: number): string {
  const [mantissa, power] = n.toExponential(precision).split('e');
  const sign = power.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${power.replace(/^[+-]/, '').padStart(2, '0')}`;
}

function hex(value: unknown, upper: boolean): string {
  const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value instanceof Uint8Array ? value : undefined;
  const text = bytes ? [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('') : integer(value, 'integer').toString(16);
  return upper ? text.toUpperCase() : text;
}

function formatClause(verb: string, precision: number | undefined, value: unknown): string {
  switch (verb) {
    case 's': return formatString(value);
    case 'd': return integer(value, 'decimal').toString();
    case 'f': { const n = float(value, 'fixed-point'); return special(n) ?? n.toFixed(precision ?? 6); }
    case 'e': { const n = float(value, 'scientific'); return special(n) ?? exponent(n, precision ?? 6); }
    case 'x': return hex(value, false);
    case 'X': return hex(value, true);
    case 'o': return integer(value, 'octal').toString(8);
    case 'b': return typeof value === 'boolean' ? String(value) : integer(value, 'binary').toString(2);
    default: throw new Error(`could not parse formatting clause: unrecognized formatting clause "${verb}"`);
  }
}

/** `"…".format(args)`: cel-go's string formatting. */
function format(template: string, args: readonly unknown[]): string {
  let next = 0;
  return template.replace(/%(?:(%)|(?:\.(\d+))?(.?))/gu, (_, percent: string | undefined, precision: string | undefined, verb: string) => {
    if (percent) return '%';
    if (!verb) throw new Error('could not parse formatting clause: unexpected end of string');
    if (next >= args.length) throw new Error(`index ${next} out of range`);
    return formatClause(verb, precision === undefined ? undefined : Number(precision), args[next++]);
  });
}

/** Adds the string functions cel-js lacks to `env`. */
export function registerStringsLibrary(env: Environment): Environment {
  const strings = registerNamespace(env, 'strings');
  return env
    .registerFunction('string.charAt(int): string', charAt)
    .registerFunction('string.replace(string, string): string', (s: string, from: string, to: string) => replace(s, from, to, -1n))
    .registerFunction('string.replace(string, string, int): string', replace)
    .registerFunction(`${strings}.quote(string): string`, (_: unknown, s: string) => quote(s))
    .registerFunction('string.format(list): string', format);
}
