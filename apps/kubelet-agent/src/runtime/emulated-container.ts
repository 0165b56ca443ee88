/**
 * One running container, emulated: either the image's default process (a server
 * that logs, listens, answers HTTP, maybe exits or grows its memory) or the
 * container's command through the busybox-style shell. Nothing runs on the host.
 */
import type { ResolvedImage } from '@kubelab/images';
import { containerArgv } from '@kubelab/images';
import { MemoryFs, runProcess, type HttpResponse, type ProcessHost } from '@kubelab/shell';
import type { HttpReply } from './http-connection.js';
import type { LabClock } from './lab-clock.js';

/** Where a session's output goes. */
export interface SessionOutput {
  stdout(bytes: Uint8Array): void;
  stderr(bytes: Uint8Array): void;
}

/** A process started in the container by `kubectl exec`. */
export interface ExecProcess {
  write(bytes: Uint8Array): void;
  closeStdin(): void;
  resize(cols: number, rows: number): void;
  kill(signal: 'SIGKILL' | 'SIGTERM'): void;
  readonly exit: Promise<number>;
}

export interface SessionOptions {
  stdin: boolean;
  tty: boolean;
  /** Who started it, for the process table. */
  user: string;
  /** The log entry recording the session: the cause of what it does to the container. */
  cause?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** How a run ended. */
export interface ContainerExit {
  exitCode: number;
  reason?: 'OOMKilled';
  signal?: number;
}

/** What the container can reach: names and HTTP in the emulated cluster network. */
export interface ClusterNetwork {
  lookup(name: string, fromNamespace: string): Promise<string | undefined>;
  http(url: string, fromNamespace: string): Promise<HttpResponse | undefined>;
}

export interface ContainerContext {
  podName: string;
  namespace: string;
  fs: MemoryFs;
  env: Record<string, string>;
  clock: LabClock;
  network: ClusterNetwork;
  /** The memory limit in MiB, if any: past it the container is OOM-killed. */
  memoryLimitMiB?: number;
  log: (text: string) => void;
}

const shellNames = new Set(['sh', 'bash', 'ash', 'echo', 'sleep', 'cat', 'true', 'false', 'touch', 'date', 'env', 'printenv', 'nslookup', 'wget', 'curl', 'test', '[', 'ls', 'mkdir', 'rm', 'printf', 'hostname', 'seq']);
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The process writes bytes; logs hold text. A decoder per stream keeps a character split across two writes whole. */
function utf8Text(output: (text: string) => void): (bytes: Uint8Array) => void {
  const decoder = new TextDecoder();
  return (bytes) => {
    const text = decoder.decode(bytes, { stream: true });
    if (text !== '') output(text);
  };
}

/** Why a run was cut short: a signal, the OOM killer, or a chaos drill's exit code. */
type AbortReason = 'SIGTERM' | 'SIGKILL' | 'OOMKilled' | { crash: number };

export class EmulatedContainer {
  private readonly abort = new AbortController();
  private readonly startedAt = Date.now();
  private exited = false;
  /** Probes a chaos drill makes fail, until a wall-clock time (ms). */
  private readonly sabotaged = new Map<string, number>();
  /** Clients attached to the main process's output. */
  private readonly attached = new Set<{ output: SessionOutput; onExit: () => void }>();
  /** Running exec sessions, so the container's end ends them too. */
  private readonly sessions = new Set<AbortController>();

  constructor(private readonly image: ResolvedImage, private readonly spec: any, private readonly ctx: ContainerContext) {}

  get name(): string {
    return this.spec.name;
  }

  /** True when the container's process is the image's own (not a command through the shell). */
  private get runsDefaultProcess(): boolean {
    const argv = this.argv();
    if (this.image.behaviour.shell) return false;
    if (!this.spec.command?.length && !this.spec.args?.length) return true;
    return !shellNames.has(baseName(argv[0] ?? ''));
  }

  private argv(): string[] {
    return containerArgv(this.image.behaviour, this.spec.command, this.spec.args);
  }

  /** Kubernetes seconds since the process started. */
  private uptimeSeconds(): number {
    return ((Date.now() - this.startedAt) / 1000) * this.ctx.clock.scale;
  }

  /** Runs until the process exits or is killed. */
  async run(): Promise<ContainerExit> {
    const exit = await (this.runsDefaultProcess ? this.defaultProcess() : this.shellProcess());
    this.exited = true;
    for (const session of this.sessions) session.abort('SIGKILL');
    for (const client of this.attached) client.onExit();
    this.attached.clear();
    return exit;
  }

