/**
 * The process's view of time and the network, made safe: every wait ends the
 * moment the container is killed (or, in a terminal, the foreground command is
 * interrupted with Ctrl-C), and a loop that never sleeps is paced (it yields to
 * the event loop so the kill can land, and past a burst spins on a host that
 * accounts CPU) or, on a host that does not, finally stopped, so a learner's
 * `while true; do :; done` cannot freeze the agent. A pipeline stage gets its
 * own view whose waits also hold it while the pipe it writes to is full.
 */
import type { MemoryFs } from '../fs/memory-fs.js';
import { decodeUtf8, encodeUtf8 } from '../io/byte-string.js';
import type { HttpRequestOptions, HttpResponse, NodeServices, ProcessHost, ProcessTable } from './process-host.js';
import { exitCodeForSignal } from './signals.js';

/** Bounds on a process that never sleeps. */
export interface ShellLimits {
  /** Commands a process may run without a positive `sleep` before it is stopped with status 1. */
  readonly maxCommandsWithoutSleep?: number;
  /** Commands between two yields to the event loop. */
  readonly commandsPerYield?: number;
  /** How deeply nested shells, subshells, `$(…)` and `eval` may go (a script that runs itself). */
  readonly maxNesting?: number;
  /** Commands a process runs at full speed without a sleep before a host that paces busy processes (ProcessHost.spin) does. */
  readonly burstCommands?: number;
}

const DEFAULT_MAX_COMMANDS_WITHOUT_SLEEP = 100_000;
const DEFAULT_BURST_COMMANDS = 2_000;
const DEFAULT_COMMANDS_PER_YIELD = 500;
const DEFAULT_MAX_NESTING = 100;
const INTERRUPTED_STATUS = 130;

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

/** Runs `argv` as a new process on `host` and resolves its exit status (runProcess). */
export type Spawn = (argv: readonly string[], host: ProcessHost) => Promise<number>;

/** What every view of one process shares: its host, limits, counters, the foreground interrupt and how it starts children. */
interface ProcessState {
  readonly host: ProcessHost;
  readonly spawn: Spawn;
  readonly maxCommands: number;
  readonly commandsPerYield: number;
  readonly maxNesting: number;
  readonly burstCommands: number;
  readonly commandLine: string;
  commandsSinceSleep: number;
  /** When the commands counted since the last sleep began: the start of a busy stretch. */
  busySince: Date;
  nesting: number;
  foreground: AbortController;
}

/** The kill-aware, paced gateway from one process to its host. */
export class Runtime {
  private state: ProcessState;
  /** Set on a pipeline stage's view: resolves when the pipe it writes to has room. */
  private outputRoom: (() => Promise<void>) | undefined;
  /** Set on a `chroot`'d command's view: the file system it sees. */
  private root: MemoryFs | undefined;

  /**
   * `commandLine` is what `ps` shows for this process when the host has no process table; `spawn` starts a child
   * process (runProcess, handed in by whoever launches this one, so the commands need not import the shell).
   */
  constructor(host: ProcessHost, limits: ShellLimits, commandLine: string, spawn: Spawn) {
    this.state = {
      host,
      spawn,
      maxCommands: limits.maxCommandsWithoutSleep ?? DEFAULT_MAX_COMMANDS_WITHOUT_SLEEP,
      commandsPerYield: limits.commandsPerYield ?? DEFAULT_COMMANDS_PER_YIELD,
      maxNesting: limits.maxNesting ?? DEFAULT_MAX_NESTING,
      burstCommands: limits.burstCommands ?? DEFAULT_BURST_COMMANDS,
      commandLine,
      commandsSinceSleep: 0,
      busySince: host.now(),
      nesting: 0,
      foreground: new AbortController(),
    };
    if (host.outputRoom) this.outputRoom = () => host.outputRoom!();
  }

  /** The same process, for a pipeline stage whose waits also hold while `outputRoom` has not resolved. */
  forStage(outputRoom: () => Promise<void>): Runtime {
    return this.view(outputRoom, this.root);
  }

  /** The same process with `fs` as its file system: a command `chroot` runs, which sees a directory as `/`. */
  rootedAt(fs: MemoryFs): Runtime {
    return this.view(this.outputRoom, fs);
  }

  private view(outputRoom: (() => Promise<void>) | undefined, root: MemoryFs | undefined): Runtime {
    const view = new Runtime(this.state.host, {}, this.state.commandLine, this.state.spawn);
    view.state = this.state;
    view.outputRoom = outputRoom;
    view.root = root;
    return view;
  }

