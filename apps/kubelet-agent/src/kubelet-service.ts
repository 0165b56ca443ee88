/**
 * A node's systemd as `kubelab ssh` reaches it: the kubelet's unit, which a learner stops, starts and restarts
 * (the node's containers run on while it is stopped, and the node goes NotReady once its lease runs out, as on a
 * kubeadm node), containerd's, which runs, and the journal of both, in systemd's and the kubelet's (klog's) words.
 * A kubelet that starts reads its configuration from the node's disk; one it cannot use makes it exit 1, and systemd
 * starts it again every RestartSec (10 s) until the file is fixed. A kubelet or containerd that root kills (`kill PID`)
 * is started again after its RestartSec too (Restart=always), systemd journaling how it ended.
 */
import type { JournalEntry, NodeCri, NodeEtcd, NodeKubeadm, NodeNetwork, NodeServices, ServiceUnit } from '@kubelab/shell';
import { klogLine, kubeadmRelease } from '@kubelab/images';
import { ContainerdService } from './containerd-service.js';
import { defaultStaticPodPath, kubeletPackageVersion, kubeletStart, type KubeletDisk, type KubeletDns } from './kubelet-config.js';
import { goDaemonEnd, mainProcessEndLines, type MainProcessEnd } from './main-process-end.js';

/** What stopping and starting the kubelet does to the node (its pods' care, its lease, its Ready condition), and what the kubelet reads and waits with. */
export interface KubeletHooks {
  /** `cause`: the log entry of the session whose systemctl stopped or started it; none when systemd restarts it on its own. */
  stop(cause?: number): void;
  start(cause?: number): Promise<void>;
  /** Reads the node's disk (held for the call). */
  disk<T>(read: (disk: KubeletDisk) => T): Promise<T>;
  /** Resolves after this many seconds of lab time. */
  sleep(seconds: number): Promise<void>;
  /** The node's container runtime, which runs on whatever the kubelet does. */
  readonly cri: NodeCri;
  /** The node's network, which `ip`, `ss` and `netstat` on it read. */
  readonly network?: NodeNetwork;
  /** etcd, on the node that runs its static pod. */
  readonly etcd?: NodeEtcd;
  /** The cluster as kubeadm on the node reaches it. */
  readonly kubeadm?: NodeKubeadm;
}

const kubeletUnit = 'kubelet.service';
const containerdUnit = 'containerd.service';
const kubeletDescription = 'kubelet: The Kubernetes Node Agent';
const kubeletExecStart = '/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS';
/** The kubelet's command line once systemd has filled in kubeadm's variables (10-kubeadm.conf, kubeadm-flags.env). */
const kubeletCommandLine = '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf '
  + '--config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10';
/** The journal keeps this many entries (journald rotates; a lab node keeps the newest). */
const journalLimit = 2000;
const firstKubeletPid = 812;
/** How often a kubelet that cannot reach the API tries its lease again (the node lease controller's retry). */
const leaseRetrySeconds = 7;
/** The kubelet unit's RestartSec. */
const restartSeconds = 10;

export class KubeletService implements NodeServices {
  private readonly entries: JournalEntry[] = [];
  private state: 'running' | 'dead' | 'auto-restart' = 'running';
  private enabled = true;
  private since: Date;
  private pid = firstKubeletPid;
  private lastRun?: { started: Date; code: string; status: string };
  /** Why the last run failed, while systemd waits to start it again; none after a clean end. */
  private result?: MainProcessEnd['result'];
  /** systemd's restart counter: the automatic restarts since the unit was last started by hand. */
  private restartCounter = 0;
  /** Goes up with every start and stop, so a restart systemd scheduled before one of them is dropped. */
  private generation = 0;
  private readonly containerd: ContainerdService;
  /** The job under way, so a second one waits for it as systemd queues jobs. */
  private job: Promise<void> = Promise.resolve();

  /** The folder of static pod manifests the running kubelet watches, as its configuration said when it started; undefined: none. */
  staticPodPath: string | undefined = defaultStaticPodPath;
  /** Its pods' DNS server and domain as its configuration said when it started; none before a start read it (the node's flags hold). */
  dns: KubeletDns = {};
  /** The cgroup driver its configuration named when it started (what it asks containerd for); none before a start read it. */
  cgroupDriver: string | undefined;
  /** The release the running kubelet is: the kubelet package's when it started (vX.Y.Z). */
  version = kubeadmRelease;

