/**
 * Container logs as the kubelet keeps them: the current run and the previous one
 * (for `kubectl logs --previous`), timestamped lines, bounded in size.
 */

interface LogLine {
  time: string;
  text: string;
}

const maxLinesPerRun = 5000;

export interface LogQuery {
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  timestamps?: boolean;
}

interface Follower {
  onText: (text: string) => void;
  onEnd: () => void;
}

export class LogStore {
  private readonly runs = new Map<string, { current: LogLine[]; previous?: LogLine[] }>();
  private readonly followers = new Map<string, Set<Follower>>();

  /** `kubectl logs -f`: new output of the current run until it ends; returns a cancel function. */
  follow(container: string, onText: (text: string) => void, onEnd: () => void): () => void {
    let set = this.followers.get(container);
    if (!set) this.followers.set(container, (set = new Set()));
    const follower = { onText, onEnd };
    set.add(follower);
    return () => set.delete(follower);
  }

  /** The container's run ended: followers are told, as the stream of a real kubelet ends. */
  endRun(container: string): void {
    for (const f of this.followers.get(container) ?? []) f.onEnd();
    this.followers.delete(container);
  }

  /** A container starts a new run: the current run becomes the previous one. */
  startRun(container: string): void {
    const runs = this.runs.get(container);
    this.runs.set(container, { current: [], previous: runs?.current });
  }

  append(container: string, text: string, now: Date): void {
    let runs = this.runs.get(container);
    if (!runs) this.runs.set(container, (runs = { current: [] }));
    const time = now.toISOString();
    for (const line of text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined)) runs.current.push({ time, text: line });
    for (const f of this.followers.get(container) ?? []) f.onText(text.endsWith('\n') ? text : `${text}\n`);
    if (runs.current.length > maxLinesPerRun) runs.current.splice(0, runs.current.length - maxLinesPerRun);
  }

  hasPrevious(container: string): boolean {
    return this.runs.get(container)?.previous !== undefined;
  }

  /** The log text as `kubectl logs` prints it. */
  read(container: string, q: LogQuery, now: Date): string {
    const runs = this.runs.get(container);
    let lines = (q.previous ? runs?.previous : runs?.current) ?? [];
    if (q.sinceSeconds !== undefined) {
      const since = now.getTime() - q.sinceSeconds * 1000;
      lines = lines.filter((l) => Date.parse(l.time) >= since);
    }
    if (q.tailLines !== undefined && q.tailLines >= 0) lines = lines.slice(Math.max(0, lines.length - q.tailLines));
    return lines.map((l) => (q.timestamps ? `${l.time} ${l.text}\n` : `${l.text}\n`)).join('');
  }
}
