/**
 * One running container, emulated: the image's default process or one of its servers
 * (a process that logs, listens, answers HTTP, maybe exits or grows its memory), the
 * container's command through the busybox-style shell, or a start that fails because
 * the image lacks the program. Nothing runs on the host.
 */
import type { ContainerProcess, ImageBehaviour, ResolvedImage } from '@kubelab/images';
import { decideContainerProcess, decideExec, missingRequiredEnv } from '@kubelab/images';
import { MemoryFs, runProcess, shellRuns, type HttpResponse, type ProcessHost } from '@kubelab/shell';
import type { LabClock } from './lab-clock.js';

/** How a run ended. */
export interface ContainerExit {
  exitCode: number;
  reason?: 'OOMKilled' | 'StartError';
  /** What the runtime says about the exit (a StartError's cause). */
  message?: string;
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


/** Why a run was cut short: a signal, the OOM killer, or a chaos drill's exit code. */
type AbortReason = 'SIGTERM' | 'SIGKILL' | 'OOMKilled' | { crash: number };

export class EmulatedContainer {
  private readonly abort = new AbortController();
  private readonly startedAt = Date.now();
  private exited = false;
  /** Probes a chaos drill makes fail, until a wall-clock time (ms). */
  private readonly sabotaged = new Map<string, number>();

  /** What the container's first process is, decided once from the image and the spec. */
  private readonly process: ContainerProcess;

  constructor(private readonly image: ResolvedImage, private readonly spec: any, private readonly ctx: ContainerContext) {
    this.process = decideContainerProcess(image.behaviour, spec.command, spec.args, shellRuns, { stdin: spec.stdin === true });
  }

  get name(): string {
    return this.spec.name;
  }

  /** Why the process cannot start (the image lacks its program), as runc says it; undefined when it can. */
  get startFailure(): string | undefined {
    return this.process.kind === 'missing' ? this.process.message : undefined;
  }

  /** The behaviour acted out when the process is the image's own (or a silent program of it); undefined for the shell. */
  private get acted(): ImageBehaviour | undefined {
    return this.process.kind === 'image' || this.process.kind === 'opaque' ? this.process.behaviour : undefined;
  }

  /** Kubernetes seconds since the process started. */
  private uptimeSeconds(): number {
    return ((Date.now() - this.startedAt) / 1000) * this.ctx.clock.scale;
  }

  /** Runs until the process exits or is killed. */
  async run(): Promise<ContainerExit> {
    const exit = await this.runProcess();
    this.exited = true;
    return exit;
  }

  private runProcess(): Promise<ContainerExit> {
    const { process } = this;
    switch (process.kind) {
      case 'image':
      case 'opaque':
        return this.actOut(process.behaviour);
      case 'shell':
        return this.shellProcess(process.argv);
      case 'missing':
        return Promise.resolve({ exitCode: process.exitCode, reason: 'StartError', message: process.message });
      default: {
        const unknown: never = process;
        throw new Error(`unknown process kind ${JSON.stringify(unknown)}`);
      }
    }
  }

  private processHost(signal: AbortSignal, output: (text: string) => void): ProcessHost {
    const { clock, network, namespace } = this.ctx;
    return {
      fs: this.ctx.fs, env: this.ctx.env, signal, workingDir: this.spec.workingDir ?? this.image.behaviour.workingDir,
      sleep: (seconds) => clock.sleep(seconds, signal).catch(() => undefined),
      now: () => new Date(),
      stdout: output, stderr: output,
      lookup: (name) => network.lookup(name, namespace),
      http: (url) => network.http(url, namespace),
    };
  }

  private async shellProcess(argv: readonly string[]): Promise<ContainerExit> {
    const exitCode = await runProcess(argv, this.processHost(this.abort.signal, this.ctx.log));
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

  private async actOut(b: ImageBehaviour): Promise<ContainerExit> {
    const missing = missingRequiredEnv(b, this.ctx.env);
    if (missing) {
      missing.logs.forEach((line) => this.ctx.log(`${line}\n`));
      return { exitCode: missing.exitCode };
    }
    b.logs.forEach((line) => this.ctx.log(`${line}\n`));
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
    const b = this.acted ?? this.image.behaviour;
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
    if (this.acted?.exitsOnSigterm) this.stopWith('SIGTERM');
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
    const b = this.acted;
    if (!b || !this.listensOn(port)) return undefined;
    if (b.unhealthyAfterSeconds !== undefined && this.uptimeSeconds() >= b.unhealthyAfterSeconds) return { status: 500, body: 'unhealthy\n' };
    const answer = b.http[path] ?? b.http['*'];
    if (!answer) return { status: 404, body: '404 Not Found\n' };
    return { status: answer.status, body: answer.body.replaceAll('{{hostname}}', this.ctx.podName) };
  }

  /** The number of a named container port (probes may name ports), or 0. */
  namedPort(name: string): number {
    return (this.spec.ports ?? []).find((p: any) => p.name === name)?.containerPort ?? 0;
  }

  /** A TCP connect: true when the process listens on the port. */
  listensOn(port: number): boolean {
    const b = this.acted;
    if (this.exited || !b) return false;
    return b.listens.includes(port) && this.uptimeSeconds() >= b.readyAfterSeconds;
  }

  /**
   * An exec (probe or hook) inside the container: through the shell on its file system. A
   * program the image lacks fails as runc fails it; one the image has but the shell does not
   * act out (`mysqladmin ping`, `nodetool drain`) succeeds.
   */
  async exec(argv: string[], timeoutSeconds: number): Promise<{ exitCode: number; output: string }> {
    const plan = decideExec(this.image.behaviour, argv, shellRuns);
    if (plan.kind === 'missing') return { exitCode: plan.exitCode, output: plan.message };
    if (plan.kind === 'opaque') return { exitCode: 0, output: '' };
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
