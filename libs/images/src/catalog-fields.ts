/**
 * Typed reads of one field of a parsed YAML document, each reporting
 * `path: what is wrong` into a shared problem list instead of stopping at the first.
 */

/** Problems found so far, as `path: message` lines. */
export type Problems = string[];

/** A plain object read from the document. */
export type Fields = Readonly<Record<string, unknown>>;

interface NumberRule {
  readonly integer?: boolean;
  readonly min: number;
  readonly max?: number;
}

/** How a value is quoted in a problem message. */
export function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** The object at `path`, reporting a non-object or any field outside `known` (when given). */
export function readObject(value: unknown, path: string, problems: Problems, known?: readonly string[]): Fields | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${path}: must be a mapping, got ${show(value)}`);
    return undefined;
  }
  if (known) {
    for (const key of Object.keys(value).filter((name) => !known.includes(name))) {
      problems.push(`${path}.${key}: unknown field (known fields: ${known.join(', ')})`);
    }
  }
  return value as Fields;
}

/** The list at `path`, or undefined (reported) when it is something else. */
export function readList(value: unknown, path: string, problems: Problems): readonly unknown[] | undefined {
  if (Array.isArray(value)) return value;
  problems.push(`${path}: must be a list, got ${show(value)}`);
  return undefined;
}

/** A string field; absent is fine unless `required`. */
export function readString(fields: Fields, key: string, path: string, problems: Problems, required = false): string | undefined {
  const value = fields[key];
  if (value === undefined) {
    if (required) problems.push(`${path}.${key}: is required`);
    return undefined;
  }
  if (typeof value === 'string') return value;
  problems.push(`${path}.${key}: must be a string, got ${show(value)}`);
  return undefined;
}

/** A number within `rule` (a plain value, not a field of an object). */
export function checkNumber(value: unknown, path: string, problems: Problems, rule: NumberRule): number | undefined {
  const kind = rule.integer ? 'an integer' : 'a number';
  const range = rule.max === undefined ? `of at least ${rule.min}` : `between ${rule.min} and ${rule.max}`;
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    value >= rule.min &&
    (rule.max === undefined || value <= rule.max);
  if (valid) return value;
  problems.push(`${path}: must be ${kind} ${range}, got ${show(value)}`);
  return undefined;
}

/** An optional number field within `rule`. */
export function readNumber(fields: Fields, key: string, path: string, problems: Problems, rule: NumberRule): number | undefined {
  return fields[key] === undefined ? undefined : checkNumber(fields[key], `${path}.${key}`, problems, rule);
}

/** An optional true/false field. */
export function readBoolean(fields: Fields, key: string, path: string, problems: Problems): boolean | undefined {
  const value = fields[key];
  if (value === undefined || typeof value === 'boolean') return value;
  problems.push(`${path}.${key}: must be true or false, got ${show(value)}`);
  return undefined;
}

/** An optional list of strings. */
export function readStringList(fields: Fields, key: string, path: string, problems: Problems): string[] | undefined {
  if (fields[key] === undefined) return undefined;
  const list = readList(fields[key], `${path}.${key}`, problems);
  if (!list) return undefined;
  const strings: string[] = [];
  list.forEach((item, index) => {
    if (typeof item === 'string') strings.push(item);
    else problems.push(`${path}.${key}[${index}]: must be a string, got ${show(item)}`);
  });
  return strings;
}

/** An optional mapping of names to strings. */
export function readStringMap(fields: Fields, key: string, path: string, problems: Problems): Record<string, string> | undefined {
  if (fields[key] === undefined) return undefined;
  const map = readObject(fields[key], `${path}.${key}`, problems);
  if (!map) return undefined;
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(map)) {
    if (typeof value === 'string') strings[name] = value;
    else problems.push(`${path}.${key}.${name}: must be a string, got ${show(value)}`);
  }
  return strings;
}
