/**
 * Everything an emulated container process may touch, supplied by the agent
 * that runs it. The shell never reaches the real host: files, clock, output,
 * DNS and HTTP all go through this interface, and the agent decides what they
 * mean in the lab (virtual time, cluster DNS, Service routing, pod logs).
 *
 * Text crosses this boundary as text (env, workingDir, URLs, names, HTTP
 * bodies) and the shell converts it to UTF-8 bytes inside; output leaves as
 * bytes, because a process may print anything (a tar stream, half a UTF-8
 * character): decode it with a streaming `TextDecoder` to show it as text.
 */
import type { MemoryFs } from '../fs/memory-fs.js';

/** What a client sends beyond the URL (curl's `-X` and `-H`, wget's `--header`); nothing: a plain GET. */
export interface HttpRequestOptions {
  /** GET when absent. */
  readonly method?: string;
  /** Header lines as given (`Authorization`, `Bearer …`), besides those the client adds itself (Host, User-Agent). */
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: string;
}

/** What an HTTP request returned: the status and body text, and the headers when the server's matter (curl `-i`). */
export interface HttpResponse {
  readonly status: number;
  readonly body: string;
  /** Header names and values in the order sent; absent: none worth showing. */
  readonly headers?: readonly (readonly [string, string])[];
  /** The server spoke HTTP/2 (negotiated over TLS, as kube-apiserver does with curl). */
  readonly http2?: boolean;
}

/** One row of the container's process table, as `ps` shows it. */
export interface ProcessInfo {
  readonly pid: number;
  readonly user: string;
  /** The command line, arguments joined by spaces (`sleep 3600`, `sh -c …`). */
  readonly command: string;
  readonly startedAt: Date;
  /** What procps shows beside it on a node (ps aux, ps -ef): its parent, terminal, state and memory in KiB. */
  readonly ppid?: number;
  readonly tty?: string;
  readonly stat?: string;
  readonly vszKiB?: number;
  readonly rssKiB?: number;
}

/** The container's processes (its PID namespace): the main process as PID 1, each exec session after it. */
export interface ProcessTable {
  /** The processes alive now, by PID. */
  list(): readonly ProcessInfo[];
  /**
   * Delivers `signal` ('SIGTERM', 'SIGKILL', 'SIGINT', 'SIGHUP', … as `kill` names
   * it, always with the SIG prefix) to `pid`; false when no such process exists.
   */
  signal(pid: number, signal: string): boolean;
}

/** One systemd unit as systemctl shows it. */
export interface ServiceUnit {
  /** With its suffix: `kubelet.service`. */
  readonly name: string;
  readonly description: string;
  /** The unit file, and the drop-ins that change it. */
  readonly fragmentPath: string;
  readonly dropIns: readonly string[];
  readonly documentation?: string;
  readonly enabled: boolean;
  readonly active: 'active' | 'inactive' | 'failed' | 'activating';
  readonly sub: 'running' | 'dead' | 'failed' | 'auto-restart';
  /** When it entered its present state. */
  readonly since: Date;
  /** The running main process; or, after a run ended, that run's. */
  readonly mainPid?: number;
  /** The main process's command line as it runs (the unit's ExecStart with its variables filled). */
  readonly commandLine: string;
  /** The ExecStart line as the unit (and its drop-ins) write it. */
  readonly execStart: string;
  /** Why its last run failed, while systemd waits to start it again: it exited non-zero (`exit-code`), or a signal killed it (`signal`). */
  readonly result?: 'exit-code' | 'signal';
  /** The last run, once one ended: when it started, and how it ended (`exited`, `0/SUCCESS`; or `killed`, `9/KILL`). */
  readonly lastRun?: { readonly started: Date; readonly code: string; readonly status: string };
}

/** One journal entry: who logged it, and the line. */
export interface JournalEntry {
  readonly time: Date;
  /** The unit it belongs to (`kubelet.service`): its own process's lines and systemd's about it. */
  readonly unit: string;
  /** SYSLOG_IDENTIFIER and PID: `kubelet` and its PID, or `systemd` and 1. */
  readonly identifier: string;
  readonly pid: number;
  readonly message: string;
}

