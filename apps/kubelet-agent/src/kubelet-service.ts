/**
 * A node's systemd as `kubelab ssh` reaches it: the kubelet's unit, which a learner stops, starts and restarts
 * (the node's containers run on while it is stopped, and the node goes NotReady once its lease runs out, as on a
 * kubeadm node), containerd's, which runs, and the journal of both, in systemd's and the kubelet's (klog's) words.
 */
import type { JournalEntry, NodeServices, ServiceUnit } from '@kubelab/shell';

/** What stopping and starting the kubelet does to the node: its pods' care, its lease, its Ready condition. */
export interface KubeletHooks {
  stop(): void;
  start(): Promise<void>;
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

const two = (n: number, width = 2) => String(n).padStart(width, '0');

/** klog's header and message: `I1125 02:00:00.123456     812 server.go:484] "Kubelet version" kubeletVersion="v1.32.0"`. */
export function klogLine(severity: 'I' | 'W' | 'E', at: Date, pid: number, source: string, message: string): string {
  const time = `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}.${two(at.getUTCMilliseconds(), 3)}000`;
  return `${severity}${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())} ${time} ${String(pid).padStart(7)} ${source}] ${message}`;
}

export class KubeletService implements NodeServices {
  private readonly entries: JournalEntry[] = [];
  private active = true;
  private enabled = true;
  private since: Date;
  private pid = firstKubeletPid;
  private lastRun?: { started: Date; code: string; status: string };
  private readonly containerdSince: Date;
  /** The job under way, so a second one waits for it as systemd queues jobs. */
  private job: Promise<void> = Promise.resolve();

  constructor(readonly hostname: string, private readonly hooks: KubeletHooks, private readonly now: () => Date = () => new Date()) {
    this.containerdSince = this.now();
    this.log(containerdUnit, 'systemd', 1, 'Started containerd.service - containerd container runtime.');
    this.since = this.now();
    this.logStarted();
    this.logRegistered();
  }

  get kubeletActive(): boolean {
    return this.active;
  }

  unit(name: string): ServiceUnit | undefined {
    if (name === kubeletUnit) {
      return {
        name, description: kubeletDescription, fragmentPath: '/usr/lib/systemd/system/kubelet.service',
        dropIns: ['/etc/systemd/system/kubelet.service.d/10-kubeadm.conf'], documentation: 'https://kubernetes.io/docs/', enabled: this.enabled,
        active: this.active ? 'active' : 'inactive', sub: this.active ? 'running' : 'dead', since: this.since, mainPid: this.pid,
        commandLine: kubeletCommandLine, execStart: kubeletExecStart, ...(this.lastRun && !this.active ? { lastRun: this.lastRun } : {}),
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
    this.job = this.job.then(async () => {
      if (job !== 'start') this.stop();
      if (job !== 'stop') await this.start();
    });
    return this.job;
  }

  enable(name: string, enabled: boolean): void {
    if (name === kubeletUnit) this.enabled = enabled;
  }

  journal(unit?: string): readonly JournalEntry[] {
    return unit === undefined ? this.entries : this.entries.filter((e) => e.unit === unit);
  }

  private stop(): void {
    if (!this.active) return;
    this.log(kubeletUnit, 'systemd', 1, `Stopping ${kubeletUnit} - ${kubeletDescription}...`);
    this.hooks.stop();
    this.active = false;
    this.lastRun = { started: this.since, code: 'exited', status: '0/SUCCESS' };
    this.since = this.now();
    this.log(kubeletUnit, 'systemd', 1, `${kubeletUnit}: Deactivated successfully.`);
    this.log(kubeletUnit, 'systemd', 1, `Stopped ${kubeletUnit} - ${kubeletDescription}.`);
  }

  private async start(): Promise<void> {
    if (this.active) return;
    this.pid += 37;
    this.active = true;
    this.since = this.now();
    this.logStarted();
    await this.hooks.start();
    this.logRegistered();
  }

  private logRegistered(): void {
    this.log(kubeletUnit, 'kubelet', this.pid, klogLine('I', this.now(), this.pid, 'kubelet_node_status.go:79', `"Successfully registered node" node="${this.hostname}"`));
  }

  private logStarted(): void {
    this.log(kubeletUnit, 'systemd', 1, `Started ${kubeletUnit} - ${kubeletDescription}.`);
    this.log(kubeletUnit, 'kubelet', this.pid, klogLine('I', this.now(), this.pid, 'server.go:484', `"Kubelet version" kubeletVersion="${kubeletVersion}"`));
    this.log(kubeletUnit, 'kubelet', this.pid, klogLine('I', this.now(), this.pid, 'kubelet_node_status.go:76', `"Attempting to register node" node="${this.hostname}"`));
  }

  private log(unit: string, identifier: string, pid: number, message: string): void {
    this.entries.push({ time: this.now(), unit, identifier, pid, message });
    if (this.entries.length > journalLimit) this.entries.splice(0, this.entries.length - journalLimit);
  }
}