  /** The main process's output: the container log, and every attached client. */
  private output(text: string): void {
    this.ctx.log(text);
    if (this.attached.size === 0) return;
    const bytes = encoder.encode(text);
    for (const client of this.attached) client.output.stdout(bytes);
  }

  private processHost(signal: AbortSignal, output: (text: string) => void): ProcessHost {
    const { clock, network, namespace } = this.ctx;
    return {
      fs: this.ctx.fs, env: this.ctx.env, signal, workingDir: this.spec.workingDir ?? this.image.behaviour.workingDir,
      sleep: (seconds, stop) => clock.sleep(seconds, stop ?? signal).catch(() => undefined),
      now: () => new Date(),
      stdout: utf8Text(output), stderr: utf8Text(output),
      lookup: (name) => network.lookup(name, namespace),
      http: (url) => network.http(url, namespace),
    };
  }

  private async shellProcess(): Promise<ContainerExit> {
    const exitCode = await runProcess(this.argv(), this.processHost(this.abort.signal, (text) => this.output(text)));
    return this.signalled(exitCode);
  }

  private signalled(exitCode: number): ContainerExit {
    const reason = this.abort.signal.reason as AbortReason | undefined;
    if (typeof reason === 'object') return { exitCode: reason.crash };
    if (reason === 'OOMKilled') return { exitCode: 137, reason: 'OOMKilled', signal: 9 };
    if (exitCode === 137) return { exitCode, signal: 9 };
    if (exitCode === 143) return { exitCode, signal: 15 };
    return { exitCode };
  }

