/** Splitting a stream of newline-delimited JSON into whole lines as chunks arrive. */

/** The complete lines in `buffer + chunk` (blank ones dropped) and what is left of a line still arriving. */
export function splitLines(buffer: string, chunk: string): { lines: string[]; rest: string } {
  const parts = (buffer + chunk).split('\n');
  const rest = parts.pop() ?? '';
  return { lines: parts.filter((l) => l.trim() !== ''), rest };
}