/** A node's init system, as systemctl and journalctl reach it; containers have none. */
export interface NodeServices {
  readonly hostname: string;
  /** A loaded unit by full name, or undefined. */
  unit(name: string): ServiceUnit | undefined;
  /** Carries out a job on a loaded unit, asked by the session recorded at `cause`; resolves when it is done. */
  act(name: string, job: 'start' | 'stop' | 'restart', cause?: number): Promise<void>;
  /** Whether the unit starts at boot. */
  enable(name: string, enabled: boolean): void;
  /** The journal, oldest first (entries are only ever added); of one unit when `unit` is given. */
  journal(unit?: string): readonly JournalEntry[];
  /** The container runtime, as crictl reaches it over its socket. */
  readonly cri: NodeCri;
  /** The node's network, as `ip`, `ss` and `netstat` read it from the kernel; absent: a node with its loopback alone. */
  readonly network?: NodeNetwork;
  /** etcd, as etcdctl reaches it over its client URLs: only on the control-plane node, where its static pod runs. */
  readonly etcd?: NodeEtcd;
  /** The cluster as kubeadm reaches it with the node's kubeconfig; absent: a node that cannot reach the API. */
  readonly kubeadm?: NodeKubeadm;
}

/** What kubeadm reads of the cluster and, on the control plane, writes to it. */
export interface NodeKubeadm {
  /**
   * The cluster's version (kubeadm-config's ClusterConfiguration, which `kubeadm upgrade apply` moves on) and each node's
   * kubelet version (its Node's status.nodeInfo); undefined while kubeadm-config cannot be read.
   */
  cluster(): { version: string; kubelets: Readonly<Record<string, string>> } | undefined;
  /** `kubeadm upgrade apply`'s writes to the API: kubeadm-config's kubernetesVersion and kube-proxy's image, at `version`. */
  upgrade(version: string, cause?: number): Promise<void>;
  /** `kubeadm token create`: a bootstrap token stored in kube-system, valid for `ttlSeconds` (0: forever). */
  createToken(request: { ttlSeconds: number; description?: string }, cause?: number): Promise<BootstrapToken>;
  /** The bootstrap tokens kube-system holds (`kubeadm token list`), those past their expiration left out. */
  tokens(): BootstrapToken[];
  /** Where kubeadm join reaches the API (host:port, as `--print-join-command` prints it) and the cluster CA's public key hash (sha256:HEX); undefined before the CA is known. */
  discovery(): { endpoint: string; caCertHash: string } | undefined;
  /** `kubeadm join`'s TLS bootstrap once discovery has checked the token: the files it leaves for the kubelet (its kubeconfig, configuration and flags, the cluster CA), by path. */
  join(cause?: number): Promise<Record<string, string>>;
}

/** A bootstrap token as kubeadm lists it. */
export interface BootstrapToken {
  /** ID.SECRET: [a-z0-9]{6}.[a-z0-9]{16}. */
  readonly token: string;
  /** RFC 3339; none: it never expires. */
  readonly expiration?: string;
  readonly usages: readonly string[];
  readonly description?: string;
  readonly groups: readonly string[];
}

/** etcd's one member, as `etcdctl member list` shows it. */
export interface EtcdMember {
  /** 16 hex digits. */
  readonly id: string;
  readonly name: string;
  readonly peerUrls: readonly string[];
  readonly clientUrls: readonly string[];
}

/** What etcd holds now, as a snapshot of it (and `etcdctl endpoint status`) sums it up. */
export interface EtcdStatus {
  /** The store's revision: the event log's newest seq. */
  readonly revision: number;
  /** A hash of every key and value at that revision: 8 hex digits or fewer, as etcd prints a CRC-32. */
  readonly hash: string;
  readonly totalKeys: number;
  /** The bytes of the keys and values. */
  readonly totalSize: number;
}

/** A key of etcd and, when asked for, its value (what the api-server stores there, as JSON). */
export interface EtcdKeyValue {
  readonly key: string;
  readonly value?: string;
}

/**
 * The lab's etcd, which is the event log seen through etcd's tools: its keys are the api-server's objects under
 * /registry, its revision the log's newest seq, and a snapshot the log up to a seq.
 */
export interface NodeEtcd {
  /** The member and the URLs it serves clients on while its static pod's container runs; undefined: nothing listens there. */
  serving(): EtcdMember | undefined;
  status(): Promise<EtcdStatus>;
  /** The keys from `key` (every key starting with it, with `prefix`), in key order, at most `limit` (0: all). */
  range(key: string, options: { prefix: boolean; values: boolean; limit: number }): Promise<{ revision: number; kvs: readonly EtcdKeyValue[]; count: number }>;
}

