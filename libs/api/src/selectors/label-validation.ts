/**
 * Label key and value checks with apimachinery's exact messages (util/validation), and the
 * requirement construction rules of labels.NewRequirement, so selector errors read as the
 * api-server's do.
 */
import type { LabelOperator, LabelRequirement } from './label-requirement.js';
import { SelectorError } from './selector-error.js';
import { utf8Length } from '../utf8-length.js';

const qualifiedNameFormat = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const qualifiedNameMessage =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const qualifiedNameMaxLength = 63;
const dns1123LabelFormat = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFormat = `${dns1123LabelFormat}(\\.${dns1123LabelFormat})*`;
const dns1123SubdomainMessage =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const dns1123SubdomainMaxLength = 253;
const labelValueFormat = `(${qualifiedNameFormat})?`;
const labelValueMessage =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelValueMaxLength = 63;

const qualifiedNamePattern = new RegExp(`^${qualifiedNameFormat}$`);
const dns1123SubdomainPattern = new RegExp(`^${dns1123SubdomainFormat}$`);
const labelValuePattern = new RegExp(`^${labelValueFormat}$`);
const int64Pattern = /^[+-]?\d+$/;
const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;


const byteLength = utf8Length;
const maxLengthError = (n: number) => `must be no more than ${n} characters`;

function regexError(message: string, format: string, ...examples: string[]): string {
  const shown = examples.map((example, i) => `${i > 0 ? ' or ' : ''}'${example}', `).join('');
  return `${message} (e.g. ${shown}regex used for validation is '${format}')`;
}

function subdomainErrors(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > dns1123SubdomainMaxLength) errors.push(maxLengthError(dns1123SubdomainMaxLength));
  if (!dns1123SubdomainPattern.test(value)) errors.push(regexError(dns1123SubdomainMessage, dns1123SubdomainFormat, 'example.com'));
  return errors;
}

/** validation.IsQualifiedName: the messages for an invalid label key, empty when valid. */
export function qualifiedNameErrors(value: string): string[] {
  const parts = value.split('/');
  if (parts.length > 2) {
    return [
      `a qualified name ${regexError(qualifiedNameMessage, qualifiedNameFormat, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  const errors: string[] = [];
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix === '') errors.push('prefix part must be non-empty');
    else errors.push(...subdomainErrors(prefix).map((e) => `prefix part ${e}`));
  }
  if (name === '') errors.push('name part must be non-empty');
  else if (byteLength(name) > qualifiedNameMaxLength) errors.push(`name part ${maxLengthError(qualifiedNameMaxLength)}`);
  if (!qualifiedNamePattern.test(name)) {
    errors.push(`name part ${regexError(qualifiedNameMessage, qualifiedNameFormat, 'MyName', 'my.name', '123-abc')}`);
  }
  return errors;
}

/** validation.IsValidLabelValue: the messages for an invalid label value, empty when valid. */
export function labelValueErrors(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > labelValueMaxLength) errors.push(maxLengthError(labelValueMaxLength));
  if (!labelValuePattern.test(value)) errors.push(regexError(labelValueMessage, labelValueFormat, 'MyValue', 'my_value', '12345'));
  return errors;
}

/** Go's %q for a string. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/** Go's %#v for the []string a requirement holds; an empty one is always nil there. */
function showList(values: readonly string[] | undefined): string {
  return values && values.length > 0 ? `[]string{${values.map(quote).join(', ')}}` : '[]string(nil)';
}

/** field.Invalid(path, value, detail).Error(). */
export function invalidField(path: string, shownValue: string, detail: string): string {
  return `${path}: Invalid value: ${shownValue}: ${detail}`;
}

/** utilerrors.NewAggregate(...).Error(): one message alone, several de-duplicated in brackets. */
export function aggregate(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/** strconv.ParseInt(value, 10, 64): the integer, or undefined when Go would refuse it. */
export function parseInt64(value: string): bigint | undefined {
  if (!int64Pattern.test(value)) return undefined;
  const n = BigInt(value);
  return n >= int64Min && n <= int64Max ? n : undefined;
}

function operatorErrors(operator: LabelOperator, values: readonly string[] | undefined): string[] {
  const count = values?.length ?? 0;
  switch (operator) {
    case 'in':
    case 'notin':
      return count === 0 ? [invalidField('values', showList(values), "for 'in', 'notin' operators, values set can't be empty")] : [];
    case '=':
    case '==':
    case '!=':
      return count !== 1 ? [invalidField('values', showList(values), 'exact-match compatibility requires one single value')] : [];
    case 'exists':
    case '!':
      return count !== 0 ? [invalidField('values', showList(values), 'values set must be empty for exists and does not exist')] : [];
    case 'gt':
    case 'lt': {
      const errors = count !== 1 ? [invalidField('values', showList(values), "for 'Gt', 'Lt' operators, exactly one value is required")] : [];
      (values ?? []).forEach((v, i) => {
        if (parseInt64(v) === undefined) errors.push(invalidField(`values[${i}]`, quote(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      return errors;
    }
  }
}

/**
 * labels.NewRequirement: builds a requirement or throws a SelectorError with the aggregated
 * field errors (`key: Invalid value: ...`, `values[0][app]: Invalid value: ...`).
 */
export function newRequirement(key: string, operator: LabelOperator, values: readonly string[] | undefined): LabelRequirement {
  const errors: string[] = [];
  const keyErrors = qualifiedNameErrors(key);
  if (keyErrors.length > 0) errors.push(invalidField('key', quote(key), keyErrors.join('; ')));
  errors.push(...operatorErrors(operator, values));
  (values ?? []).forEach((v, i) => {
    const valueErrors = labelValueErrors(v);
    if (valueErrors.length > 0) errors.push(invalidField(`values[${i}][${key}]`, quote(v), valueErrors.join('; ')));
  });
  if (errors.length > 0) throw new SelectorError(aggregate(errors));
  return { key, operator, values: [...(values ?? [])] };
}
