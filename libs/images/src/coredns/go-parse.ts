/**
 * The Go parsers CoreDNS's plugins read numbers and durations with (strconv.Atoi, strconv.ParseUint, time.ParseDuration),
 * each giving the value or Go's error text, which the plugin passes on as its own (`strconv.Atoi: parsing "3O": invalid syntax`).
 */
import { goDurationError } from '../control-plane/go-values.js';

/** A parsed value, or Go's error text. */
export type GoParsed<T> = { value: T } | { error: string };

const int64Max = 2n ** 63n - 1n;
const uint32Max = 2n ** 32n - 1n;

function parseDecimal(fn: string, text: string, signed: boolean, max: bigint): GoParsed<number> {
  const pattern = signed ? /^[+-]?\d+$/ : /^\d+$/;
  if (!pattern.test(text)) return { error: `strconv.${fn}: parsing ${JSON.stringify(text)}: invalid syntax` };
  const value = BigInt(text);
  const limit = value < 0n ? max + 1n : max;
  if ((value < 0n ? -value : value) > limit) return { error: `strconv.${fn}: parsing ${JSON.stringify(text)}: value out of range` };
  return { value: Number(value) };
}

/** strconv.Atoi: a signed decimal int64. */
export const goAtoi = (text: string) => parseDecimal('Atoi', text, true, int64Max);

/** strconv.ParseUint(text, 10, 32): an unsigned decimal under 2^32. */
export const goParseUint32 = (text: string) => parseDecimal('ParseUint', text, false, uint32Max);

const unitSeconds: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** time.ParseDuration, in seconds. */
export function goParseDuration(text: string): GoParsed<number> {
  const error = goDurationError(text);
  if (error) return { error };
  const sign = text.startsWith('-') ? -1 : 1;
  const seconds = [...text.matchAll(/(\d+(?:\.\d*)?|\.\d+)([^\d.]+)/g)].reduce((sum, [, number, unit]) => sum + Number(number) * unitSeconds[unit], 0);
  return { value: sign * seconds };
}
