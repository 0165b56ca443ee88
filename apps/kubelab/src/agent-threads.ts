/**
 * The supervisor's side of the agents' host (libs/bus hosted-thread.ts): one process, spawned when a node's agent is first
 * started and again after it died, whose threads are the nodes' agents. A thread shows the supervisor what a child process
 * does (a pid, an exit with its code or signal), so each node's agent is watched, drilled and restarted as before; its pid
 * is the host's.
 */
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { AgentHostReport, AgentHostRequest, ListeningMessage, ThreadSignal } from '@kubelab/bus';
import { signalGroup } from './process-group.js';

/** A process of the lab, or a thread of the agents' host, as the supervisor watches it. */
export interface LabChild {
  readonly pid?: number;
  readonly exitCode: number | null;
  readonly signalCode: NodeJS.Signals | null;
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  on(event: 'message', listener: (message: Partial<ListeningMessage>) => void): unknown;
}

export const hasExited = (child: LabChild) => child.exitCode !== null || child.signalCode !== null;

/** A node's agent: a thread of the host, signalled through it. */
export class AgentThread extends EventEmitter implements LabChild {
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  /** The host's id of the thread, once it said it started. */
  threadId?: number;

  constructor(readonly pid: number, readonly node: string, private readonly send: (request: AgentHostRequest) => void) {
    super();
  }

  signal(signal: ThreadSignal): void {
    if (!hasExited(this)) this.send({ signal: { node: this.node, signal } });
  }

  /** Ends it as its process would have ended. */
  ended(code: number | null, signal: NodeJS.Signals | null): void {
    if (hasExited(this)) return;
    [this.exitCode, this.signalCode] = signal ? [null, signal] : [code ?? 1, null];
    this.emit('exit', this.exitCode, this.signalCode);
  }
}

/** `pid 4242`, or `thread 3 of pid 4242` for a node's agent in the host. */
export const describeChild = (child: LabChild) => (child instanceof AgentThread ? `thread ${child.threadId ?? '?'} of pid ${child.pid}` : `pid ${child.pid}`);

/** Sends a signal to a lab process's group, or to a node agent's thread. */
export function signalChild(child: LabChild, signal: ThreadSignal): void {
  if (child instanceof AgentThread) child.signal(signal);
  else signalGroup(child.pid!, signal);
}

/** The host process and its threads, by node. */
export class AgentHost {
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private readonly threads = new Map<string, AgentThread>();

  /** `spawnHost` starts the host process with an IPC channel, logging where the supervisor wants. */
  constructor(private readonly spawnHost: () => ChildProcess) {}

  /** The host process while it runs. */
  get process(): ChildProcess | undefined {
    return this.child && !hasExited(this.child) ? this.child : undefined;
  }

  /** Starts `node`'s agent as a thread: `entry` with `argv`, logging to `log`; the host is started first when none runs. */
  async start(node: string, entry: string, argv: string[], log: string): Promise<AgentThread> {
    const child = this.process ?? this.spawn();
    await this.ready;
    if (hasExited(child)) throw new Error(`the agents' host (pid ${child.pid}) exited before it could start ${node}'s agent`);
    const thread = new AgentThread(child.pid!, node, (request) => child.connected && child.send(request));
    this.threads.set(node, thread);
    child.send({ start: { node, entry, argv, log } } satisfies AgentHostRequest);
    return thread;
  }

  private spawn(): ChildProcess {
    const child = this.spawnHost();
    this.child = child;
    this.ready = new Promise((resolve, reject) => {
      child.on('message', (report: AgentHostReport) => {
        if ('ready' in report) resolve();
        else if ('started' in report) this.onHost(child, report.started.node, (t) => (t.threadId = report.started.threadId));
        else this.onHost(child, report.exited.node, (t) => t.ended(report.exited.code, report.exited.signal));
      });
      child.once('exit', (code, signal) => {
        reject(new Error(`the agents' host exited ${signal ? `on ${signal}` : `with code ${code}`}`));
        // Its threads went with it, as a machine's processes go with it.
        for (const [node, thread] of this.threads) if (thread.pid === child.pid) this.onHost(child, node, (t) => t.ended(code, signal));
      });
    });
    this.ready.catch(() => undefined);
    return child;
  }

  private onHost(child: ChildProcess, node: string, act: (thread: AgentThread) => void): void {
    const thread = this.threads.get(node);
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
