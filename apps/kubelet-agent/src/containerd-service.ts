/**
 * containerd's unit on a node. It runs; if root kills its main process (`kill PID` on the node), systemd starts it again
 * after RestartSec (5 s: Restart=always in containerd's packaged unit), and the node's containers run on meanwhile, their
 * shims outliving it (KillMode=process). While it is down nothing answers on its socket.
 */
import type { ServiceUnit } from '@kubelab/shell';
import { goDaemonEnd, mainProcessEndLines, type MainProcessEnd } from './main-process-end.js';

const unitName = 'containerd.service';
const description = 'containerd container runtime';
const firstPid = 402;
/** containerd's unit's RestartSec. */
const restartSeconds = 5;

/** What the unit journals with, and waits with. */
export interface ContainerdHooks {
  /** Appends systemd's line about the unit to the journal. */
  journal(message: string): void;
  /** Resolves after this many seconds of lab time. */
  sleep(seconds: number): Promise<void>;
  now(): Date;
}

export class ContainerdService {
  private state: 'running' | 'auto-restart' = 'running';
  private pid = firstPid;
  private since: Date;
  private lastRun?: { started: Date; code: string; status: string };
  private result?: MainProcessEnd['result'];
  /** systemd's restart counter: the automatic restarts since the node came up. */
  private restartCounter = 0;

  constructor(private readonly hooks: ContainerdHooks) {
    this.since = hooks.now();
    hooks.journal(`Started ${unitName} - ${description}.`);
  }

  unit(): ServiceUnit {
    const running = this.state === 'running';
    return {
      name: unitName, description, fragmentPath: '/usr/lib/systemd/system/containerd.service', dropIns: [], documentation: 'https://containerd.io', enabled: true,
      active: running ? 'active' : 'activating', sub: running ? 'running' : 'auto-restart', since: this.since, mainPid: this.pid,
      commandLine: '/usr/bin/containerd', execStart: '/usr/bin/containerd',
      ...(!running && this.result ? { result: this.result } : {}),
      ...(!running && this.lastRun ? { lastRun: this.lastRun } : {}),
    };
  }

  /** A signal to containerd's main process by its PID (goDaemonEnd says what it does); false when `pid` is not that running process. */
  signal(pid: number, signal: string): boolean {
    if (this.state !== 'running' || pid !== this.pid) return false;
    const end = goDaemonEnd(signal);
    if (!end) return true;
    for (const line of mainProcessEndLines(unitName, end)) this.hooks.journal(line);
    this.state = 'auto-restart';
    this.lastRun = { started: this.since, code: end.code, status: end.status };
    this.result = end.result;
    this.since = this.hooks.now();
    void this.hooks.sleep(restartSeconds).then(() => this.restart());
    return true;
  }

  /** systemd's restart job: a new containerd, a new PID. */
  private restart(): void {
    this.restartCounter++;
    this.hooks.journal(`${unitName}: Scheduled restart job, restart counter is at ${this.restartCounter}.`);
    this.hooks.journal(`Stopped ${unitName} - ${description}.`);
    this.hooks.journal(`Starting ${unitName} - ${description}...`);
    this.pid += 53;
    this.state = 'running';
    this.since = this.hooks.now();
    this.hooks.journal(`Started ${unitName} - ${description}.`);
  }
}
