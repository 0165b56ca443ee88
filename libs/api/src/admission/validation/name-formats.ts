/**
 * Name and value format checks of k8s.io/apimachinery/pkg/util/validation, returning
 * Kubernetes' exact messages (a list: empty means valid), so field errors read the same.
 */
import { utf8Length } from '../../utf8-length.js';

const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const ENV_VAR_NAME_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const ENV_VAR_NAME_MSG =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_MAP_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
const PERCENT_FMT = '[0-9]+%';
const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%'";
const HTTP_HEADER_FMT = '[-A-Za-z0-9]+';
const HTTP_HEADER_MSG = "a valid HTTP header must consist of alphanumeric characters or '-'";

const anchored = (fmt: string) => new RegExp(`^${fmt}$`);
const qualifiedNameRe = anchored(QUALIFIED_NAME_FMT);
const labelValueRe = anchored(LABEL_VALUE_FMT);
const dns1123LabelRe = anchored(DNS1123_LABEL_FMT);
const dns1123SubdomainRe = anchored(DNS1123_SUBDOMAIN_FMT);
const dns1035LabelRe = anchored(DNS1035_LABEL_FMT);
const envVarNameRe = anchored(ENV_VAR_NAME_FMT);
const configMapKeyRe = anchored(CONFIG_MAP_KEY_FMT);
const percentRe = anchored(PERCENT_FMT);
const httpHeaderRe = anchored(HTTP_HEADER_FMT);

const byteLength = utf8Length;

/** `<msg> (e.g. 'a',  or 'b', regex used for validation is '<fmt>')`, double space included as in Go. */
function regexError(message: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${fmt}')`;
  const listed = examples.map((example, i) => `${i > 0 ? ' or ' : ''}'${example}', `).join('');
  return `${message} (e.g. ${listed}regex used for validation is '${fmt}')`;
}

/** `must be no more than N characters`. */
function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** `must be between lo and hi, inclusive`. */
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** RFC 1123 subdomain: most object names. */
export function isDNS1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push(maxLenError(253));
  if (!dns1123SubdomainRe.test(value)) errors.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errors;
}

/** RFC 1123 label: namespaces, container and port names. */
export function isDNS1123Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63));
  if (!dns1123LabelRe.test(value)) {
    errors.push(
      dns1123SubdomainRe.test(value) ? 'must not contain dots' : regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'),
    );
  }
  return errors;
}

/** RFC 1035 label: service names. */
export function isDNS1035Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63));
  if (!dns1035LabelRe.test(value)) errors.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errors;
}