/** A pod on the node's pod network: the host end of its veth pair, as the CNI plugin made it (a hostNetwork pod has none). */
export interface PodInterface {
  /** The pod sandbox's ID (64 hex digits): it names the veth and the pod's network namespace. */
  readonly sandboxId: string;
  /** The pod's address, which the node routes into the veth. */
  readonly podIP: string;
}

/**
 * A node's network as kindnet on a kind-like host leaves it: eth0 on the lab's network with the node's address, a route
 * to each other node's pod range through that node's address, a veth per pod; and the node's processes, whose listening
 * sockets are in this network namespace whatever PID namespace the caller is in (a `kubectl debug node/…` pod).
 */
export interface NodeNetwork {
  /** eth0's address (`172.18.0.2`), its prefix length (16), and the gateway of the default route. */
  readonly address: string;
  readonly prefixLength: number;
  readonly gateway: string;
  /** The node's own pod range (`10.244.1.0/24`): each pod's veth carries its gateway, the range's first address. */
  readonly podCidr: string;
  /** The other nodes: their pod ranges and the addresses those are routed through. */
  peers(): readonly { readonly podCidr: string; readonly address: string }[];
  /** The pods on the node's pod network now. */
  pods(): readonly PodInterface[];
  /** Every process of the node, as `ps` there lists them. */
  processes(): readonly ProcessInfo[];
}

/** A pod sandbox as containerd lists it over CRI (`crictl pods`). */
export interface CriSandbox {
  /** 64 hex digits. */
  readonly id: string;
  readonly createdAt: Date;
  readonly ready: boolean;
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
}

/** A container as containerd lists it over CRI (`crictl ps -a`): the pod's current run of it, or a run that ended. */
export interface CriContainer {
  /** 64 hex digits (the pod status's containerID without `containerd://`). */
  readonly id: string;
  readonly name: string;
  /** Which run of the container this is: 0 first, then one more per restart. */
  readonly attempt: number;
  readonly state: 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED';
  readonly createdAt: Date;
  readonly startedAt?: Date;
  readonly finishedAt?: Date;
  readonly exitCode?: number;
  readonly reason?: string;
  /** The image as the pod names it, and its digest reference (`docker.io/library/nginx@sha256:…`). */
  readonly image: string;
  readonly imageRef: string;
  readonly sandbox: CriSandbox;
}

/** An image the node's containerd holds (`crictl images`). */
export interface CriImage {
  /** The digest's 64 hex digits. */
  readonly id: string;
  /** The tagged names it was pulled under: `docker.io/library/nginx:1.27`. */
  readonly repoTags: readonly string[];
  /** The digest names it was pulled under: `docker.io/library/nginx@sha256:…`. */
  readonly repoDigests: readonly string[];
  readonly sizeBytes: number;
  /** containerd keeps it whatever uses it (its sandbox image, pause): `crictl rmi --prune` leaves it. */
  readonly pinned: boolean;
}

/** What crictl reads of the node's container runtime, and the CRI calls by which it changes it. */
export interface NodeCri {
  images(): readonly CriImage[];
  sandboxes(): readonly CriSandbox[];
  containers(): readonly CriContainer[];
  /** The container's output as its log file holds it; undefined when the runtime has no such container. */
  logs(id: string): string | undefined;
  /**
   * StopContainer, by full ID: a running container gets its stop signal (TERM) when `timeoutSeconds` > 0, then KILL if
   * it still runs after them; resolves once it has exited. One that is not running, or not there, is left as it is.
   */
  stopContainer(id: string, timeoutSeconds: number): Promise<void>;
  /** RemoveContainer of an exited container, by full ID: containerd forgets it (`crictl ps -a` no longer lists it). */
  removeContainer(id: string): void;
  /**
   * ImageStatus: the image a name (`nginx`, `nginx:1.27`, `…@sha256:…`) or an image ID (or a unique prefix of one)
   * means, as containerd resolves it; 'ambiguous' when the prefix fits more than one ID; undefined: none.
   */
  imageStatus(image: string): CriImage | 'ambiguous' | undefined;
  /** RemoveImage, by full ID: the image and its names leave the node; containers running it run on. */
  removeImage(id: string): void;
}

