/**
 * The control-plane processes' own log in their static pods: a kubeadm node's kube-scheduler writes its log to its
 * container's stdout, so `kubectl logs -n kube-system kube-scheduler-controlplane` shows what the scheduler itself
 * said. The lab's processes write theirs to DIR/logs; the supervisor follows each file from where the process's run
 * began and sends what it writes, in the component's klog words, to the controlplane node's agent, which appends it
 * to the running container's log. Only what the process writes reaches it: quiet by default, its warnings and errors.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { klogOfProcessLine, type ControlPlaneProgram } from '@kubelab/images';
import type { StaticPodLog } from '@kubelab/bus';

/** How often a followed file is read for what it gained, and lines not yet taken are offered again. */
const readEveryMs = 500;
/** The most read at one look: a process that floods its log is relayed in steps, not in one message. */
const readAtMostBytes = 256 * 1024;
/** Lines kept for a container that does not run yet (the lab starts its processes before the node's agent): the newest. */
const pendingAtMost = 500;

interface Followed {
  file: string;
  offset: number;
  /** A line not yet ended by a newline. */
  rest: string;
  /** Lines in klog words that the container has not taken yet; a line the lab says is worded when it is taken (at its time). */
  pending: (string | ((at: Date) => string))[];
  sending: boolean;
}

/** The complete lines of `text` after `rest`, and the unended tail left for the next read. */
export function completeLines(rest: string, text: string): { lines: string[]; rest: string } {
  const all = (rest + text).split('\n');
  return { lines: all.slice(0, -1), rest: all[all.length - 1] };
}

/**
 * Follows each static pod process's log file and offers its lines to the container until it takes them (`deliver`
 * resolves true): lines written before the container runs, as at the lab's start, reach its log once it does.
 */
export class StaticPodLogRelay {
  private readonly followed = new Map<ControlPlaneProgram, Followed>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly deliver: (log: StaticPodLog) => Promise<boolean>) {}

  /** Follows a process's log file from `offset`, where its run began, for its static pod's container `program`. */
  follow(program: ControlPlaneProgram, file: string, offset: number): void {
    this.followed.set(program, { file, offset, rest: '', pending: [], sending: false });
    this.timer ??= setInterval(() => {
      for (const name of this.followed.keys()) this.offer(name);
    }, readEveryMs).unref();
  }

  /** The process ended: what it wrote last is offered now, before its container is shown ended, and its file is left. */
  unfollow(program: ControlPlaneProgram): void {
    this.offer(program);
    this.followed.delete(program);
  }

  /**
   * A line the component would write that the lab's process does not (client-go's leader election taking its lease),
   * timed when its container takes it: a container that starts later would otherwise show it before its first lines.
   */
  say(program: ControlPlaneProgram, line: (at: Date) => string): void {
    const followed = this.followed.get(program);
    if (!followed) return;
    this.read(program, followed);
    followed.pending.push(line);
    this.offer(program);
  }

  stop(): void {
    clearInterval(this.timer);
    this.followed.clear();
  }

  /** Reads what the file gained and offers every line not yet taken, one offer at a time. */
  private offer(program: ControlPlaneProgram): void {
    const followed = this.followed.get(program);
    if (!followed) return;
    this.read(program, followed);
    if (followed.sending || followed.pending.length === 0) return;
    const count = followed.pending.length;
    const now = new Date();
    followed.sending = true;
    void this.deliver({ container: program, lines: followed.pending.map((line) => (typeof line === 'string' ? line : line(now))) }).catch(() => false).then((taken) => {
      followed.sending = false;
      if (taken) followed.pending.splice(0, count);
    });
  }

  private read(program: ControlPlaneProgram, followed: Followed): void {
    let text: string;
    try {
      text = readFrom(followed);
    } catch {
      return;
    }
    const { lines, rest } = completeLines(followed.rest, text);
    followed.rest = rest;
    followed.pending.push(...lines.flatMap((line) => klogOfProcessLine(program, line) ?? []));
    if (!followed.sending && followed.pending.length > pendingAtMost) followed.pending.splice(0, followed.pending.length - pendingAtMost);
  }
}
/** What the file gained since the offset (at most readAtMostBytes), moving the offset past it. */
function readFrom(followed: Followed): string {
  const fd = openSync(followed.file, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size - followed.offset, readAtMostBytes);
    if (length <= 0) return '';
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, followed.offset);
    followed.offset += read;
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
