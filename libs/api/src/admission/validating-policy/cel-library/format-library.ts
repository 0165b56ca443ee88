/**
 * The Kubernetes CEL format library (k8s.io/apiserver/pkg/cel/library/format.go, since 1.31):
 * `format.named(name)` (an optional), `format.dns1123Label()` and the other named formats, and
 * `<format>.validate(value)`, none when the value is valid, else the api-server's messages.
 */
import { Optional, type Environment } from '@marcbachmann/cel-js';
import {
  isQualifiedName, isValidLabelValue, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain,
} from '../../validation/name-formats.js';
import { parseRequestURI } from './go-url.js';
import { registerNamespace } from './namespace.js';

/** kubernetes.NamedFormat: a named string check. */
export class NamedFormat {
  constructor(readonly name: string, readonly validate: (value: string) => string[]) {}
}

/** time.Parse("2006-01-02", …): a real calendar day. */
function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return month >= 1 && month <= 12 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** strfmt's IsDateTime: a date, `t`, then hh:mm:ss[.frac] and `z` or an offset. */
function isDateTime(value: string): boolean {
  const [date, time] = value.toLowerCase().split('t');
  if (value.length < 4 || time === undefined || !isDate(date)) return false;
  const match = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/.exec(time);
  return match !== null && match[1] <= '23' && match[2] <= '59' && match[3] <= '59';
}

const uriErrors = (value: string) => {
  try {
    parseRequestURI(value);
    return [];
  } catch (e) {
    return [(e as Error).message];
  }
};

const check = (valid: (value: string) => boolean, message: string) => (value: string) => (valid(value) ? [] : [message]);

const formats: Record<string, NamedFormat> = {
  dns1123Label: new NamedFormat('DNS1123Label', (v) => nameIsDNSLabel(v, false)),
  dns1123Subdomain: new NamedFormat('DNS1123Subdomain', (v) => nameIsDNSSubdomain(v, false)),
  dns1035Label: new NamedFormat('DNS1035Label', (v) => nameIsDNS1035Label(v, false)),
  qualifiedName: new NamedFormat('QualifiedName', isQualifiedName),
  dns1123LabelPrefix: new NamedFormat('DNS1123LabelPrefix', (v) => nameIsDNSLabel(v, true)),
  dns1123SubdomainPrefix: new NamedFormat('DNS1123SubdomainPrefix', (v) => nameIsDNSSubdomain(v, true)),
  dns1035LabelPrefix: new NamedFormat('DNS1035LabelPrefix', (v) => nameIsDNS1035Label(v, true)),
  labelValue: new NamedFormat('LabelValue', isValidLabelValue),
  uri: new NamedFormat('URI', uriErrors),
  uuid: new NamedFormat('uuid', check((v) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(v), 'does not match the UUID format')),
  byte: new NamedFormat('byte', check((v) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(v), 'invalid base64')),
  date: new NamedFormat('date', check(isDate, 'invalid date')),
  datetime: new NamedFormat('datetime', check(isDateTime, 'invalid datetime')),
};

const FORMAT = 'kubernetes.NamedFormat';

/** Adds the format library to `env`. */
export function registerFormatLibrary(env: Environment): Environment {
  env.registerType(FORMAT, NamedFormat);
  const namespace = registerNamespace(env, 'format');
  for (const [name, format] of Object.entries(formats)) env.registerFunction(`${namespace}.${name}(): ${FORMAT}`, () => format);
  return env
    .registerFunction(`${namespace}.named(string): optional<${FORMAT}>`, (_: unknown, name: string) => (Object.hasOwn(formats, name) ? Optional.of(formats[name]) : Optional.none()))
    .registerFunction(`${FORMAT}.validate(string): optional<list<string>>`, (format: NamedFormat, value: string) => {
      const errors = format.validate(value);
      return errors.length === 0 ? Optional.none() : Optional.of(errors);
    });
}