/** `[prefix/]name` keys: labels, annotations, resource names, finalizers. */
export function isQualifiedName(value: string): string[] {
  const errors: string[] = [];
  const parts = value.split('/');
  if (parts.length > 2) {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0) errors.push('prefix part must be non-empty');
    else errors.push(...isDNS1123Subdomain(prefix).map((message) => `prefix part ${message}`));
  }
  if (name.length === 0) errors.push('name part must be non-empty');
  else if (byteLength(name) > 63) errors.push(`name part ${maxLenError(63)}`);
  if (!qualifiedNameRe.test(name)) errors.push(`name part ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errors;
}

/** Label values (may be empty). */
export function isValidLabelValue(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63));
  if (!labelValueRe.test(value)) errors.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errors;
}

/** Port numbers 1–65535. */
export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** IANA_SVC_NAME port names. */
export function isValidPortName(port: string): string[] {
  const errors: string[] = [];
  if (port.length > 15) errors.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errors.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errors.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errors.push('must not begin or end with a hyphen');
  return errors;
}

function chdirPrefixErrors(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/** Environment variable names (strict form, the 1.32 default). */
export function isEnvVarName(value: string): string[] {
  const errors = envVarNameRe.test(value) ? [] : [regexError(ENV_VAR_NAME_MSG, ENV_VAR_NAME_FMT, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1')];
  return [...errors, ...chdirPrefixErrors(value)];
}

/** ConfigMap and Secret keys. */
export function isConfigMapKey(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push(maxLenError(253));
  if (!configMapKeyRe.test(value)) errors.push(regexError(CONFIG_MAP_KEY_MSG, CONFIG_MAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  return [...errors, ...chdirPrefixErrors(value)];
}

/** `25%` style values. */
export function isValidPercent(value: string): string[] {
  return percentRe.test(value) ? [] : [regexError(PERCENT_MSG, PERCENT_FMT, '1%', '93%')];
}

/** HTTP header names in probes. */
export function isHTTPHeaderName(value: string): string[] {
  return httpHeaderRe.test(value) ? [] : [regexError(HTTP_HEADER_MSG, HTTP_HEADER_FMT, 'X-Header-Name')];
}

/** Checks a name, or a generateName prefix (whose trailing dash is allowed). */
export type NameValidator = (name: string, prefix: boolean) => string[];

function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

const namedBy =
  (check: (value: string) => string[]): NameValidator =>
  (name, prefix) =>
    check(prefix ? maskTrailingDash(name) : name);

/** Names of pods, deployments, nodes and most kinds. */
export const nameIsDNSSubdomain: NameValidator = namedBy(isDNS1123Subdomain);
/** Names of namespaces. */
export const nameIsDNSLabel: NameValidator = namedBy(isDNS1123Label);
/** Names of services. */
export const nameIsDNS1035Label: NameValidator = namedBy(isDNS1035Label);

const PATH_SEGMENT_NOT_BE = ['.', '..'];
const PATH_SEGMENT_NOT_CONTAIN = ['/', '%'];

/** IsValidPathSegmentName: the names RBAC objects and object references may take (any text a URL path segment can carry). */
export function isValidPathSegmentName(value: string): string[] {
  const reserved = PATH_SEGMENT_NOT_BE.find((name) => value === name);
  if (reserved) return [`may not be '${reserved}'`];
  return PATH_SEGMENT_NOT_CONTAIN.filter((part) => value.includes(part)).map((part) => `may not contain '${part}'`);
}

/** Names of RBAC objects (ValidatePathSegmentName; a generateName prefix may be '.' or '..'). */
export const nameIsPathSegment: NameValidator = (name, prefix) =>
  prefix ? PATH_SEGMENT_NOT_CONTAIN.filter((part) => name.includes(part)).map((part) => `may not contain '${part}'`) : isValidPathSegmentName(name);

const WILDCARD_DNS1123_SUBDOMAIN_FMT = `\\*\\.${DNS1123_SUBDOMAIN_FMT}`;
const WILDCARD_DNS1123_SUBDOMAIN_MSG =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";
const wildcardDns1123SubdomainRe = anchored(WILDCARD_DNS1123_SUBDOMAIN_FMT);

/** `*.example.com` hosts of Ingress rules and TLS entries. */
export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push(maxLenError(253));
  if (!wildcardDns1123SubdomainRe.test(value)) errors.push(regexError(WILDCARD_DNS1123_SUBDOMAIN_MSG, WILDCARD_DNS1123_SUBDOMAIN_FMT, '*.example.com'));
  return errors;
}

const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const httpPathRe = anchored(HTTP_PATH_FMT);

/** IsDomainPrefixedPath (`example.com/ingress-controller`): IngressClass controllers, CSR signer names. */
export function domainPrefixedPathErrors(value: string): { value: string; message: string }[] {
  const slash = value.indexOf('/');
  const host = slash < 0 ? value : value.slice(0, slash);
  const path = slash < 0 ? '' : value.slice(slash + 1);
  if (slash < 0 || host === '' || path === '') return [{ value, message: 'must be a domain-prefixed path (such as "acme.io/foo")' }];
  const errors = isDNS1123Subdomain(host).map((message) => ({ value: host, message }));
  if (!httpPathRe.test(path)) errors.push({ value: path, message: regexError('must be a valid path', HTTP_PATH_FMT) });
  return errors;
}
