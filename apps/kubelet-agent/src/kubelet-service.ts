/**
 * A node's systemd as `kubelab ssh` reaches it: the kubelet's unit, which a learner stops, starts and restarts
 * (the node's containers run on while it is stopped, and the node goes NotReady once its lease runs out, as on a
 * kubeadm node), containerd's, which runs, and the journal of both, in systemd's and the kubelet's (klog's) words.
 * A kubelet that starts reads its configuration from the node's disk; one it cannot use makes it exit 1, and systemd
 * starts it again every RestartSec (10 s) until the file is fixed.
 */
import type { JournalEntry, NodeCri, NodeServices, ServiceUnit } from '@kubelab/shell';
import { klogLine } from '@kubelab/images';
import { defaultStaticPodPath, kubeletStart, type KubeletDisk } from './kubelet-config.js';

/** What stopping and starting the kubelet does to the node (its pods' care, its lease, its Ready condition), and what the kubelet reads and waits with. */
export interface KubeletHooks {
  stop(): void;
  start(): Promise<void>;
  /** Reads the node's disk (held for the call). */
  disk<T>(read: (disk: KubeletDisk) => T): Promise<T>;
  /** Resolves after this many seconds of lab time. */
  sleep(seconds: number): Promise<void>;
  /** The node's container runtime, which runs on whatever the kubelet does. */
  readonly cri: NodeCri;
}

const kubeletUnit = 'kubelet.service';
const containerdUnit = 'containerd.service';
const kubeletDescription = 'kubelet: The Kubernetes Node Agent';
const kubeletExecStart = '/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS';
/** The kubelet's command line once systemd has filled in kubeadm's variables (10-kubeadm.conf, kubeadm-flags.env). */
const kubeletCommandLine = '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf '
  + '--config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10';
const kubeletVersion = 'v1.32.0';
/** The journal keeps this many entries (journald rotates; a lab node keeps the newest). */
const journalLimit = 2000;
const containerdPid = 402;
const firstKubeletPid = 812;
/** The kubelet unit's RestartSec. */
const restartSeconds = 10;

export class KubeletService implements NodeServices {
  private readonly entries: JournalEntry[] = [];
  private state: 'running' | 'dead' | 'auto-restart' = 'running';
  private enabled = true;
  private since: Date;
  private pid = firstKubeletPid;
  private lastRun?: { started: Date; code: string; status: string };
  /** systemd's restart counter: the automatic restarts since the unit was last started by hand. */
  private restartCounter = 0;
  /** Goes up with every start and stop, so a restart systemd scheduled before one of them is dropped. */
  private generation = 0;
  private readonly containerdSince: Date;
  /** The job under way, so a second one waits for it as systemd queues jobs. */
  private job: Promise<void> = Promise.resolve();

  /** The folder of static pod manifests the running kubelet watches, as its configuration said when it started; undefined: none. */
  staticPodPath: string | undefined = defaultStaticPodPath;

  constructor(readonly hostname: string, private readonly hooks: KubeletHooks, private readonly now: () => Date = () => new Date()) {
    this.containerdSince = this.now();
    this.log(containerdUnit, 'systemd', 1, 'Started containerd.service - containerd container runtime.');
    this.since = this.now();
    this.log(kubeletUnit, 'systemd', 1, `Started ${kubeletUnit} - ${kubeletDescription}.`);
    this.logRunning();
    this.logRegistered();
  }

  get cri(): NodeCri {
    return this.hooks.cri;
  }

  unit(name: string): ServiceUnit | undefined {
    if (name === kubeletUnit) {
      const { active, sub } = { running: { active: 'active', sub: 'running' }, dead: { active: 'inactive', sub: 'dead' }, 'auto-restart': { active: 'activating', sub: 'auto-restart' } }[this.state] as Pick<ServiceUnit, 'active' | 'sub'>;
      return {
        name, description: kubeletDescription, fragmentPath: '/usr/lib/systemd/system/kubelet.service',
        dropIns: ['/etc/systemd/system/kubelet.service.d/10-kubeadm.conf'], documentation: 'https://kubernetes.io/docs/', enabled: this.enabled,
        active, sub, since: this.since, mainPid: this.pid, commandLine: kubeletCommandLine, execStart: kubeletExecStart,
        ...(this.state === 'auto-restart' ? { result: 'exit-code' as const } : {}),
        ...(this.lastRun && this.state !== 'running' ? { lastRun: this.lastRun } : {}),
      };
    }
    if (name === containerdUnit) {
      return {
        name, description: 'containerd container runtime', fragmentPath: '/usr/lib/systemd/system/containerd.service', dropIns: [],
        documentation: 'https://containerd.io', enabled: true, active: 'active', sub: 'running', since: this.containerdSince, mainPid: containerdPid,
        commandLine: '/usr/bin/containerd', execStart: '/usr/bin/containerd',
      };
    }
    return undefined;
  }