  /** The container's file system, or the directory a `chroot` made `/`. */
  get fs(): MemoryFs {
    return this.root ?? this.state.host.fs;
  }

  /** This process's PID (`$$`). */
  get pid(): number {
    return this.state.host.pid ?? 1;
  }

  /** The container's process table, when the host keeps one. */
  get processes(): ProcessTable | undefined {
    return this.state.host.processes;
  }

  /** The image's executables, when the host says what it holds; under a `chroot` the new root's, which nobody lists. */
  get programs(): ReadonlySet<string> | undefined {
    return this.root ? undefined : this.state.host.programs;
  }

  /** True when the image holds the program `name` (a base name, a byte string), or when the host (or a chroot's new root) does not say. */
  hasProgram(name: string): boolean {
    const { programs } = this;
    return programs === undefined || programs.has(decodeUtf8(name));
  }

  /** The node's init system, when this process runs on a node rather than in a container. */
  get services(): NodeServices | undefined {
    return this.state.host.services;
  }

  /** The log entry of the session this process runs in, when it was recorded: the cause of what it makes the node do. */
  get cause(): number | undefined {
    return this.state.host.cause;
  }

  /** Whether `ps` is procps' (a node's) rather than BusyBox's. */
  get procps(): boolean {
    return this.state.host.procps === true;
  }

  /** The BusyBox release of the image's applets, when the host names one. */
  get busyboxVersion(): string | undefined {
    return this.state.host.busyboxVersion;
  }

  /** This process's command line, for `ps` without a process table. */
  get commandLine(): string {
    return this.state.commandLine;
  }

  /** The host's pacing of busy processes, for a child process (timeout's) that spins on the same CPU. */
  get spin(): ProcessHost['spin'] {
    const { host } = this.state;
    return host.spin && ((stop, busySince) => host.spin!(stop, busySince));
  }

  /** Starts `argv` as a process of its own on `host` (timeout's child, with its own kill switch) and resolves its status. */
  spawn(argv: readonly string[], host: ProcessHost): Promise<number> {
    return this.state.spawn(argv, host);
  }

  /** The lab clock. */
  now(): Date {
    return this.state.host.now();
  }

  /** Called before every command: stops a killed process, paces or stops a busy loop, waits for pipe room. */
  async beforeCommand(): Promise<void> {
    this.throwIfKilled();
    this.countCommand();
    if (!this.state.host.spin && this.state.commandsSinceSleep > this.state.maxCommands) {
      throw new RunawayProcess(`stopped after ${this.state.maxCommands} commands without a sleep (endless busy loop?)`);
    }
    await this.pace(this.state.commandsSinceSleep);
  }

  /**
   * For a utility that writes in a loop (`yes`, a large `cat`): call between
   * writes. Waits while the pipe it writes to is full, yields to the event loop
   * now and then, and throws when the process is killed.
   */
  async writable(): Promise<void> {
    this.countCommand();
    await this.pace(this.state.commandsSinceSleep);
  }

  /** Runs `work` one nesting level deeper (nested shell, subshell, `$(…)`, eval); too deep stops the process. */
  async nested<T>(work: () => Promise<T>): Promise<T> {
    if (this.state.nesting >= this.state.maxNesting) throw new RunawayProcess(`stopped at ${this.state.maxNesting} nested shells (endless recursion?)`);
    this.state.nesting++;
    try {
      return await work();
    } finally {
      this.state.nesting--;
    }
  }

  /** Waits `seconds` of lab time; `Infinity` waits until the process is killed. */
  async sleep(seconds: number): Promise<void> {
    if (seconds > 0) this.state.commandsSinceSleep = 0;
    if (seconds === Infinity) return this.untilKilled(new Promise<void>(() => undefined));
    if (seconds <= 0) return this.throwIfKilled();
    const stop = new AbortController();
    try {
      await this.untilKilled(this.state.host.sleep(seconds, stop.signal));
    } finally {
      stop.abort();
    }
  }

  /** Whether a DNS server at `server` answers this process (true where the host does not say). */
  async nameserverAnswers(server: string): Promise<boolean> {
    return (await this.state.host.nameserverAnswers?.(server)) ?? true;
  }

  /** Cluster DNS lookup, abandoned if the process is killed meanwhile. */
  lookup(name: string): Promise<string | undefined> {
    return this.untilKilled(this.state.host.lookup(decodeUtf8(name)));
  }

