/**
 * Go's checks of a flag's value, with Go's own error text: strconv.ParseBool, ParseInt (base 0, as
 * pflag's int flags parse), ParseFloat, and time.ParseDuration. Each returns undefined for a value Go accepts.
 */

const syntax = (fn: string, value: string) => `strconv.${fn}: parsing ${JSON.stringify(value)}: invalid syntax`;

export function goBoolError(value: string): string | undefined {
  return ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value) ? undefined : syntax('ParseBool', value);
}

export function goIntError(value: string): string | undefined {
  const ok = /^[+-]?(0[xX](_?[0-9a-fA-F])+|0[bB](_?[01])+|0[oO]?(_?[0-7])+|0|[1-9][0-9]*)$/.test(value);
  return ok ? undefined : syntax('ParseInt', value);
}

export function goFloatError(value: string): string | undefined {
  const ok = /^[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[iI]nf(inity)?|NaN)$/.test(value);
  return ok ? undefined : syntax('ParseFloat', value);
}

const durationUnits = new Set(['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h']);

export function goDurationError(value: string): string | undefined {
  const quoted = JSON.stringify(value);
  let rest = value.replace(/^[+-]/, '');
  if (rest === '0') return undefined;
  if (rest === '') return `time: invalid duration ${quoted}`;
  while (rest !== '') {
    const number = /^(\d+(\.\d*)?|\.\d+)/.exec(rest);
    if (!number) return `time: invalid duration ${quoted}`;
    rest = rest.slice(number[0].length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (unit === '') return `time: missing unit in duration ${quoted}`;
    if (!durationUnits.has(unit)) return `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`;
    rest = rest.slice(unit.length);
  }
  return undefined;
}