  private async defaultProcess(): Promise<ContainerExit> {
    const b = this.image.behaviour;
    const missing = b.requiredEnv.find((r) => !(r.name in this.ctx.env));
    if (missing) {
      missing.logs.forEach((line) => this.output(`${line}\n`));
      return { exitCode: missing.exitCode };
    }
    b.logs.forEach((line) => this.output(`${line}\n`));
    const signal = this.abort.signal;
    const ticker = setInterval(() => this.checkMemory(), this.ctx.clock.realMs(1));
    try {
      await new Promise<void>((resolve) => {
        if (b.exitAfterSeconds !== undefined) this.ctx.clock.sleep(b.exitAfterSeconds, signal).then(resolve, () => undefined);
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
    } finally {
      clearInterval(ticker);
    }
    if (signal.aborted) return this.signalled(signal.reason === 'SIGTERM' ? 0 : 137);
    return { exitCode: b.exitCode };
  }

  private memoryMiB(): number {
    const b = this.image.behaviour;
    return b.memoryMiB + b.memoryGrowthMiBPerSecond * this.uptimeSeconds();
  }

  private checkMemory(): void {
    if (this.ctx.memoryLimitMiB !== undefined && this.memoryMiB() > this.ctx.memoryLimitMiB) this.stopWith('OOMKilled');
  }

  private stopWith(reason: AbortReason): void {
    this.abort.abort(reason);
  }

  /** Chaos: the process dies now with this exit code. */
  crash(exitCode: number): void {
    this.stopWith({ crash: exitCode });
  }

  /** Chaos: the kernel's OOM killer takes the process (exit 137, reason OOMKilled). */
  oomKill(): void {
    this.stopWith('OOMKilled');
  }

  /** Chaos: this probe fails until `untilMs` (wall clock), whatever the process answers. */
  failProbe(probe: string, untilMs: number): void {
    this.sabotaged.set(probe, untilMs);
  }

  /** True while a chaos drill makes this probe fail. */
  probeSabotaged(probe: string): boolean {
    return (this.sabotaged.get(probe) ?? 0) > Date.now();
  }

  /** TERM: the default process stops (exit 0) when the image says it does; a shell as PID 1 ignores it. */
  terminate(): void {
    if (this.runsDefaultProcess && this.image.behaviour.exitsOnSigterm) this.stopWith('SIGTERM');
  }

  kill(): void {
    this.stopWith('SIGKILL');
  }

  /** Memory in use now, for node-level accounting. */
  get memoryInUseMiB(): number {
    return this.exited ? 0 : this.memoryMiB();
  }

  /** An HTTP GET to this container (probes, Services). undefined: nothing listens there (yet). */
  httpGet(port: number, path: string): HttpResponse | undefined {
    if (this.exited || !this.listensOn(port)) return undefined;
    const b = this.image.behaviour;
    if (b.unhealthyAfterSeconds !== undefined && this.uptimeSeconds() >= b.unhealthyAfterSeconds) return { status: 500, body: 'unhealthy\n' };
    const answer = b.http[path] ?? b.http['*'];
    if (!answer) return { status: 404, body: '404 Not Found\n' };
    return { status: answer.status, body: answer.body.replaceAll('{{hostname}}', this.ctx.podName) };
  }

  /** True when the image's server speaks HTTP (it has answers by path). */
  get speaksHttp(): boolean {
    return Object.keys(this.image.behaviour.http).length > 0;
  }

  /** The `Server:` header of its HTTP answers: the program and the image's version. */
  get serverName(): string {
    const repository = this.image.image.split('@')[0].replace(/:[^/:]*$/, '');
    const program = repository.slice(repository.lastIndexOf('/') + 1);
    const tag = /:([^/:@]+)$/.exec(this.image.image.split('@')[0])?.[1] ?? '';
    return /^\d/.test(tag) ? `${program}/${tag.split('-')[0]}` : program;
  }

  /** A whole HTTP answer (status, body, content type) for a request through a TCP connection. */
  httpAnswer(port: number, method: string, path: string): HttpReply | undefined {
    const plain = this.httpGet(port, path);
    if (!plain) return undefined;
    const b = this.image.behaviour;
    const contentType = (b.http[path] ?? b.http['*'])?.contentType ?? 'text/html';
    if (method !== 'GET' && method !== 'HEAD' && plain.status === 200) return { status: 405, body: '', contentType };
    return { ...plain, contentType };
  }

  /**
   * `kubectl exec`: a new process beside the main one, on the same file system and
   * network. It ends when it exits, when killed, or with the container.
   */
  startSession(argv: readonly string[], options: SessionOptions, output: SessionOutput): ExecProcess {
    const controller = new AbortController();
    this.sessions.add(controller);
    let input = '';
    let stdinOpen = options.stdin;
    let release: () => void = () => undefined;
    const stdinDone = new Promise<void>((resolve) => (release = resolve));
    if (!stdinOpen) release();
    const host = this.processHost(controller.signal, (text) => output.stdout(encoder.encode(text)));
    const exit = stdinDone.then(() => runProcess(argv, { ...host, stderr: (text) => output.stderr(encoder.encode(text)) }, {})).finally(() => this.sessions.delete(controller));
    return {
      write: (bytes) => {
        if (stdinOpen) input += decoder.decode(bytes, { stream: true });
      },
      closeStdin: () => {
        stdinOpen = false;
        release();
      },
      resize: () => undefined,
      kill: (signal) => {
        controller.abort(signal);
        release();
      },
      exit: exit.then((code) => (input.length >= 0 ? code : code)),
    };
  }

  /** `kubectl attach`: the main process's output from now on; `onExit` when it ends. Returns the detach. */
  attach(output: SessionOutput, onExit: () => void): () => void {
    const client = { output, onExit };
    if (this.exited) {
      onExit();
      return () => undefined;
    }
    this.attached.add(client);
    return () => this.attached.delete(client);
  }

  /** Bytes an attached client types into the main process's stdin (containers with `stdin: true`). */
  writeStdin(bytes: Uint8Array): void {
    void bytes;
  }

  /** An attached client left: with `stdinOnce` the main process's stdin is closed. */
  attachEnded(): void {
    return;
  }

  /** The terminal size of the main process (containers with `tty: true`). */
  resize(cols: number, rows: number): void {
    void cols;
    void rows;
  }

  /** The number of a named container port (probes may name ports), or 0. */
  namedPort(name: string): number {
    return (this.spec.ports ?? []).find((p: any) => p.name === name)?.containerPort ?? 0;
  }

  /** A TCP connect: true when the process listens on the port. */
  listensOn(port: number): boolean {
    if (this.exited || !this.runsDefaultProcess) return false;
    const b = this.image.behaviour;
    return b.listens.includes(port) && this.uptimeSeconds() >= b.readyAfterSeconds;
  }

  /** An exec (probe or hook) inside the container: runs through the shell on its file system. */
  async exec(argv: string[], timeoutSeconds: number): Promise<{ exitCode: number; output: string }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort('SIGKILL'), this.ctx.clock.realMs(timeoutSeconds));
    let output = '';
    try {
      const exitCode = await runProcess(argv, this.processHost(controller.signal, (t) => (output += t)));
      return { exitCode: controller.signal.aborted ? -1 : exitCode, output: controller.signal.aborted ? `command timed out after ${timeoutSeconds}s` : output };
    } finally {
      clearTimeout(timer);
    }
  }
}