  /**
   * An HTTP request through the lab network (a GET unless `request` says otherwise; its texts are
   * byte strings, as are the body and headers that come back), abandoned if the process is killed meanwhile.
   */
  async http(url: string, request?: HttpRequestOptions): Promise<HttpResponse | undefined> {
    const sent = request && {
      ...request,
      headers: request.headers?.map(([name, value]) => [decodeUtf8(name), decodeUtf8(value)] as const),
      ...(request.body === undefined ? {} : { body: decodeUtf8(request.body) }),
    };
    const response = await this.untilKilled(this.state.host.http(decodeUtf8(url), sent));
    if (!response) return undefined;
    const headers = response.headers?.map(([name, value]) => [encodeUtf8(name), encodeUtf8(value)] as const);
    return { ...response, body: encodeUtf8(response.body), ...(headers ? { headers } : {}) };
  }

  /**
   * An HTTP request that gives up after `seconds` of lab time, as a client's timeout does when a
   * dropping network (NetworkPolicy) never answers: 'timed out' then, the answer otherwise.
   */
  async httpWithin(url: string, seconds: number, request?: HttpRequestOptions): Promise<HttpResponse | undefined | 'timed out'> {
    const stop = new AbortController();
    const expired = this.state.host.sleep(seconds, stop.signal).then(() => 'timed out' as const);
    try {
      return await Promise.race([this.http(url, request), this.untilKilled(expired)]);
    } finally {
      stop.abort();
    }
  }

  /** The private CA behind the TLS server at `url` (ProcessHost.tlsIssuer), as a byte string; undefined when there is none. */
  async tlsIssuer(url: string): Promise<string | undefined> {
    const issuer = await this.untilKilled(this.state.host.tlsIssuer?.(decodeUtf8(url)) ?? Promise.resolve(undefined));
    return issuer === undefined ? undefined : encodeUtf8(issuer);
  }

  /** Waits for `work` (stdin, a pipe), giving up with `ProcessKilled` when the process is killed or interrupted. */
  untilKilled<T>(work: Promise<T>): Promise<T> {
    const signals = [this.state.host.signal, this.state.foreground.signal];
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        detach();
        reject(this.killed());
      };
      const detach = () => signals.forEach((signal) => signal.removeEventListener('abort', onAbort));
      if (signals.some((signal) => signal.aborted)) return reject(this.killed());
      signals.forEach((signal) => signal.addEventListener('abort', onAbort, { once: true }));
      work.then(
        (value) => {
          detach();
          if (signals.some((signal) => signal.aborted)) reject(this.killed());
          else resolve(value);
        },
        (error: unknown) => {
          detach();
          reject(error);
        },
      );
    });
  }

  /** Ctrl-C in a terminal: the running foreground command stops with status 130 at its next wait. */
  interrupt(): void {
    this.state.foreground.abort('SIGINT');
  }

  /** True after `interrupt()` until `backAtPrompt()`. */
  get interrupted(): boolean {
    return this.state.foreground.signal.aborted;
  }

  /**
   * The interactive shell is back at its prompt: the next command line starts
   * uninterrupted, with a fresh busy-loop budget (the user's typing is the pause).
   */
  backAtPrompt(): void {
    this.state.foreground = new AbortController();
    this.state.commandsSinceSleep = 0;
  }

  private countCommand(): void {
    if (this.state.commandsSinceSleep++ === 0) this.state.busySince = this.state.host.now();
  }

  private async pace(count: number): Promise<void> {
    if (count % this.state.commandsPerYield === 0) {
      if (this.state.host.spin && count > this.state.burstCommands) await this.spinOnHost(this.state.host.spin);
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.throwIfKilled();
    if (this.outputRoom) await this.untilKilled(this.outputRoom());
  }

  private async spinOnHost(spin: NonNullable<ProcessHost['spin']>): Promise<void> {
    const stop = new AbortController();
    try {
      await this.untilKilled(spin(stop.signal, this.state.busySince));
    } finally {
      stop.abort();
    }
  }

  private throwIfKilled(): void {
    if (this.state.host.signal.aborted || this.state.foreground.signal.aborted) throw this.killed();
  }

  private killed(): ProcessKilled {
    const { host } = this.state;
    return new ProcessKilled(host.signal.aborted ? exitCodeForSignal(host.signal.reason) : INTERRUPTED_STATUS);
  }
}
