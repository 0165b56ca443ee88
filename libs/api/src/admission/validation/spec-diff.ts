/**
 * A compact rendering of what changed between two pod specs, in the spirit of the
 * go-cmp diff kube-apiserver appends to "pod updates may not change fields" errors.
 */
import { isPlainObject } from '../../object.js';
import { semanticEqual } from './semantic-equal.js';

const MAP_FIELDS = new Set(['nodeSelector', 'labels', 'annotations', 'limits', 'requests', 'overhead', 'matchLabels']);

function goFieldName(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function render(value: unknown): string {
  if (value === undefined || value === null) return 'nil';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function collect(oldValue: unknown, newValue: unknown, path: string, parentField: string, lines: string[]): void {
  if (semanticEqual(oldValue, newValue)) return;
  if (isPlainObject(oldValue) && isPlainObject(newValue)) {
    const keys = [...new Set([...Object.keys(oldValue), ...Object.keys(newValue)])];
    for (const k of keys) {
      const childPath = MAP_FIELDS.has(parentField) ? `${path}[${JSON.stringify(k)}]` : `${path}${path ? '.' : ''}${goFieldName(k)}`;
      collect(oldValue[k], newValue[k], childPath, k, lines);
    }
    return;
  }
  if (Array.isArray(oldValue) && Array.isArray(newValue) && oldValue.length === newValue.length) {
    oldValue.forEach((item, i) => collect(item, newValue[i], `${path}[${i}]`, parentField, lines));
    return;
  }
  if (oldValue !== undefined) lines.push(`- \t${path}: ${render(oldValue)},`);
  if (newValue !== undefined) lines.push(`+ \t${path}: ${render(newValue)},`);
}

/** `  <typeName>{\n- \tField: "a",\n+ \tField: "b",\n  }\n` for the fields that differ. */
export function specDiff(typeName: string, oldSpec: unknown, newSpec: unknown): string {
  const lines: string[] = [];
  collect(oldSpec, newSpec, '', '', lines);
  return [`  ${typeName}{`, ...lines, '  }', ''].join('\n');
}

/** `  core.PodSpec{\n- \tContainers[0].Image: "a",\n+ \t...\n  }\n` for the fields that differ. */
export function podSpecDiff(oldSpec: unknown, newSpec: unknown): string {
  return specDiff('core.PodSpec', oldSpec, newSpec);
}
