/**
 * The supervisor's side of the thread host (libs/bus hosted-thread.ts): one process, spawned when a component that runs as a
 * thread is first started and again after it died, whose threads are the nodes' agents, the scheduler, the
 * controller-manager and the dashboard. A thread shows the supervisor what a child process does (a pid, the port it
 * listens on, an exit with its code or signal), so each is watched, drilled and restarted as before; its pid is the host's.
 */
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { ListeningMessage, ThreadHostReport, ThreadHostRequest, ThreadSignal } from '@kubelab/bus';
import { signalGroup } from './process-group.js';

/** A process of the lab, or a thread of the thread host, as the supervisor watches it. */
export interface LabChild {
  readonly pid?: number;
  readonly exitCode: number | null;
  readonly signalCode: NodeJS.Signals | null;
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  on(event: 'message', listener: (message: Partial<ListeningMessage>) => void): unknown;
}

export const hasExited = (child: LabChild) => child.exitCode !== null || child.signalCode !== null;

/** A component run as a thread of the host, signalled through it. */
export class LabThread extends EventEmitter implements LabChild {
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  /** The host's id of the thread, once it said it started. */
  threadId?: number;

  constructor(readonly pid: number, readonly name: string, private readonly send: (request: ThreadHostRequest) => void) {
    super();
  }

  signal(signal: ThreadSignal): void {
    if (!hasExited(this)) this.send({ signal: { name: this.name, signal } });
  }

  /** Ends it as its process would have ended. */
  ended(code: number | null, signal: NodeJS.Signals | null): void {
    if (hasExited(this)) return;
    [this.exitCode, this.signalCode] = signal ? [null, signal] : [code ?? 1, null];
    this.emit('exit', this.exitCode, this.signalCode);
  }
}

/** `pid 4242`, or `thread 3 of pid 4242` for a component in the thread host. */
export const describeChild = (child: LabChild) => (child instanceof LabThread ? `thread ${child.threadId ?? '?'} of pid ${child.pid}` : `pid ${child.pid}`);

/** Sends a signal to a lab process's group, or to a component's thread. */
export function signalChild(child: LabChild, signal: ThreadSignal): void {
  if (child instanceof LabThread) child.signal(signal);
  else signalGroup(child.pid!, signal);
}

/** The host process and its threads, by component. */
export class ThreadHost {
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private readonly threads = new Map<string, LabThread>();

  /** `spawnHost` starts the host process with an IPC channel, logging where the supervisor wants. */
  constructor(private readonly spawnHost: () => ChildProcess) {}

  /** The host process while it runs. */
  get process(): ChildProcess | undefined {
    return this.child && !hasExited(this.child) ? this.child : undefined;
  }

  /** Starts the component `name` as a thread: `entry` with `argv`, logging to `log`; the host is started first when none runs. */
  async start(name: string, entry: string, argv: string[], log: string): Promise<LabThread> {
    const child = this.process ?? this.spawn();
    await this.ready;
    if (hasExited(child)) throw new Error(`the thread host (pid ${child.pid}) exited before it could start ${name}`);
    const thread = new LabThread(child.pid!, name, (request) => child.connected && child.send(request));
    this.threads.set(name, thread);
    child.send({ start: { name, entry, argv, log } } satisfies ThreadHostRequest);
    return thread;
  }

  private spawn(): ChildProcess {
    const child = this.spawnHost();
    this.child = child;
    this.ready = new Promise((resolve, reject) => {
      child.on('message', (report: ThreadHostReport) => {
        if ('ready' in report) resolve();
        else if ('started' in report) this.onHost(child, report.started.name, (t) => (t.threadId = report.started.threadId));
        else if ('listening' in report) this.onHost(child, report.listening.name, (t) => t.emit('message', { listening: report.listening.port } satisfies ListeningMessage));
        else this.onHost(child, report.exited.name, (t) => t.ended(report.exited.code, report.exited.signal));
      });
      child.once('exit', (code, signal) => {
        reject(new Error(`the thread host exited ${signal ? `on ${signal}` : `with code ${code}`}`));
        // Its threads went with it, as a machine's processes go with it.
        for (const [name, thread] of this.threads) if (thread.pid === child.pid) this.onHost(child, name, (t) => t.ended(code, signal));
      });
    });
    this.ready.catch(() => undefined);
    return child;
  }

  private onHost(child: ChildProcess, name: string, act: (thread: LabThread) => void): void {
    const thread = this.threads.get(name);
    if (thread && thread.pid === child.pid) act(thread);
  }

  /** Stops the host (its threads first, in order); resolves once it is gone, killed after `graceMs`. */
  async stop(graceMs = 8000): Promise<void> {
    const child = this.process;
    if (!child) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const force = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), graceMs);
    signalGroup(child.pid!, 'SIGTERM');
    await gone.finally(() => clearTimeout(force));
  }
}