/** The world as one container process sees it. */
export interface ProcessHost {
  /** The container's file system, volumes already mounted. */
  readonly fs: MemoryFs;
  /** The process environment (pod `env`, Service variables, HOSTNAME, PATH, HOME…), as text. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Aborted when the kubelet kills the container. `abort('SIGTERM')` ends it with
   * status 143; any other reason (normally 'SIGKILL') with 137. The process stops
   * at its next await, so a long `sleep` ends at once.
   */
  readonly signal: AbortSignal;
  /** The container's `workingDir`; `/` when absent. */
  readonly workingDir?: string;
  /** This process's PID in the container (`$$`, `ps` without a table); 1 when absent. */
  readonly pid?: number;
  /** The container's process table for `ps` and `kill`; without it `ps` shows only this process. */
  readonly processes?: ProcessTable;
  /**
   * The executables the image holds, by base name: a command the shell runs that is neither among them
   * nor one of its builtins is not found, as on the image (`ps` in nginx's Debian image, which has no
   * procps). Absent: every utility is there.
   */
  readonly programs?: ReadonlySet<string>;
  /**
   * The BusyBox release the image's applets come from (`1.28.4`), where their output changed between
   * releases: busybox 1.28 and older print nslookup's pre-1.29 format, which the DNS debugging page
   * shows. Absent: a current release.
   */
  readonly busyboxVersion?: string;
  /** The host's `ps` is procps' (a Debian node's), not BusyBox's: `ps aux` and `ps -ef` print its columns. */
  readonly procps?: boolean;
  /** The log entry recording the session this process runs in (a shell on a node): the cause of what it makes the node do. */
  readonly cause?: number;
  /**
   * Resolves after `seconds` of lab time (fractions allowed). Called only with
   * finite, positive values. `stop` aborts when the shell no longer waits (the
   * process was killed or Ctrl-C'd): release the timer then.
   */
  sleep(seconds: number, stop?: AbortSignal): Promise<void>;
  /** The lab clock, for `date`. */
  now(): Date;
  /** Appends bytes to the container's stdout log. */
  stdout(bytes: Uint8Array): void;
  /** Appends bytes to the container's stderr log. */
  stderr(bytes: Uint8Array): void;
  /** Cluster DNS: the IPv4 address `name` resolves to from this pod, or undefined (NXDOMAIN, or no nameserver answered). */
  lookup(name: string): Promise<string | undefined>;
  /**
   * Whether a DNS server at `server` answers from here: the cluster DNS Service only while a ready pod backs it
   * (CoreDNS scaled to 0: nothing answers, and nslookup times out). Absent: every server answers.
   */
  nameserverAnswers?(server: string): Promise<boolean>;
  /**
   * An HTTP request to `url` (always `scheme://host[:port]/path[?query]`), a GET unless `request` says
   * otherwise; undefined when the connection is refused or has no route.
   */
  http(url: string, request?: HttpRequestOptions): Promise<HttpResponse | undefined>;
  /**
   * The PEM of the private CA that signed the certificate the TLS server at `url` shows (the lab's
   * api-server): a client that does not trust it fails its handshake before sending anything.
   * Undefined, or absent: no TLS there, or a certificate that public roots trust.
   */
  tlsIssuer?(url: string): Promise<string | undefined>;
  /**
   * The process has run many commands without sleeping (a busy loop, `yes > /dev/null`) since `busySince`: it is on
   * the CPU. The host counts that time as CPU use and resolves when the process may run on, pacing the loop so it never
   * takes the agent's own CPU. `stop` aborts when the process no longer waits (killed, Ctrl-C): release the timer then.
   * With a host that paces, a loop that never sleeps runs until it is killed, as on a real node; without one, it is
   * stopped after ShellLimits.maxCommandsWithoutSleep commands.
   */
  spin?(stop: AbortSignal, busySince: Date): Promise<void>;
  /**
   * Resolves when whoever reads the process's stdout (a `kubectl exec` client) has
   * room for more: endless writers (`yes`, a huge `cat`) wait on it instead of
   * piling output up in the agent. Absent: output is never held back.
   */
  outputRoom?(): Promise<void>;
  /** The node's init system (systemd): present for a shell on a node, absent in containers. */
  readonly services?: NodeServices;
}
