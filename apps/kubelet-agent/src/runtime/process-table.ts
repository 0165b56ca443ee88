/**
 * A container's process table, as `ps` and `kill` inside it see it: PID 1 is the
 * container's main process, and every `kubectl exec` adds a process with the
 * next free PID. What a signal does is each process's own business (see
 * EmulatedContainer: PID 1 gets only the signals it handles, as on Linux).
 */

export type SignalName = 'SIGTERM' | 'SIGKILL' | 'SIGINT' | 'SIGHUP' | 'SIGQUIT' | 'SIGUSR1' | 'SIGUSR2';

export interface ProcessEntry {
  readonly pid: number;
  readonly user: string;
  readonly command: string;
  readonly startedAt: Date;
}

/** Delivers a signal to one process; `cause` is the log entry of the session that sent it. */
export type SignalHandler = (signal: SignalName, cause?: number) => boolean;

interface Running {
  readonly pid: number;
  readonly user: string;
  readonly command: string;
  /** Wall-clock ms: a Date per process was 100 bytes more for every container an agent runs. */
  readonly startedAt: number;
  readonly onSignal: SignalHandler;
}

/** The first PID an exec gets: a fresh container's init has used a few already. */
const firstExecPid = 7;

export class ProcessTable {
  private readonly main: Running;
  /** The processes execs added, made at the first: most containers never see one, and an empty Map is 170 bytes. */
  private added?: Map<number, Running>;
  private nextPid = firstExecPid;

  constructor(main: { command: string; onSignal: SignalHandler }, startedAt = new Date()) {
    this.main = { pid: 1, user: 'root', command: main.command, startedAt: startedAt.getTime(), onSignal: main.onSignal };
  }

  /** Adds a process; returns its PID and the function that removes it when it ends. */
  spawn(command: string, onSignal: SignalHandler, user = 'root'): { pid: number; exited: () => void } {
    const pid = this.nextPid;
    this.nextPid += 6;
    (this.added ??= new Map()).set(pid, { pid, user, command, startedAt: Date.now(), onSignal });
    return { pid, exited: () => this.added?.delete(pid) };
  }

  list(): ProcessEntry[] {
    return [this.main, ...(this.added?.values() ?? [])].map(({ pid, user, command, startedAt }) => ({ pid, user, command, startedAt: new Date(startedAt) }));
  }

  /** Delivers `signal` to `pid`; false when there is no such process. */
  signal(pid: number, signal: SignalName, cause?: number): boolean {
    const process = pid === 1 ? this.main : this.added?.get(pid);
    if (!process) return false;
    process.onSignal(signal, cause);
    return true;
  }

  get size(): number {
    return 1 + (this.added?.size ?? 0);
  }
}