  constructor(readonly hostname: string, private readonly hooks: KubeletHooks, private readonly now: () => Date = () => new Date()) {
    this.containerd = new ContainerdService({ journal: (message) => this.log(containerdUnit, 'systemd', 1, message), sleep: (seconds) => this.hooks.sleep(seconds), now: () => this.now() });
    this.since = this.now();
    this.log(kubeletUnit, 'systemd', 1, `Started ${kubeletUnit} - ${kubeletDescription}.`);
    this.logRunning();
    this.logRegistered();
  }

  get cri(): NodeCri {
    return this.hooks.cri;
  }

  get network(): NodeNetwork | undefined {
    return this.hooks.network;
  }

  get etcd(): NodeEtcd | undefined {
    return this.hooks.etcd;
  }

  get kubeadm(): NodeKubeadm | undefined {
    return this.hooks.kubeadm;
  }

  /**
   * A machine kubeadm has not joined: its kubelet, enabled by its package, exits for want of the configuration `kubeadm
   * join` writes, and systemd starts it again every RestartSec until it finds it.
   */
  awaitJoin(): void {
    this.entries.length = 0;
    this.state = 'dead';
    void this.queue(() => this.start());
  }

  /** The release of the kubelet the node booted with, read off the node's disk (its package), as its first start would have. */
  async readVersion(): Promise<string> {
    this.version = await this.hooks.disk(kubeletPackageVersion);
    return this.version;
  }

  unit(name: string): ServiceUnit | undefined {
    if (name === kubeletUnit) {
      const { active, sub } = { running: { active: 'active', sub: 'running' }, dead: { active: 'inactive', sub: 'dead' }, 'auto-restart': { active: 'activating', sub: 'auto-restart' } }[this.state] as Pick<ServiceUnit, 'active' | 'sub'>;
      return {
        name, description: kubeletDescription, fragmentPath: '/usr/lib/systemd/system/kubelet.service',
        dropIns: ['/etc/systemd/system/kubelet.service.d/10-kubeadm.conf'], documentation: 'https://kubernetes.io/docs/', enabled: this.enabled,
        active, sub, since: this.since, mainPid: this.pid, commandLine: kubeletCommandLine, execStart: kubeletExecStart,
        ...(this.state === 'auto-restart' && this.result ? { result: this.result } : {}),
        ...(this.lastRun && this.state !== 'running' ? { lastRun: this.lastRun } : {}),
      };
    }
    if (name === containerdUnit) return this.containerd.unit();
    return undefined;
  }