  act(name: string, job: 'start' | 'stop' | 'restart'): Promise<void> {
    if (name !== kubeletUnit) return Promise.reject(new Error('kubelab does not stop or restart the container runtime; only the kubelet\'s unit acts (issue 32)'));
    return this.queue(async () => {
      if (job !== 'start') this.stop();
      if (job !== 'stop' && this.state !== 'running') {
        this.restartCounter = 0;
        await this.start();
      }
    });
  }

  enable(name: string, enabled: boolean): void {
    if (name === kubeletUnit) this.enabled = enabled;
  }

  journal(unit?: string): readonly JournalEntry[] {
    return unit === undefined ? this.entries : this.entries.filter((e) => e.unit === unit);
  }

  private queue(job: () => Promise<void>): Promise<void> {
    this.job = this.job.then(job);
    return this.job;
  }

  private stop(): void {
    if (this.state === 'dead') return;
    this.generation++;
    if (this.state === 'running') {
      this.log(kubeletUnit, 'systemd', 1, `Stopping ${kubeletUnit} - ${kubeletDescription}...`);
      this.hooks.stop();
      this.lastRun = { started: this.since, code: 'exited', status: '0/SUCCESS' };
      this.log(kubeletUnit, 'systemd', 1, `${kubeletUnit}: Deactivated successfully.`);
    }
    this.state = 'dead';
    this.since = this.now();
    this.log(kubeletUnit, 'systemd', 1, `Stopped ${kubeletUnit} - ${kubeletDescription}.`);
  }

  /** A new kubelet process: it reads its configuration and runs, or exits 1 and is started again after RestartSec. */
  private async start(): Promise<void> {
    const generation = ++this.generation;
    this.pid += 37;
    const started = this.now();
    this.log(kubeletUnit, 'systemd', 1, `Started ${kubeletUnit} - ${kubeletDescription}.`);
    const outcome = await this.hooks.disk((disk) => kubeletStart(disk));
    if (!outcome.ok) {
      this.log(kubeletUnit, 'kubelet', this.pid, klogLine('E', this.now(), this.pid, 'run.go:72', `"command failed" err=${JSON.stringify(outcome.error)}`));
      this.log(kubeletUnit, 'systemd', 1, `${kubeletUnit}: Main process exited, code=exited, status=1/FAILURE`);
      this.log(kubeletUnit, 'systemd', 1, `${kubeletUnit}: Failed with result 'exit-code'.`);
      this.state = 'auto-restart';
      this.lastRun = { started, code: 'exited', status: '1/FAILURE' };
      this.since = this.now();
      void this.hooks.sleep(restartSeconds).then(() => this.queue(async () => {
        if (generation !== this.generation) return;
        this.restartCounter++;
        this.log(kubeletUnit, 'systemd', 1, `${kubeletUnit}: Scheduled restart job, restart counter is at ${this.restartCounter}.`);
        await this.start();
      }));
      return;
    }
    this.state = 'running';
    this.since = started;
    this.staticPodPath = outcome.staticPodPath;
    this.logRunning();
    for (const note of outcome.notes) this.log(kubeletUnit, 'kubelet', this.pid, klogLine('E', this.now(), this.pid, note.source, note.message));
    await this.hooks.start();
    this.logRegistered();
  }

  private logRegistered(): void {
    this.log(kubeletUnit, 'kubelet', this.pid, klogLine('I', this.now(), this.pid, 'kubelet_node_status.go:79', `"Successfully registered node" node="${this.hostname}"`));
  }

  private logRunning(): void {
    this.log(kubeletUnit, 'kubelet', this.pid, klogLine('I', this.now(), this.pid, 'server.go:484', `"Kubelet version" kubeletVersion="${kubeletVersion}"`));
    this.log(kubeletUnit, 'kubelet', this.pid, klogLine('I', this.now(), this.pid, 'kubelet_node_status.go:76', `"Attempting to register node" node="${this.hostname}"`));
  }

  /** A line of the running kubelet's own log (klog), as its journal shows it. */
  say(severity: 'I' | 'W' | 'E', source: string, message: string): void {
    if (this.state === 'running') this.log(kubeletUnit, 'kubelet', this.pid, klogLine(severity, this.now(), this.pid, source, message));
  }

  private log(unit: string, identifier: string, pid: number, message: string): void {
    this.entries.push({ time: this.now(), unit, identifier, pid, message });
    if (this.entries.length > journalLimit) this.entries.splice(0, this.entries.length - journalLimit);
  }
}
