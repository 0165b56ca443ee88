/** What a lab's processes said last: each log in its data dir's logs directory (one file per process, `kubelab up` writes them). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Lines of each log a lab prints when a test of its suite failed. */
export const logTailLines = 40;

/** A line longer than this is cut: a process may log a whole object. */
const lineLimit = 600;

/** The last logTailLines lines of each non-empty log of the lab in `dataDir`, under its file's name; undefined when no log has any. */
export function labLogTails(dataDir: string): string | undefined {
  const logDir = join(dataDir, 'logs');
  if (!existsSync(logDir)) return undefined;
  const parts: string[] = [];
  for (const name of readdirSync(logDir).sort()) {
    const lines = readFileSync(join(logDir, name), 'utf8').split('\n').filter(Boolean);
    if (lines.length === 0) continue;
    parts.push(`--- ${name} (${lines.length} line${lines.length === 1 ? '' : 's'})`, ...lines.slice(-logTailLines).map((line) => (line.length > lineLimit ? `${line.slice(0, lineLimit)}…` : line)));
  }
  if (parts.length === 0) return undefined;
  return `a test failed on the lab in ${dataDir}; the last ${logTailLines} lines of each of its logs that has any:\n${parts.join('\n')}\n`;
}