  act(name: string, job: 'start' | 'stop' | 'restart', cause?: number): Promise<void> {
    if (name !== kubeletUnit) return Promise.reject(new Error('kubelab does not stop or restart the container runtime; only the kubelet\'s unit acts (issue 32)'));
    return this.queue(async () => {
      if (job !== 'start') this.stop(cause);
      if (job !== 'stop' && this.state !== 'running') {
        this.restartCounter = 0;
        await this.start(cause);
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

  private stop(cause?: number): void {
    if (this.state === 'dead') return;
    this.generation++;
    if (this.state === 'running') {
      this.log(kubeletUnit, 'systemd', 1, `Stopping ${kubeletUnit} - ${kubeletDescription}...`);
      this.hooks.stop(cause);
      this.lastRun = { started: this.since, code: 'exited', status: '0/SUCCESS' };
      this.log(kubeletUnit, 'systemd', 1, `${kubeletUnit}: Deactivated successfully.`);
    }
    this.state = 'dead';
    this.since = this.now();
    this.log(kubeletUnit, 'systemd', 1, `Stopped ${kubeletUnit} - ${kubeletDescription}.`);
  }

  /** A new kubelet process: it reads its configuration and runs, or exits 1 and is started again after RestartSec. */
  private async start(cause?: number): Promise<void> {
    const generation = ++this.generation;
    this.pid += 37;
    const started = this.now();
    this.log(kubeletUnit, 'systemd', 1, `Started ${kubeletUnit} - ${kubeletDescription}.`);
    const outcome = await this.hooks.disk((disk) => kubeletStart(disk));
    this.version = await this.hooks.disk(kubeletPackageVersion);
    if (!outcome.ok) {
      this.log(kubeletUnit, 'kubelet', this.pid, klogLine('E', this.now(), this.pid, 'run.go:72', `"command failed" err=${JSON.stringify(outcome.error)}`));
      this.log(kubeletUnit, 'systemd', 1, `${kubeletUnit}: Main process exited, code=exited, status=1/FAILURE`);
      this.log(kubeletUnit, 'systemd', 1, `${kubeletUnit}: Failed with result 'exit-code'.`);
      this.state = 'auto-restart';
      this.lastRun = { started, code: 'exited', status: '1/FAILURE' };
      this.result = 'exit-code';
      this.since = this.now();
      this.restartAfter(generation);
      return;
    }
    this.state = 'running';
    this.since = started;
    this.staticPodPath = outcome.staticPodPath;
    this.dns = outcome.dns;
    this.cgroupDriver = outcome.cgroupDriver;
    this.logRunning();
    for (const note of outcome.notes) this.log(kubeletUnit, 'kubelet', this.pid, klogLine('E', this.now(), this.pid, note.source, note.message));
    if (outcome.unreachable) return this.cutOff(generation, outcome.unreachable);
    await this.hooks.start(cause);
    this.logRegistered();
  }

  /**
   * A kubelet whose kubeconfig names a server the API is not at: it runs, but cannot register or renew its lease, so the
   * node goes NotReady; it says so in its journal every retry (7 s), until it is restarted with a kubeconfig that works.
   */
  private cutOff(generation: number, unreachable: { server: string; error: string }): void {
    const say = () => {
      if (generation !== this.generation) return;
      const node = this.hostname;
      this.log(kubeletUnit, 'kubelet', this.pid, klogLine('E', this.now(), this.pid, 'kubelet_node_status.go:95',
        `"Unable to register node with API server" err="Post \\"${unreachable.server}/api/v1/nodes\\": ${unreachable.error}" node="${node}"`));
      this.log(kubeletUnit, 'kubelet', this.pid, klogLine('E', this.now(), this.pid, 'controller.go:145',
        `"Failed to ensure lease exists, will retry" err="Get \\"${unreachable.server}/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${node}?timeout=10s\\": ${unreachable.error}" interval="7s"`));
      void this.hooks.sleep(leaseRetrySeconds).then(say);
    };
    say();
  }

  /** systemd's restart job after RestartSec, unless a start or stop since (a newer generation) made it moot. */
  private restartAfter(generation: number): void {
    void this.hooks.sleep(restartSeconds).then(() => this.queue(async () => {
      if (generation !== this.generation) return;
      this.restartCounter++;
      this.log(kubeletUnit, 'systemd', 1, `${kubeletUnit}: Scheduled restart job, restart counter is at ${this.restartCounter}.`);
      this.log(kubeletUnit, 'systemd', 1, `Stopped ${kubeletUnit} - ${kubeletDescription}.`);
      await this.start();
    }));
  }

  /**
   * A signal to the main process of the kubelet's or containerd's unit, by its PID (root's `kill` on the node): a Go
   * daemon's end (goDaemonEnd), and systemd's restart. A kubelet that ends leaves the node's pods unwatched and its lease
   * unrenewed until then. False when neither unit's running main process has that PID.
   */
  signalMain(pid: number, signal: string): boolean {
    if (this.containerd.signal(pid, signal)) return true;
    if (this.state !== 'running' || pid !== this.pid) return false;
    const end = goDaemonEnd(signal);
    if (end) this.mainProcessEnded(end);
    return true;
  }

  /** The running kubelet's process ended on its own: the node loses its kubelet until systemd's restart. */
  private mainProcessEnded(end: MainProcessEnd): void {
    const generation = ++this.generation;
    this.hooks.stop();
    for (const line of mainProcessEndLines(kubeletUnit, end)) this.log(kubeletUnit, 'systemd', 1, line);
    this.state = 'auto-restart';
    this.lastRun = { started: this.since, code: end.code, status: end.status };
    this.result = end.result;
    this.since = this.now();
    this.restartAfter(generation);
  }

  private logRegistered(): void {
    this.log(kubeletUnit, 'kubelet', this.pid, klogLine('I', this.now(), this.pid, 'kubelet_node_status.go:79', `"Successfully registered node" node="${this.hostname}"`));
  }

  private logRunning(): void {
    this.log(kubeletUnit, 'kubelet', this.pid, klogLine('I', this.now(), this.pid, 'server.go:484', `"Kubelet version" kubeletVersion="${this.version}"`));
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
