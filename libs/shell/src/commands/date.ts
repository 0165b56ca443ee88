/** `date [-u] [+FORMAT]` on the lab clock, in UTC as containers default to. */
import { complain, type CommandContext } from './command-context.js';
import { parseOptions } from './options.js';

const DEFAULT_FORMAT = '%a %b %e %H:%M:%S %Z %Y';
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Prints the lab time, busybox's default layout (`Thu Jan  1 00:00:00 UTC 1970`) or a strftime format. */
export function date(context: CommandContext): number {
  const parsed = parseOptions(context.args, { flags: 'uR', long: { utc: { key: 'u' } } });
  if ('error' in parsed) return complain(context, parsed.error);
  const [operand, extra] = parsed.operands;
  if (extra !== undefined || (operand !== undefined && !operand.startsWith('+'))) {
    return complain(context, `invalid date '${operand?.startsWith('+') ? extra : operand}'`);
  }
  const format = parsed.flags.has('R') ? '%a, %d %b %Y %H:%M:%S +0000' : (operand?.slice(1) ?? DEFAULT_FORMAT);
  context.stdout(`${formatDate(context.runtime.now(), format)}\n`);
  return 0;
}

/** strftime for the conversions scripts use, in UTC. */
function formatDate(time: Date, format: string): string {
  return format.replace(/%([a-zA-Z%])/g, (whole, code: string) => conversion(time, code) ?? whole);
}

function conversion(time: Date, code: string): string | undefined {
  const hours = time.getUTCHours();
  switch (code) {
    case 'a':
      return DAYS[time.getUTCDay()].slice(0, 3);
    case 'A':
      return DAYS[time.getUTCDay()];
    case 'b':
    case 'h':
      return MONTHS[time.getUTCMonth()].slice(0, 3);
    case 'B':
      return MONTHS[time.getUTCMonth()];
    case 'd':
      return pad(time.getUTCDate());
    case 'e':
      return String(time.getUTCDate()).padStart(2);
    case 'H':
      return pad(hours);
    case 'I':
      return pad(hours % 12 || 12);
    case 'p':
      return hours < 12 ? 'AM' : 'PM';
    case 'M':
      return pad(time.getUTCMinutes());
    case 'S':
      return pad(time.getUTCSeconds());
    case 'N':
      return String(time.getUTCMilliseconds() * 1_000_000).padStart(9, '0');
    case 'm':
      return pad(time.getUTCMonth() + 1);
    case 'y':
      return pad(time.getUTCFullYear() % 100);
    case 'Y':
      return String(time.getUTCFullYear());
    case 'j':
      return String(dayOfYear(time)).padStart(3, '0');
    case 's':
      return String(Math.floor(time.getTime() / 1000));
    case 'u':
      return String(time.getUTCDay() || 7);
    case 'w':
      return String(time.getUTCDay());
    case 'Z':
      return 'UTC';
    case 'z':
      return '+0000';
    case 'T':
      return `${pad(hours)}:${pad(time.getUTCMinutes())}:${pad(time.getUTCSeconds())}`;
    case 'R':
      return `${pad(hours)}:${pad(time.getUTCMinutes())}`;
    case 'D':
      return `${pad(time.getUTCMonth() + 1)}/${pad(time.getUTCDate())}/${pad(time.getUTCFullYear() % 100)}`;
    case 'F':
      return `${time.getUTCFullYear()}-${pad(time.getUTCMonth() + 1)}-${pad(time.getUTCDate())}`;
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case '%':
      return '%';
    default:
      return undefined;
  }
}

function dayOfYear(time: Date): number {
  return Math.floor((time.getTime() - Date.UTC(time.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
