/**
 * The `?fieldSelector=` query syntax, parsed as fields.ParseSelector does: comma-separated
 * `field=value`, `field==value`, `field!=value` terms where `\,` `\=` `\\` escape the value.
 */
import type { FieldOperator, FieldRequirement } from './field-requirement.js';
import { SelectorError } from './selector-error.js';

const operators: readonly FieldOperator[] = ['!=', '==', '='];
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Terms split at unescaped commas; escapes stay in the term. */
function splitTerms(text: string): string[] {
  if (text === '') return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (escaped) escaped = false;
    else if (ch === '\\') escaped = true;
    else if (ch === ',') {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

/** The first operator occurrence splits the term; the field itself cannot be escaped. */
function splitTerm(term: string): { field: string; operator: FieldOperator; value: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    const operator = operators.find((op) => term.startsWith(op, i));
    if (operator) return { field: term.slice(0, i), operator, value: term.slice(i + operator.length) };
  }
  return undefined;
}

/** fields.UnescapeValue, with its error wording. */
function unescapeFieldValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value;
  let result = '';
  let escaped = false;
  for (const ch of value) {
    if (escaped) {
      if (ch !== '\\' && ch !== ',' && ch !== '=') {
        throw new SelectorError(`invalid field selector: invalid escape sequence: \\${ch}`);
      }
      result += ch;
      escaped = false;
    } else if (ch === '\\') {
      escaped = true;
    } else if (ch === ',' || ch === '=') {
      throw new SelectorError(`invalid field selector: unescaped character in value: ${ch.codePointAt(0)}`);
    } else {
      result += ch;
    }
  }
  if (escaped) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return result;
}

/**
 * Requirements in the order Kubernetes evaluates them (terms sorted as text); empty terms
 * are ignored. Throws a SelectorError worded as fields.ParseSelector's error.
 */
export function parseFieldSelector(text: string): FieldRequirement[] {
  return splitTerms(text)
    .sort(byCodeUnit)
    .filter((term) => term !== '')
    .map((term) => {
      const parts = splitTerm(term);
      if (!parts) throw new SelectorError(`invalid selector: '${text}'; can't understand '${term}'`);
      return { ...parts, value: unescapeFieldValue(parts.value) };
    });
}
