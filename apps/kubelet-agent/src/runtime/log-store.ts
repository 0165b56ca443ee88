/**
 * Container logs as the kubelet keeps them: the current run and the previous one
 * (for `kubectl logs --previous`), timestamped lines, bounded in size. As
 * containerd's log writer, output becomes a line at its newline: `printf a;
 * printf 'b\n'` is one line `ab`, stamped when it began, and a last line without
 * a newline is written when the run ends.
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
  // Made at their first use: most pods are never followed, and a pause container writes nothing; an empty Map is 170
  // bytes more for every pod an agent runs.
  private followers?: Map<string, Set<Follower>>;
  /** Output since the last newline, per container: the line being written. */
  private partial?: Map<string, LogLine>;

  /** `kubectl logs -f`: new output of the current run until it ends; returns a cancel function. */
  follow(container: string, onText: (text: string) => void, onEnd: () => void): () => void {
    const followers = (this.followers ??= new Map());
    let set = followers.get(container);
    if (!set) followers.set(container, (set = new Set()));
    const follower = { onText, onEnd };
    set.add(follower);
    return () => set.delete(follower);
  }

  /** The container's run ended: followers are told, as the stream of a real kubelet ends. */
  endRun(container: string): void {
    const rest = this.partial?.get(container);
    if (rest) this.append(container, '\n', new Date(rest.time));
    for (const f of this.followers?.get(container) ?? []) f.onEnd();
    this.followers?.delete(container);
  }

  /** A container starts a new run: the current run becomes the previous one. */
  startRun(container: string): void {
    this.partial?.delete(container);
    const runs = this.runs.get(container);
    this.runs.set(container, { current: [], previous: runs?.current });
  }

  append(container: string, text: string, now: Date): void {
    let runs = this.runs.get(container);
    if (!runs) this.runs.set(container, (runs = { current: [] }));
    const started = this.partial?.get(container);
    const pieces = ((started?.text ?? '') + text).split('\n');
    const rest = pieces.pop()!;
    const complete = pieces.map((line, i) => ({ time: i === 0 && started ? started.time : now.toISOString(), text: line }));
    if (rest === '') this.partial?.delete(container);
    else (this.partial ??= new Map()).set(container, { time: complete.length === 0 && started ? started.time : now.toISOString(), text: rest });
    if (complete.length === 0) return;
    runs.current.push(...complete);
    const written = complete.map((line) => `${line.text}\n`).join('');
    for (const f of this.followers?.get(container) ?? []) f.onText(written);
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
