/** Rows aligned in columns as Go's text/tabwriter aligns them (crictl, kubectl, kubelab's own tables). */

/** Each column but the last padded to its widest cell plus `padding` (three spaces by default), and to `minWidth` at least; lines without a newline. */
export function alignColumns(rows: readonly (readonly string[])[], { minWidth = 0, padding = 3 } = {}): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(minWidth, ...rows.map((r) => (r[i] ?? '').length + padding)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join(''));
}
