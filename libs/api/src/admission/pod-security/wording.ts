/**
 * The small pieces every Pod Security check words its detail with, as pod-security-admission's
 * policy/helpers.go and visitor.go have them, so details read exactly like kube-apiserver's.
 */

/** joinQuote: `"a", "b"`. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

/** pluralize: the singular for exactly one, else the plural. */
export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** sets.NewString(...).List(): distinct values in byte order. */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `container "a"` / `containers "a", "b"`: who a detail is about. */
export function containersNamed(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** Go's %q for the label and annotation values seen in details. */
export function quoted(value: string): string {
  return JSON.stringify(value);
}
