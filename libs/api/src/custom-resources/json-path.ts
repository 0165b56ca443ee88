/**
 * The JSONPath subset CRDs use: printer columns (`.spec.cronSpec`,
 * `.status.conditions[?(@.type=="Ready")].status`, `.spec.items[0].name`, `[*]`) and the
 * scale subresource's simple field paths (`.spec.replicas`).
 */
import { isPlainObject } from '../object.js';

type Step = { field: string } | { index: number } | { all: true } | { filter: { path: string[]; value: string } };

/** Splits `.a.b[0][?(@.x=="y")].c` into steps; undefined when it is not in the subset. */
function parse(path: string): Step[] | undefined {
  const text = path.trim().replace(/^\{(.*)\}$/, '$1');
  const steps: Step[] = [];
  const re = /\.([A-Za-z0-9_$-]+)|\[(\d+)\]|\[\*\]|\[\?\(@((?:\.[A-Za-z0-9_-]+)+)\s*==\s*(?:"([^"]*)"|'([^']*)'|([^)\s]+))\)\]|\['([^']+)'\]/y;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return undefined;
    if (m[1] !== undefined) steps.push({ field: m[1] });
    else if (m[2] !== undefined) steps.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) steps.push({ filter: { path: m[3].slice(1).split('.'), value: m[4] ?? m[5] ?? m[6] } });
    else if (m[7] !== undefined) steps.push({ field: m[7] });
    else steps.push({ all: true });
    at = re.lastIndex;
  }
  return steps;
}

function step(values: unknown[], s: Step): unknown[] {
  return values.flatMap((v) => {
    if ('field' in s) return isPlainObject(v) && s.field in v ? [v[s.field]] : [];
    if (!Array.isArray(v)) return 'all' in s && isPlainObject(v) ? Object.values(v) : [];
    if ('index' in s) return s.index < v.length ? [v[s.index]] : [];
    if ('all' in s) return v;
    return v.filter((item) => {
      const found = s.filter.path.reduce<unknown>((o, key) => (isPlainObject(o) ? o[key] : undefined), item);
      return found !== undefined && String(found) === s.filter.value;
    });
  });
}

/** Every value `path` selects in `obj` (none when the path is outside the subset). */
export function jsonPathValues(obj: unknown, path: string): unknown[] {
  const steps = parse(path);
  if (!steps) return [];
  return steps.reduce<unknown[]>((values, s) => step(values, s), [obj]);
}

/** The fields of a simple path such as `.spec.replicas`. */
function fieldsOf(path: string): string[] {
  return path.replace(/^\./, '').split('.').filter(Boolean);
}

/** The value at a simple path, if any. */
export function readField(obj: unknown, path: string): unknown {
  return fieldsOf(path).reduce<unknown>((o, key) => (isPlainObject(o) ? o[key] : undefined), obj);
}

/** Sets the value at a simple path in place, creating the objects on the way. */
export function writeField(obj: Record<string, unknown>, path: string, value: unknown): void {
  const fields = fieldsOf(path);
  let at = obj;
  for (const key of fields.slice(0, -1)) {
    const next = at[key];
    at = isPlainObject(next) ? next : (at[key] = {});
  }
  at[fields[fields.length - 1]] = value;
}
