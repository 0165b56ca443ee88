/**
 * Go's time.Parse for the two layouts Kubernetes timestamps use, reduced to
 * its verdict: undefined when Go accepts the text, otherwise Go's error
 * message. kube-apiserver puts that message verbatim in its 400 reply, e.g.
 * `parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"`.
 */

/** metav1.Time uses RFC3339; metav1.MicroTime RFC3339 with exactly six fractional digits. */
export type TimeLayout = 'rfc3339' | 'rfc3339-micro';

const layouts: Record<TimeLayout, string> = {
  rfc3339: '2006-01-02T15:04:05Z07:00',
  'rfc3339-micro': '2006-01-02T15:04:05.000000Z07:00',
};

type Element = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'micros' | 'zone';

/** The layout as Go splits it: a literal prefix, then a field. */
const chunks: Record<TimeLayout, Array<[prefix: string, element: Element, layoutText: string]>> = {
  rfc3339: [
    ['', 'year', '2006'], ['-', 'month', '01'], ['-', 'day', '02'], ['T', 'hour', '15'],
    [':', 'minute', '04'], [':', 'second', '05'], ['', 'zone', 'Z07:00'],
  ],
  'rfc3339-micro': [
    ['', 'year', '2006'], ['-', 'month', '01'], ['-', 'day', '02'], ['T', 'hour', '15'],
    [':', 'minute', '04'], [':', 'second', '05'], ['', 'micros', '.000000'], ['', 'zone', 'Z07:00'],
  ],
};

class ParseFailure {
  constructor(readonly message: string) {}
}

/**
 * The form every timestamp a server or client writes takes (UTC, `Z`): year, month, day, hour, minute, second, then a
 * fraction, which the micro layout needs as six digits and the plain one skips whatever its length. Accepted here at
 * once when its fields are in range; anything else goes through the whole parse, which finds Go's message.
 */
const usualForms: Record<TimeLayout, RegExp> = {
  rfc3339: /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:[.,]\d+)?Z$/,
  'rfc3339-micro': /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)[.,]\d{6}Z$/,
};

function inUsualForm(value: string, layout: TimeLayout): boolean {
  const m = usualForms[layout].exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month, year) && hour < 24 && minute < 60 && second < 60;
}

/** Go's error text for parsing `value` with `layout`, or undefined if it parses. */
export function goTimeParseError(value: string, layout: TimeLayout): string | undefined {
  if (inUsualForm(value, layout)) return undefined;
  try {
    parse(value, layout);
    return undefined;
  } catch (failure) {
    if (failure instanceof ParseFailure) return failure.message;
    throw failure;
  }
}

function parse(value: string, layout: TimeLayout): void {
  const whole = value;
  const cannotParse = (rest: string, element: string) =>
    new ParseFailure(
      `parsing time ${goQuote(whole)} as ${goQuote(layouts[layout])}: cannot parse ${goQuote(rest)} as ${goQuote(element)}`,
    );
  const outOfRange = (what: string) => new ParseFailure(`parsing time ${goQuote(whole)}: ${what} out of range`);
  const fields: Partial<Record<Element, number>> = {};
  let rest = value;
  for (const [prefix, element, layoutText] of chunks[layout]) {
    for (const ch of prefix) {
      if (rest[0] !== ch) throw cannotParse(rest, prefix);
      rest = rest.slice(1);
    }
    const read = readElement(element, rest, layout);
    if (read.range) throw outOfRange(read.range);
    if (read.bad) throw cannotParse(rest, layoutText);
    fields[element] = read.number;
    rest = read.rest;
  }
  if (rest !== '') throw new ParseFailure(`parsing time ${goQuote(whole)}: extra text: ${goQuote(rest)}`);
  const day = fields.day ?? 0;
  if (day < 1 || day > daysIn(fields.month ?? 1, fields.year ?? 0)) throw outOfRange('day');
}

interface Read {
  number?: number;
  rest: string;
  bad?: boolean;
  range?: string;
}

function readElement(element: Element, text: string, layout: TimeLayout): Read {
  switch (element) {
    case 'year':
      return /^\d{4}/.test(text) ? { number: Number(text.slice(0, 4)), rest: text.slice(4) } : { rest: text, bad: true };
    case 'month':
      return checkRange(twoDigits(text, true), (n) => n >= 1 && n <= 12, 'month');
    case 'day':
      return twoDigits(text, true);
    case 'hour':
      return checkRange(twoDigits(text, false), (n) => n < 24, 'hour');
    case 'minute':
      return checkRange(twoDigits(text, true), (n) => n < 60, 'minute');
    case 'second':
      return skipUnexpectedFraction(checkRange(twoDigits(text, true), (n) => n < 60, 'second'), layout);
    case 'micros':
      return /^[.,]\d{6}/.test(text) ? { number: 0, rest: text.slice(7) } : { rest: text, bad: true };
    case 'zone':
      return zone(text);
  }
}

/** Go's getnum: one or two digits, exactly two when `fixed`. */
function twoDigits(text: string, fixed: boolean): Read {
  if (!/^\d/.test(text)) return { rest: text, bad: true };
  if (!/^\d\d/.test(text)) return fixed ? { rest: text, bad: true } : { number: Number(text[0]), rest: text.slice(1) };
  return { number: Number(text.slice(0, 2)), rest: text.slice(2) };
}

function checkRange(read: Read, inRange: (n: number) => boolean, what: string): Read {
  return read.bad || inRange(read.number ?? 0) ? read : { ...read, range: what };
}

/** RFC3339 without fractional seconds in the layout still accepts `.123` after the seconds. */
function skipUnexpectedFraction(read: Read, layout: TimeLayout): Read {
  if (read.bad || read.range || layout !== 'rfc3339') return read;
  const fraction = /^[.,]\d+/.exec(read.rest);
  return fraction ? { ...read, rest: read.rest.slice(fraction[0].length) } : read;
}

function zone(text: string): Read {
  if (text.startsWith('Z')) return { number: 0, rest: text.slice(1) };
  if (text.length < 6 || text[3] !== ':') return { rest: text, bad: true };
  const hours = twoDigits(text.slice(1, 3), true);
  const minutes = twoDigits(text.slice(4, 6), true);
  if (hours.bad || minutes.bad) return { rest: text, bad: true };
  if ((hours.number ?? 0) > 24) return { rest: text, range: 'time zone offset hour' };
  if ((minutes.number ?? 0) > 60) return { rest: text, range: 'time zone offset minute' };
  if (text[0] !== '+' && text[0] !== '-') return { rest: text, bad: true };
  return { number: 0, rest: text.slice(6) };
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Go's time-package quoting: `"`-delimited, with `"` and `\` escaped and non-printable bytes as \xNN. */
function goQuote(text: string): string {
  let quoted = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code >= 0x80) {
      for (const byte of new TextEncoder().encode(ch)) quoted += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      quoted += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
    }
  }
  return `${quoted}"`;
}
