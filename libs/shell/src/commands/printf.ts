/**
 * `printf FORMAT [ARG]…` with the conversions scripts use (%s %b %c %d %i %u
 * %o %x %X %f %e %g %%), flags, width and precision. Like POSIX printf it
 * reuses the format until the arguments run out.
 */
import { complain, usage, type CommandContext } from './command-context.js';
import { interpretEscapes } from './escapes.js';
import { pad, sign } from './c-format.js';

const CONVERSION = /^%([-+ #0]*)(\d*)(?:\.(\d*))?([sbcdiuoxXfeEgG%])/;
const INTEGER = /^[+-]?(?:0[xX][0-9a-fA-F]+|\d+)$/;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

interface Spec {
  readonly flags: string;
  readonly width: number;
  readonly precision: number | undefined;
  readonly conversion: string;
}

/** Formats and prints its arguments; status 1 when an argument is not the number it should be. */
export function printf(context: CommandContext): number {
  if (context.args.length === 0) return usage(context, 'FORMAT [ARG]...');
  const [format, ...args] = context.args;
  const formatter = new Formatter(context, args);
  do {
    const before = formatter.cursor;
    formatter.render(format);
    if (formatter.cursor === before) break;
  } while (formatter.cursor < args.length && !formatter.stopped);
  context.stdout(formatter.output);
  return formatter.failed ? 1 : 0;
}

class Formatter {
  cursor = 0;
  output = '';
  stopped = false;
  failed = false;

  constructor(
    private readonly context: CommandContext,
    private readonly args: readonly string[],
  ) {}

  render(format: string): void {
    let literal = '';
    for (let i = 0; i < format.length && !this.stopped; ) {
      const spec = format[i] === '%' ? CONVERSION.exec(format.slice(i)) : null;
      if (!spec) {
        literal += format[i++];
        continue;
      }
      this.emitLiteral(literal);
      literal = '';
      i += spec[0].length;
      if (this.stopped) break;
      const precision = spec[3] === undefined ? undefined : Number(spec[3] || '0');
      this.output += this.convert({ flags: spec[1], width: Number(spec[2] || '0'), precision, conversion: spec[4] });
    }
    this.emitLiteral(literal);
  }

  private emitLiteral(text: string): void {
    if (this.stopped || text === '') return;
    const interpreted = interpretEscapes(text, 'plain');
    this.output += interpreted.text;
    this.stopped = interpreted.stopped;
  }

  private convert(spec: Spec): string {
    if (spec.conversion === '%') return '%';
    const arg = this.cursor < this.args.length ? this.args[this.cursor++] : undefined;
    switch (spec.conversion) {
      case 's':
        return pad((arg ?? '').slice(0, spec.precision), spec, false);
      case 'b': {
        const interpreted = interpretEscapes(arg ?? '', 'zero-prefixed');
        this.stopped = interpreted.stopped;
        return pad(interpreted.text, spec, false);
      }
      case 'c':
        return pad((arg ?? '').slice(0, 1), spec, false);
      case 'd':
      case 'i':
      case 'u':
        return this.formatInteger(this.integer(arg), spec, 10);
      case 'o':
        return this.formatInteger(this.integer(arg), spec, 8);
      case 'x':
      case 'X':
        return this.formatInteger(this.integer(arg), spec, 16);
      default:
        return formatFloat(this.float(arg), spec);
    }
  }

  private formatInteger(value: number, spec: Spec, radix: number): string {
    let digits = Math.abs(value).toString(radix);
    if (spec.precision !== undefined) digits = digits.padStart(spec.precision, '0');
    if (spec.conversion === 'X') digits = digits.toUpperCase();
    if (spec.flags.includes('#') && value !== 0 && radix !== 10) digits = (radix === 8 ? '0' : `0${spec.conversion}`) + digits;
    return pad(sign(value, spec) + digits, spec, spec.precision === undefined);
  }

  private integer(arg: string | undefined): number {
    if (arg === undefined || arg === '') return 0;
    if (/^['"]/.test(arg)) return arg.codePointAt(1) ?? 0;
    if (INTEGER.test(arg)) return Number.parseInt(arg, /^[+-]?0[xX]/.test(arg) ? 16 : 10);
    return this.invalid(arg, Number.parseInt(arg, 10));
  }

  private float(arg: string | undefined): number {
    if (arg === undefined || arg === '') return 0;
    if (/^['"]/.test(arg)) return arg.codePointAt(1) ?? 0;
    if (FLOAT.test(arg) || INTEGER.test(arg)) return Number(arg);
    return this.invalid(arg, Number.parseFloat(arg));
  }

  private invalid(arg: string, prefix: number): number {
    complain(this.context, `invalid number '${arg}'`);
    this.failed = true;
    return Number.isNaN(prefix) ? 0 : prefix;
  }
}

function formatFloat(value: number, spec: Spec): string {
  const precision = spec.precision ?? 6;
  let digits: string;
  const conversion = spec.conversion.toLowerCase();
  if (conversion === 'f') digits = Math.abs(value).toFixed(precision);
  else if (conversion === 'e') digits = cExponent(Math.abs(value).toExponential(precision));
  else digits = shortest(Math.abs(value), Math.max(precision, 1));
  if (spec.conversion === 'E' || spec.conversion === 'G') digits = digits.toUpperCase();
  return pad(sign(value, spec) + digits, spec, true);
}

/** %g: the shorter of %e and %f at `precision` significant digits, trailing zeros dropped. */
function shortest(value: number, precision: number): string {
  const exponent = value === 0 ? 0 : Math.floor(Math.log10(value));
  if (exponent < -4 || exponent >= precision) {
    return cExponent(value.toExponential(precision - 1).replace(/\.?0+e/, 'e'));
  }
  return value.toFixed(Math.max(precision - 1 - exponent, 0)).replace(/\.(\d*?)0+$/, '.$1').replace(/\.$/, '');
}

/** JavaScript writes `1e+0`; C writes `1e+00`. */
function cExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}
