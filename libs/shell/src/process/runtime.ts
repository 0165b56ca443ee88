/**
 * The process's view of time and the network, made safe: every wait ends the
 * moment the container is killed, and a loop that never sleeps is paced (it
 * yields to the event loop so the kill can land) and finally stopped, so a
 * learner's `while true; do :; done` cannot freeze the agent.
 */
import type { MemoryFs } from '../fs/memory-fs.js';
import type { HttpResponse, ProcessHost } from './process-host.js';
import { exitCodeForSignal } from './signals.js';

/** Bounds on a process that never sleeps. */
export interface ShellLimits {
  /** Commands a process may run without a positive `sleep` before it is stopped with status 1. */
  readonly maxCommandsWithoutSleep?: number;
  /** Commands between two yields to the event loop. */
  readonly commandsPerYield?: number;
  /** How deeply nested shells, subshells, `$(…)` and `eval` may go (a script that runs itself). */
  readonly maxNesting?: number;
}

const DEFAULT_MAX_COMMANDS_WITHOUT_SLEEP = 100_000;
const DEFAULT_COMMANDS_PER_YIELD = 500;
const DEFAULT_MAX_NESTING = 100;

/** Thrown through the interpreter when the container is killed; carries the exit status. */
export class ProcessKilled extends Error {
  constructor(readonly exitCode: number) {
    super(`killed (exit ${exitCode})`);
    this.name = 'ProcessKilled';
  }
}

/** Thrown through the interpreter when a busy loop or an endless recursion has to be stopped. */
export class RunawayProcess extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunawayProcess';
  }
}

/** The kill-aware, paced gateway from one process to its host. */
export class Runtime {
  private readonly maxCommands: number;
  private readonly commandsPerYield: number;
  private readonly maxNesting: number;
  private commandsSinceSleep = 0;
  private nesting = 0;

  constructor(
    private readonly host: ProcessHost,
    limits: ShellLimits = {},
  ) {
    this.maxCommands = limits.maxCommandsWithoutSleep ?? DEFAULT_MAX_COMMANDS_WITHOUT_SLEEP;
    this.commandsPerYield = limits.commandsPerYield ?? DEFAULT_COMMANDS_PER_YIELD;
    this.maxNesting = limits.maxNesting ?? DEFAULT_MAX_NESTING;
  }

  /** The container's file system. */
  get fs(): MemoryFs {
    return this.host.fs;
  }

  /** The lab clock. */
  now(): Date {
    return this.host.now();
  }

  /** Called before every command: stops a killed process and paces or stops a busy loop. */
  async beforeCommand(): Promise<void> {
    this.throwIfKilled();
    this.commandsSinceSleep++;
    if (this.commandsSinceSleep > this.maxCommands) {
      throw new RunawayProcess(`stopped after ${this.maxCommands} commands without a sleep (endless busy loop?)`);
    }
    if (this.commandsSinceSleep % this.commandsPerYield === 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.throwIfKilled();
    }
  }

  /** Runs `work` one nesting level deeper (nested shell, subshell, `$(…)`, eval); too deep stops the process. */
  async nested<T>(work: () => Promise<T>): Promise<T> {
    if (this.nesting >= this.maxNesting) throw new RunawayProcess(`stopped at ${this.maxNesting} nested shells (endless recursion?)`);
    this.nesting++;
    try {
      return await work();
    } finally {
      this.nesting--;
    }
  }

  /** Waits `seconds` of lab time; `Infinity` waits until the process is killed. */
  async sleep(seconds: number): Promise<void> {
    if (seconds > 0) this.commandsSinceSleep = 0;
    if (seconds === Infinity) return this.untilKilled(new Promise<void>(() => undefined));
    if (seconds > 0) return this.untilKilled(this.host.sleep(seconds));
    this.throwIfKilled();
  }

  /** Cluster DNS lookup, abandoned if the process is killed meanwhile. */
  lookup(name: string): Promise<string | undefined> {
    return this.untilKilled(this.host.lookup(name));
  }

  /** HTTP GET through the lab network, abandoned if the process is killed meanwhile. */
  http(url: string): Promise<HttpResponse | undefined> {
    return this.untilKilled(this.host.http(url));
  }

  private throwIfKilled(): void {
    if (this.host.signal.aborted) throw new ProcessKilled(exitCodeForSignal(this.host.signal.reason));
  }

  private untilKilled<T>(work: Promise<T>): Promise<T> {
    const signal = this.host.signal;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new ProcessKilled(exitCodeForSignal(signal.reason)));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          if (signal.aborted) onAbort();
          else resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }
}
