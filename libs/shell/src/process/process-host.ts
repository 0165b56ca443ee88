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
  /** Why its last run failed, while systemd waits to start it again (`exit-code`). */
  readonly result?: 'exit-code';
  /** The last run, once one ended: when it started, and how it ended (`exited`, `0/SUCCESS`). */
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
  /** Carries out a job on a loaded unit; resolves when it is done. */
  act(name: string, job: 'start' | 'stop' | 'restart'): Promise<void>;
  /** Whether the unit starts at boot. */
  enable(name: string, enabled: boolean): void;
  /** The journal, oldest first (entries are only ever added); of one unit when `unit` is given. */
  journal(unit?: string): readonly JournalEntry[];
  /** The container runtime, as crictl reaches it over its socket. */
  readonly cri: NodeCri;
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
  readonly sizeBytes: number;
}

/** What crictl reads of the node's container runtime. */
export interface NodeCri {
  images(): readonly CriImage[];
  sandboxes(): readonly CriSandbox[];
  containers(): readonly CriContainer[];
  /** The container's output as its log file holds it; undefined when the runtime has no such container. */
  logs(id: string): string | undefined;
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
  nameserverAnswers?(server: string): boolean;
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
