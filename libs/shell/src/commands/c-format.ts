/** C's printf conversions over already-typed values, as awk's printf and sprintf use them. */

const CONVERSION = /%([-+ #0]*)(\*|\d*)(?:\.(\*|\d*))?([csdiouxXfeEgG%])/y;

/** One argument: awk hands numbers and strings, and converts as the conversion needs. */
export interface FormatArgument {
  readonly number: () => number;
  readonly string: () => string;
}

/** Formats `format` with `args` (missing ones read as 0 / empty). */
export function cFormat(format: string, args: readonly FormatArgument[]): string {
  let out = '';
  let next = 0;
  const take = () => args[next++] ?? { number: () => 0, string: () => '' };
  for (let i = 0; i < format.length; ) {
    if (format[i] !== '%') {
      out += format[i++];
      continue;
    }
    CONVERSION.lastIndex = i;
    const spec = CONVERSION.exec(format);
    if (!spec) {
      out += format[i++];
      continue;
    }
    i = CONVERSION.lastIndex;
    const [, flags, widthText, precisionText, conversion] = spec;
    if (conversion === '%') {
      out += '%';
      continue;
    }
    const width = widthText === '*' ? take().number() : Number(widthText || '0');
    const precision = precisionText === undefined ? undefined : precisionText === '*' ? take().number() : Number(precisionText || '0');
    const arg = take();
    out += convert(conversion, arg, { flags: width < 0 ? `${flags}-` : flags, width: Math.abs(width), precision });
  }
  return out;
}

interface Spec {
  readonly flags: string;
  readonly width: number;
  readonly precision: number | undefined;
}

function convert(conversion: string, arg: FormatArgument, spec: Spec): string {
  switch (conversion) {
    case 's':
      return pad(arg.string().slice(0, spec.precision), spec, false);
    case 'c': {
      const value = arg.string();
      return pad(/^-?\d/.test(value) && value === String(arg.number()) ? String.fromCharCode(arg.number() & 0xff) : value.slice(0, 1), spec, false);
    }
    case 'd':
    case 'i':
    case 'u':
      return integer(Math.trunc(arg.number()), spec, 10, conversion);
    case 'o':
      return integer(Math.trunc(arg.number()), spec, 8, conversion);
    case 'x':
    case 'X':
      return integer(Math.trunc(arg.number()), spec, 16, conversion);
    default:
      return float(arg.number(), spec, conversion);
  }
}

function integer(value: number, spec: Spec, radix: number, conversion: string): string {
  let digits = Math.abs(value).toString(radix);
  if (spec.precision !== undefined) digits = digits.padStart(spec.precision, '0');
  if (conversion === 'X') digits = digits.toUpperCase();
  if (spec.flags.includes('#') && value !== 0 && radix !== 10) digits = (radix === 8 ? '0' : `0${conversion}`) + digits;
  return pad(sign(value, spec) + digits, spec, spec.precision === undefined);
}

/** %f, %e and %g as C prints them. */
function float(value: number, spec: Spec, conversion: string): string {
  if (!Number.isFinite(value)) return pad(`${value < 0 ? '-' : ''}${Number.isNaN(value) ? 'nan' : 'inf'}`, spec, false);
  const precision = spec.precision ?? 6;
  const lower = conversion.toLowerCase();
  let digits =
    lower === 'f' ? Math.abs(value).toFixed(precision) : lower === 'e' ? cExponent(Math.abs(value).toExponential(precision)) : shortest(Math.abs(value), Math.max(precision, 1), spec.flags.includes('#'));
  if (conversion === 'E' || conversion === 'G') digits = digits.toUpperCase();
  return pad(sign(value, spec) + digits, spec, true);
}

function shortest(value: number, precision: number, keepZeros: boolean): string {
  const exponent = value === 0 ? 0 : Math.floor(Math.log10(Number(value.toExponential(precision - 1))));
  if (exponent < -4 || exponent >= precision) {
    const text = value.toExponential(precision - 1);
    return cExponent(keepZeros ? text : text.replace(/\.?0+e/, 'e'));
  }
  const text = value.toFixed(Math.max(precision - 1 - exponent, 0));
  return keepZeros ? text : text.replace(/\.(\d*?)0+$/, '.$1').replace(/\.$/, '');
}

function cExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** The sign a number shows: `-` (also for -0), or what the `+` and space flags ask for. */
export function sign(value: number, spec: Pick<Spec, 'flags'>): string {
  if (value < 0 || Object.is(value, -0)) return value < 0 ? '-' : '';
  if (spec.flags.includes('+')) return '+';
  return spec.flags.includes(' ') ? ' ' : '';
}

/** Pads a converted value to the field width: left with `-`, zeros after the sign for numbers with `0`. */
export function pad(text: string, spec: Pick<Spec, 'flags' | 'width'>, numeric: boolean): string {
  if (text.length >= spec.width) return text;
  if (spec.flags.includes('-')) return text.padEnd(spec.width);
  if (numeric && spec.flags.includes('0')) {
    const signLength = /^[-+ ]/.test(text) ? 1 : 0;
    return text.slice(0, signLength) + text.slice(signLength).padStart(spec.width - signLength, '0');
  }
  return text.padStart(spec.width);
}
