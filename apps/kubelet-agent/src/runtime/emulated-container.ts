/**
 * One running container, emulated: the image's default process or one of its servers
 * (a process that logs, listens, answers HTTP, maybe exits or grows its memory), the
 * container's command through the busybox-style shell, or a start that fails because
 * the image lacks the program. Nothing runs on the host.
 */
import type { ContainerProcess, ImageBehaviour, PlaceholderFacts, ResolvedImage } from '@kubelab/images';
import type { Container, EphemeralContainer } from 'kubernetes-types/core/v1';
import { randomBytes, randomInt } from 'node:crypto';
import { decideComponentStart, decideContainerProcess, decideCoreDnsStart, decideExec, fillPlaceholders, missingRequiredEnv, programsOf } from '@kubelab/images';
import { nodeAddressOf } from '../node-object.js';
import { etcdClientUrls, etcdServerCertificate } from '../volumes/control-plane-files.js';
import { certificateValidity, decodeUtf8, encodeUtf8, fromUint8Array, MemoryFs, resolvePath, runProcess, shellRuns, startProcess, toUint8Array, type HttpRequestOptions, type HttpResponse, type NodeServices, type ProcessHost, type ProcessSession, type SessionOutput } from '@kubelab/shell';
import { etcdDataDir, openEtcdData, type RestoreEtcd } from './etcd-start.js';
import type { HttpReply } from './http-connection.js';
import type { LabClock } from './lab-clock.js';
import { ProcessTable, type SignalName } from './process-table.js';
import { machineClock } from '../machine-clock.js';
import { TextDecoder } from 'node:util';

export interface SessionOptions {
  stdin: boolean;
  tty: boolean;
  /** Who started it, for the process table. */
  user: string;
  /** The log entry recording the session: the cause of what it does to the container. */
  cause?: number;
  /** Resolves when the client has room for more output (back-pressure on endless writers). */
  outputRoom?: () => Promise<void>;
}

export type { SessionOutput };

const encoder = new TextEncoder();
const defaultTerminal = { cols: 80, rows: 24 };

/** How a run ended. */
export interface ContainerExit {
  exitCode: number;
  reason?: 'OOMKilled' | 'StartError';
  /** What the runtime says about the exit (a StartError's cause). */
  message?: string;
  signal?: number;
}

/** The pod a connection leaves from: its namespace resolves short names, and NetworkPolicy judges its egress. */
export interface SourcePod {
  readonly namespace: string;
  readonly name: string;
}

/**
 * What the container can reach: names and HTTP in the emulated cluster network. An HTTP
 * GET that NetworkPolicy drops never settles, as a dropped SYN gets no answer; the client's
 * own timeout ends the wait.
 */
export interface ClusterNetwork {
  lookup(name: string, fromNamespace: string): Promise<string | undefined>;
  /** Whether a DNS server at `address` answers: a Service's or pod's address only while a ready pod serves it. Absent: all do. */
  dnsAnswers?(address: string): Promise<boolean>;
  /** A process that can connect has started (a shell, an exec session or probe): what the network needs to route may be gathered now. */
  prepare?(): void;
  /** A request from `from` (a GET unless `request` says otherwise). */
  http(url: string, from: SourcePod, request?: HttpRequestOptions): Promise<HttpResponse | undefined>;
  /** The private CA behind the TLS server at `url` as seen from a pod of `fromNamespace` (the lab's api-server). */
  tlsIssuer?(url: string, fromNamespace: string): Promise<string | undefined>;
}

/**
 * Who sent an HTTP request, as far as the emulated network knows: the client's address (another pod's, 127.0.0.1 from
 * inside the pod or through port-forward) and the Host it asked for. Unknown fields are made up plausibly.
 */
export interface HttpOrigin {
  readonly clientIP?: string;
  readonly host?: string;
  /** The request's other headers, where they came from the host (through a node port, an Ingress or a Gateway). */
  readonly headers?: readonly (readonly [string, string])[];
}

export interface ContainerContext {
  podName: string;
  namespace: string;
  /** The pod's IP, for the answers that show it (whoami, nginxdemos/hello). */
  podIP?: string;
  fs: MemoryFs;
  env: Record<string, string>;
  clock: LabClock;
  network: ClusterNetwork;
  /** The memory limit in MiB, if any: past it the container is OOM-killed. */
  memoryLimitMiB?: number;
  /** Memory charged to the container beyond its processes' (MiB): the memory-backed emptyDirs it holds, as tmpfs pages are charged to the cgroup. */
  chargedMemoryMiB?: () => number;
  log: (text: string) => void;
  /** The process table of the container whose process namespace this one joins (kubectl debug --target). */
  sharedProcesses?: ProcessTable;
  /** An HTTP GET inside the pod's own network namespace (localhost): its containers' servers. `path` may carry a query. */
  loopback?: (port: number, path: string, origin?: HttpOrigin) => HttpResponse | undefined;
  /** The node's systemd, for a pod in the node's PID namespace. */
  services?: NodeServices;
  /** For a static pod's etcd: how it has the api-server carry out a restore it finds in its data directory. */
  restoreEtcd?: RestoreEtcd;
}

/** The node's own resolver (its network's gateway), which a container without /etc/resolv.conf asks. */
const nodeResolver = '172.18.0.1';

/** Names and addresses of the pod's own network namespace. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === 'localhost.localdomain' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}


/**
 * The process writes bytes; logs hold text. A decoder per stream keeps a character split across two writes whole; it is
 * made at the first write, as most streams (a pause container's) never see one and each decoder holds native memory.
 */
function utf8Text(output: (text: string) => void): (bytes: Uint8Array) => void {
  let decoder: TextDecoder | undefined;
  return (bytes) => {
    const text = (decoder ??= new TextDecoder()).decode(bytes, { stream: true });
    if (text !== '') output(text);
  };
}

/**
 * `ps`'s COMMAND for a main process. An image's entrypoint script execs its
 * arguments, so they are what runs; a server may retitle itself (the catalog's `title`).
 */
function processTitle(argv: readonly string[], title: string | undefined): string {
  const running = argv.length > 1 && /(^|\/)docker-entrypoint(\.sh)?$/.test(argv[0]) ? argv.slice(1) : argv;
  return [...(title ? [title] : []), ...running].join(' ');
}

function signalName(name: string): SignalName {
  const upper = name.toUpperCase();
  return (upper.startsWith('SIG') ? upper : `SIG${upper}`) as SignalName;
}

const contentTypes: Record<string, string> = { html: 'text/html', htm: 'text/html', css: 'text/css', js: 'application/javascript', json: 'application/json', txt: 'text/plain', png: 'image/png', jpg: 'image/jpeg', svg: 'image/svg+xml' };

/** What a file server says a file is, by its extension (a directory's index.html is HTML). */
function contentTypeOf(path: string): string {
  const name = path.endsWith('/') ? 'index.html' : path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return (dot > 0 && contentTypes[name.slice(dot + 1).toLowerCase()]) || (dot > 0 ? 'application/octet-stream' : 'text/html');
}

/** nginx's page for an error status (ngx_http_special_response.c): the status line, the server's signature under a rule. */
function errorPage(status: string, server: string): string {
  return `<html>\r\n<head><title>${status}</title></head>\r\n<body>\r\n<center><h1>${status}</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`;
}

/** httpd's listing of a directory without an index (mod_autoindex, no FancyIndexing): its entries (directories with a slash), and the parent below the root. */
function directoryIndex(path: string, entries: readonly { name: string; directory: boolean }[]): string {
  const here = path.replace(/\/+$/, '');
  const title = `Index of ${here || '/'}`;
  const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
  const parent = here ? [`<li><a href="${here.replace(/[^/]*$/, '')}"> Parent Directory</a></li>`] : [];
  const items = entries.map(({ name, directory }) => {
    const shown = directory ? `${name}/` : name;
    return `<li><a href="${encodeURIComponent(name)}${directory ? '/' : ''}"> ${escape(shown)}</a></li>`;
  });
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html>\n <head>\n  <title>${escape(title)}</title>\n </head>\n <body>\n<h1>${escape(title)}</h1>\n<ul>${[...parent, ...items].join('\n')}\n</ul>\n</body></html>\n`;
}

/** A session that ended before it began (runc refused it, or the emulator cannot run it), after printing `text`. */
function endedAt(exitCode: number, write: (bytes: Uint8Array) => void, text: string): ProcessSession {
  write(encoder.encode(text));
  return { write: () => undefined, closeStdin: () => undefined, resize: () => undefined, kill: () => undefined, exit: Promise.resolve(exitCode) };
}

/** Why a run was cut short: a signal, the OOM killer, or a chaos drill's exit code. */
type AbortReason = 'SIGTERM' | 'SIGKILL' | 'OOMKilled' | { crash: number };

/**
 * Real milliseconds a busy process waits each time it spins (ProcessHost.spin): whatever the time scale, an endless
 * loop runs a few hundred commands per this, so it never takes the agent's own CPU.
 */
const spinRealMs = 100;

/** What a running container does, for the node's usage accounting (counters grow for the whole run). */
export interface ContainerActivity {
  /** When this run started (wall-clock ms). */
  readonly startedAt: number;
  /** CPU its process uses whatever it does (an idle server's, stress' workers'), and each HTTP request it answers costs. */
  readonly steadyMillicores: number;
  readonly cpuMillisecondsPerRequest: number;
  /** Lab core-seconds its processes spent spinning, and the HTTP requests it answered. */
  readonly busyCoreSeconds: number;
  readonly requestsServed: number;
  /** Its working set now (MiB). */
  readonly memoryMiB: number;
}

export class EmulatedContainer {
  /** Why the container was told to stop, once it was (stopWith: the first reason holds, as an AbortSignal's does). */
  private stopReason?: AbortReason;
  /**
   * The AbortSignal a process run through the shell (or an image's timed exit) is stopped by, made for the first that needs
   * one. An image's own process waits for its stop on `onStop` instead: an AbortSignal with its listener took 0.8 KB more
   * than the callback, and a pause container waits for its pod's whole life (8 MiB of an agent of 10,000 pods).
   */
  private abort?: AbortController;
  /** What stopWith ends: the image's own process waiting to be stopped (runOn). */
  private onStop?: () => void;
  private readonly startedAt = Date.now();
  private exited = false;
  // The collections below are made at their first use: most containers never have a drill, a client or a spin, and an
  // empty Map or Set is 170 bytes more for every container an agent runs.
  /** Probes a chaos drill makes fail, until a wall-clock time (ms). */
  private sabotaged?: Map<string, number>;
  /** Clients attached to the main process's output. */
  private attached?: Set<{ output: SessionOutput; onExit: () => void }>;
  /** Running exec sessions, so the container's end ends them too. */
  private sessions?: Set<ProcessSession>;
  /** What `ps` shows inside (made at its first use, with the main process in it, unless this container joined another's namespace). */
  private table?: ProcessTable;
  private readonly mainPid: number;
  private readonly leaveSharedTable?: () => void;
  /** The main process when it reads stdin (`stdin: true`: kubectl run -it, attach). */
  private main?: ProcessSession;
  /** The log entry of the session whose signal ended the main process, if one did. */
  private endedBy?: number;
  /** Lab core-seconds its processes spent spinning, and the HTTP requests its server answered. */
  private busyCoreSeconds = 0;
  private requestsServed = 0;
  /** Spins under way, each charged from `from` (wall-clock ms) until it ends. */
  private spinning?: Set<{ readonly from: number }>;
  /** What `ended` waits for, made for the first that waits: most runs end with their pod, and nobody waits for them. */
  private endedWaiting?: { readonly promise: Promise<void>; readonly resolve: () => void };
  /** The main process's output, made at its first byte: a pause container's never writes one. */
  private mainOutputSink?: (bytes: Uint8Array) => void;

  /** What the container's first process is, decided once from the image and the spec. */
  private readonly process: ContainerProcess;

  constructor(private readonly image: ResolvedImage, private readonly spec: Container | EphemeralContainer, private readonly ctx: ContainerContext) {
    this.process = decideContainerProcess(image.behaviour, spec.command, spec.args, shellRuns, { stdin: spec.stdin === true, env: ctx.env });
    if (ctx.sharedProcesses) {
      this.table = ctx.sharedProcesses;
      const joined = ctx.sharedProcesses.spawn(processTitle(this.process.argv, this.acted?.title), (signal, cause) => this.signalMain(signal, cause));
      this.mainPid = joined.pid;
      this.leaveSharedTable = joined.exited;
    } else {
      this.mainPid = 1;
    }
  }

  /** What `ps` shows inside; PID 1 is the main process unless this container joined another's namespace. */
  get processes(): ProcessTable {
    if (!this.table) {
      const main = { command: processTitle(this.process.argv, this.acted?.title), onSignal: (signal: SignalName, cause?: number) => this.signalMain(signal, cause) };
      this.table = new ProcessTable(main, new Date(this.startedAt));
    }
    return this.table;
  }

  /** Resolves once the main process has exited and the run is over (containerd's StopContainer waits for it). */
  get ended(): Promise<void> {
    if (this.exited) return Promise.resolve();
    if (!this.endedWaiting) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.endedWaiting = { promise, resolve };
    }
    return this.endedWaiting.promise;
  }

  /** The log entry of the exec session that ended the main process (`kill 1`), for the restart's cause. */
  get endedBySession(): number | undefined {
    return this.endedBy;
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

  /**
   * Runs until the process exits or is killed; past its memory limit (checked every lab second) the OOM killer ends it.
   * Chained, not awaited: a suspended async function holds its frame for the whole run, and a pause container runs for as
   * long as its pod. One link of chain each: every promise waiting in it is held as long (a `finally` and an async
   * function's own promise were four more, 0.4 KB a container).
   */
  run(): Promise<ContainerExit> {
    const ticker = this.ctx.memoryLimitMiB === undefined ? undefined : setInterval(() => this.checkMemory(), this.ctx.clock.realMs(1));
    return this.runProcess().then((exit) => {
      clearInterval(ticker);
      this.exited = true;
      this.leaveSharedTable?.();
      for (const session of this.sessions ?? []) session.kill('SIGKILL');
      for (const client of this.attached ?? []) client.onExit();
      this.attached?.clear();
      this.endedWaiting?.resolve();
      return exit;
    }, (e: unknown) => {
      clearInterval(ticker);
      throw e;
    });
  }

  /** The main process's output, as bytes: the container log (text) and every attached client. */
  private mainOutput(bytes: Uint8Array): void {
    if (!this.mainOutputSink) {
      const toLog = utf8Text((text) => this.ctx.log(text));
      this.mainOutputSink = (chunk) => {
        toLog(chunk);
        for (const client of this.attached ?? []) client.output.stdout(chunk);
      };
    }
    this.mainOutputSink(bytes);
  }

  /** The main process's output as text (the image's own server logs). */
  private output(text: string): void {
    this.mainOutput(encoder.encode(text));
  }

  /**
   * The world of one process of this container. `pid` and `cause` tell the process
   * table who signals whom, so a `kill 1` from an exec session is traced to it.
   */
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

  /**
   * The world of one process of this container. `pid` and `cause` tell the process
   * table who signals whom, so a `kill 1` from an exec session is traced to it.
   */
  private processHost(signal: AbortSignal, sinks: SessionOutput, pid: number, cause?: number, outputRoom?: () => Promise<void>): ProcessHost {
    const { clock, network, namespace } = this.ctx;
    // Only a process run through the shell reaches the network (an image's own server, pause or kube-proxy, never connects):
    // the network readies what it routes by now, while the api-server answers, not at a first connection made once it is down.
    network.prepare?.();
    const table = this.processes;
    return {
      fs: this.ctx.fs, env: this.ctx.env, signal, workingDir: this.spec.workingDir ?? this.image.behaviour.workingDir,
      sleep: (seconds, stop) => clock.sleep(seconds, stop ?? signal).catch(() => undefined),
      now: () => machineClock.now(),
      stdout: (bytes) => sinks.stdout(bytes), stderr: (bytes) => sinks.stderr(bytes),
      lookup: async (name) => {
        if (isLoopback(name)) return '127.0.0.1';
        const answering = await Promise.all(this.nameservers().map((server) => network.dnsAnswers?.(server) ?? true));
        return answering.includes(true) ? network.lookup(name, namespace) : undefined;
      },
      nameserverAnswers: async (server) => network.dnsAnswers?.(server) ?? true,
      http: (url, request) => this.http(url, request),
      tlsIssuer: async (url) => (isLoopback(new URL(url).hostname) ? undefined : network.tlsIssuer?.(url, namespace)),
      pid,
      processes: { list: () => table.list(), signal: (target, name) => table.signal(target, signalName(name), cause) },
      spin: this.spinner(),
      ...(outputRoom ? { outputRoom } : {}),
      programs: programsOf(this.image.behaviour),
      ...(this.image.behaviour.busyboxVersion ? { busyboxVersion: this.image.behaviour.busyboxVersion } : {}),
      ...(this.ctx.services ? { services: this.ctx.services } : {}),
      ...(cause === undefined ? {} : { cause }),
    };
  }

  /**
   * The DNS servers the container's /etc/resolv.conf names (the kubelet's cluster DNS for a ClusterFirst pod), as its
   * resolver reads them at each lookup; a container without the file resolves as the node does.
   */
  private nameservers(): string[] {
    const file = encodeUtf8('/etc/resolv.conf');
    if (!this.ctx.fs.isFile(file)) return [nodeResolver];
    return decodeUtf8(this.ctx.fs.read(file)).split('\n').flatMap((line) => /^\s*nameserver\s+(\S+)/.exec(line)?.[1] ?? []);
  }

  /**
   * One process's ProcessHost.spin: it waits spinRealMs, and the container is charged the time the process has been
   * on the CPU: since the end of its previous spin in the same busy stretch, else since the stretch began. However late
   * a loaded machine wakes a spin, its stretch is never charged twice. The charge runs while the spin does (`activity`
   * counts spins under way), so a report never misses a loop that is busy.
   */
  private spinner(): (stop: AbortSignal, busySince: Date) => Promise<void> {
    let lastEnd = 0;
    let stretch: number | undefined;
    return (stop, busySince) => new Promise<void>((resolve) => {
      const began = Date.now();
      const spin = { from: busySince.getTime() === stretch ? lastEnd : Math.min(began, busySince.getTime()) };
      stretch = busySince.getTime();
      (this.spinning ??= new Set()).add(spin);
      const done = () => {
        clearTimeout(timer);
        stop.removeEventListener('abort', done);
        this.spinning?.delete(spin);
        lastEnd = Date.now();
        this.busyCoreSeconds += this.coreSeconds(spin.from, lastEnd);
        resolve();
      };
      const timer = setTimeout(done, spinRealMs);
      stop.addEventListener('abort', done, { once: true });
    });
  }

  /** Lab core-seconds of one process on the CPU between two wall-clock times (ms). */
  private coreSeconds(fromMs: number, toMs: number): number {
    return ((toMs - fromMs) / 1000) * this.ctx.clock.scale;
  }

  private async shellProcess(argv: readonly string[]): Promise<ContainerExit> {
    const output = (bytes: Uint8Array) => this.mainOutput(bytes);
    const sinks = { stdout: output, stderr: output };
    const host = this.processHost(this.stopSignal(), sinks, this.mainPid);
    if (!this.spec.stdin) return this.signalled(await runProcess(argv, host));
    this.main = startProcess(argv, host, { stdin: true, tty: this.spec.tty ? defaultTerminal : undefined }, sinks);
    const exitCode = await this.main.exit;
    this.main = undefined;
    return this.signalled(exitCode);
  }

  /** An HTTP request from this container: to localhost, the pod's own servers (which answer GETs); elsewhere, the cluster network. */
  private async http(url: string, request?: HttpRequestOptions): Promise<HttpResponse | undefined> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return undefined;
    }
    if (!isLoopback(target.hostname)) return this.ctx.network.http(url, { namespace: this.ctx.namespace, name: this.ctx.podName }, request);
    const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
    return this.ctx.loopback?.(port, `${target.pathname || '/'}${target.search}`, { clientIP: '127.0.0.1', host: target.host });
  }

  /**
   * A signal to the main process from inside the container. As PID 1 of its
   * namespace it gets only those it handles: an image's server stops on TERM,
   * INT or QUIT when the image says so; a shell or `sleep` ignores them all,
   * KILL included.
   */
  private signalMain(signal: SignalName, cause?: number): boolean {
    const handles = this.acted?.exitsOnSigterm === true && (signal === 'SIGTERM' || signal === 'SIGINT' || signal === 'SIGQUIT');
    const outsideInit = this.mainPid !== 1 && signal === 'SIGKILL';
    if (!handles && !outsideInit) return true;
    this.endedBy = cause;
    this.stopWith(signal === 'SIGKILL' ? 'SIGKILL' : 'SIGTERM');
    return true;
  }

  /**
   * A signal from the node (root's `kill`) to one of the container's processes, by its PID in the container. From
   * outside the container's PID namespace KILL ends even its PID 1; any other signal reaches PID 1 only when it handles
   * it, as from inside. False when the container has no such process.
   */
  signalFromNode(pid: number, signal: string): boolean {
    if (pid !== this.mainPid || signal !== 'SIGKILL') return this.processes.signal(pid, signalName(signal));
    this.stopWith('SIGKILL');
    return true;
  }

  private signalled(exitCode: number): ContainerExit {
    const reason = this.stopReason;
    if (typeof reason === 'object') return { exitCode: reason.crash };
    if (reason === 'OOMKilled') return { exitCode: 137, reason: 'OOMKilled', signal: 9 };
    if (exitCode === 137) return { exitCode, signal: 9 };
    if (exitCode === 143) return { exitCode, signal: 15 };
    return { exitCode };
  }

  /** The image's own process: it may refuse to start, in its words; no async function, whose promise would be one more link of the run's chain. */
  private actOut(b: ImageBehaviour): Promise<ContainerExit> {
    const missing = missingRequiredEnv(b, this.ctx.env, this.process.argv);
    if (missing) {
      missing.logs.forEach((line) => this.output(`${line}\n`));
      return Promise.resolve({ exitCode: missing.exitCode });
    }
    // A control-plane program, or CoreDNS, reads its command line and the files it names first, and may refuse to run, in its words.
    const validity = (path: string) => {
      const text = this.readText(path);
      return text === undefined ? undefined : certificateValidity(text);
    };
    const component = decideComponentStart(this.process.argv, {
      exists: (path) => this.ctx.fs.exists(path), validity, now: machineClock.now(),
      // Read only by a kube-apiserver's start: any other container's files stay unread, and its own layer unmade.
      get etcdServing() { return validity(etcdServerCertificate); },
      etcdClientUrls: etcdClientUrls(nodeAddressOf(0)),
    }) ?? decideCoreDnsStart(this.process.argv, (path) => this.readText(path));
    if (component) this.output(component.output);
    if (component?.kind === 'refused') return Promise.resolve({ exitCode: component.exitCode });
    const etcdData = this.ctx.restoreEtcd && etcdDataDir(this.process.argv);
    if (!etcdData) return this.startedImage(b);
    return openEtcdData(etcdData, this.ctx.fs, this.spec.workingDir ?? this.image.behaviour.workingDir ?? '/', this.ctx.restoreEtcd!, () => new Date()).then((opened) => {
      this.output(opened.output);
      return opened.exitCode === undefined ? this.startedImage(b) : { exitCode: opened.exitCode };
    });
  }

  /** The image's process has started: its first lines are logged, and it runs on. */
  private startedImage(b: ImageBehaviour): Promise<ContainerExit> {
    const facts = this.placeholderFacts(b.listens[0]);
    b.logs.forEach((line) => this.output(`${fillPlaceholders(line, facts)}\n`));
    return this.runOn(b.exitAfterSeconds, b.exitCode);
  }

  /**
   * The started process runs on until it exits by itself (after `exitAfterSeconds`) or is stopped. A function of its own,
   * and no async one, so that neither what the start worked out (its checks, its placeholder facts) nor a suspended frame
   * is held for the whole run.
   */
  private runOn(exitAfterSeconds: number | undefined, exitCode: number): Promise<ContainerExit> {
    return new Promise<ContainerExit>((resolve) => {
      const end = () => resolve(this.stopReason !== undefined ? this.signalled(this.stopReason === 'SIGTERM' ? 0 : 137) : { exitCode });
      // Killed while it started (etcd waiting for its restore): it ends now.
      if (this.stopReason !== undefined) return end();
      if (exitAfterSeconds !== undefined) this.ctx.clock.sleep(exitAfterSeconds, this.stopSignal()).then(end, () => undefined);
      this.onStop = end;
    });
  }

  /** The AbortSignal stopWith aborts, made at its first use. */
  private stopSignal(): AbortSignal {
    if (!this.abort) {
      this.abort = new AbortController();
      if (this.stopReason !== undefined) this.abort.abort(this.stopReason);
    }
    return this.abort.signal;
  }

  /** A file of the container as text (a relative path from its working directory); undefined when there is none. */
  private readText(path: string): string | undefined {
    const file = resolvePath(encodeUtf8(path), encodeUtf8(this.spec.workingDir ?? this.image.behaviour.workingDir ?? '/'));
    return this.ctx.fs.isFile(file) ? decodeUtf8(this.ctx.fs.read(file)) : undefined;
  }

  private memoryMiB(): number {
    const b = this.acted ?? this.image.behaviour;
    return b.memoryMiB + b.memoryGrowthMiBPerSecond * this.uptimeSeconds() + (this.ctx.chargedMemoryMiB?.() ?? 0);
  }

  private checkMemory(): void {
    if (this.ctx.memoryLimitMiB !== undefined && this.memoryMiB() > this.ctx.memoryLimitMiB) this.stopWith('OOMKilled');
  }

  private stopWith(reason: AbortReason): void {
    if (this.stopReason !== undefined) return;
    this.stopReason = reason;
    this.abort?.abort(reason);
    const onStop = this.onStop;
    this.onStop = undefined;
    onStop?.();
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
    (this.sabotaged ??= new Map()).set(probe, untilMs);
  }

  /** True while a chaos drill makes this probe fail. */
  probeSabotaged(probe: string): boolean {
    return (this.sabotaged?.get(probe) ?? 0) > Date.now();
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

  /** What it does, for the node's usage accounting. */
  get activity(): ContainerActivity {
    const b = this.acted;
    const now = Date.now();
    return {
      startedAt: this.startedAt, steadyMillicores: b?.cpuMillicores ?? 0, cpuMillisecondsPerRequest: b?.cpuMillisecondsPerRequest ?? 0,
      busyCoreSeconds: [...(this.spinning ?? [])].reduce((sum, spin) => sum + this.coreSeconds(spin.from, now), this.busyCoreSeconds), requestsServed: this.requestsServed, memoryMiB: this.memoryInUseMiB,
    };
  }

  /** An HTTP GET to this container (probes, Services); `path` may carry a query. undefined: nothing listens there (yet). */
  httpGet(port: number, path: string, origin?: HttpOrigin): HttpResponse | undefined {
    const reply = this.httpAnswer(port, 'GET', path, origin);
    if (!reply) return undefined;
    return { status: reply.status, body: typeof reply.body === 'string' ? reply.body : decodeUtf8(fromUint8Array(reply.body)) };
  }

  /**
   * What the server finds under its document root for a path: a file (a directory's
   * index.html) as bytes; for a directory without one, its listing when the server lists
   * directories (httpd) or 'forbidden' (nginx, autoindex off, answers 403: what a fresh
   * volume mounted on its root shows); undefined when nothing is there or the path leaves the
   * root. It reads the container's file system as it is now, so a volume mounted over the
   * root hides the image's own pages.
   */
  private servedFile(path: string): Uint8Array | 'forbidden' | undefined {
    const root = this.acted?.documentRoot;
    if (!root) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return undefined;
    }
    const target = resolvePath(encodeUtf8(`.${decoded}`), encodeUtf8(root));
    if (target !== encodeUtf8(root) && !target.startsWith(`${encodeUtf8(root)}/`)) return undefined;
    const directory = this.ctx.fs.isDir(target);
    const file = directory ? `${target}/index.html` : target;
    if (this.ctx.fs.isFile(file)) return toUint8Array(this.ctx.fs.read(file));
    if (!directory) return undefined;
    if (!this.acted?.directoryListing) return 'forbidden';
    const entries = this.ctx.fs.list(target).map((name) => ({ name: decodeUtf8(name), directory: this.ctx.fs.isDir(`${target}/${name}`) }));
    return encoder.encode(directoryIndex(decoded, entries));
  }

  /** True when the image's server speaks HTTP (it has answers by path). */
  get speaksHttp(): boolean {
    return Object.keys(this.acted?.http ?? {}).length > 0;
  }

  /** The `Server:` header of its HTTP answers: the program and the image's version. */
  get serverName(): string {
    const repository = this.image.image.split('@')[0].replace(/:[^/:]*$/, '');
    const program = repository.slice(repository.lastIndexOf('/') + 1);
    const tag = /:([^/:@]+)$/.exec(this.image.image.split('@')[0])?.[1] ?? '';
    return /^\d/.test(tag) ? `${program}/${tag.split('-')[0]}` : program;
  }

  /**
   * A whole HTTP answer (status, body, content type) for a request through a TCP connection, a probe or a Service.
   * `target` is the request target as sent (`/echo?msg=hi`): its path picks the answer, which may show all of it.
   */
  httpAnswer(port: number, method: string, target: string, origin: HttpOrigin = {}): HttpReply | undefined {
    const b = this.acted;
    if (!b || !this.listensOn(port)) return undefined;
    this.requestsServed++;
    if (b.unhealthyAfterSeconds !== undefined && this.uptimeSeconds() >= b.unhealthyAfterSeconds) return { status: 500, body: 'unhealthy\n' };
    const path = target.split('?')[0] || '/';
    const file = method === 'GET' || method === 'HEAD' ? this.servedFile(path) : undefined;
    if (file === 'forbidden') return { status: 403, body: errorPage('403 Forbidden', this.serverName), contentType: 'text/html' };
    if (file) return { status: 200, body: file, contentType: contentTypeOf(path) };
    const answer = b.http[path] ?? b.http['*'];
    if (!answer) return { status: 404, body: '404 Not Found\n' };
    if (method !== 'GET' && method !== 'HEAD' && answer.status === 200) return { status: 405, body: '', contentType: answer.contentType };
    return { status: answer.status, body: fillPlaceholders(answer.body, this.requestFacts(port, target, origin)), contentType: answer.contentType };
  }

  /** What the placeholders of the process's texts are filled from; `port` is the request's (a log line's: the first it listens on). */
  private placeholderFacts(port: number | undefined): PlaceholderFacts {
    return { hostname: this.ctx.podName, podIP: this.ctx.podIP ?? '', port, argv: this.process.argv, env: this.ctx.env, now: new Date(), uptimeSeconds: this.uptimeSeconds() };
  }

  /**
   * The facts of one request. What the network did not carry is made up as a real one would look: the client, from
   * the pod network's gateway (where traffic kube-proxy masquerades comes from), at an ephemeral port; the Host, the
   * pod's address as a client addressing it would write it.
   */
  private requestFacts(port: number, target: string, origin: HttpOrigin): PlaceholderFacts {
    const podIP = this.ctx.podIP ?? '';
    const clientIP = origin.clientIP ?? (/^\d+\.\d+\.\d+\.\d+$/.test(podIP) ? podIP.replace(/\d+$/, '1') : '10.244.0.1');
    const host = origin.host ?? (port === 80 ? podIP : `${podIP}:${port}`);
    const request = { target, host, remoteAddr: `${clientIP}:${randomInt(32768, 61000)}`, requestId: randomBytes(16).toString('hex'), ...(origin.headers ? { headers: origin.headers } : {}) };
    return { ...this.placeholderFacts(port), request };
  }

  /**
   * `kubectl exec`: a new process beside the main one, on the same file system,
   * network and process table. A program the image lacks fails as runc fails it.
   * The process ends when it exits, when signalled, or with the container.
   */
  startSession(argv: readonly string[], options: SessionOptions, output: SessionOutput): ProcessSession {
    const plan = decideExec(this.image.behaviour, argv, shellRuns);
    if (plan.kind === 'missing') return endedAt(plan.exitCode, output.stdout, `${plan.message}\r\n`);
    // A program of the image the emulator does not act out (a database client, a REPL): said, never silent.
    if (plan.kind === 'opaque') return endedAt(127, output.stderr, `${argv[0]}: not found (the image has it, but kubelab does not emulate it)\n`);
    const controller = new AbortController();
    const entry = this.processes.spawn(argv.join(' '), (signal) => {
      session.kill(signal === 'SIGKILL' || signal === 'SIGINT' || signal === 'SIGHUP' ? signal : 'SIGTERM');
      return true;
    });
    const host = this.processHost(controller.signal, output, entry.pid, options.cause, options.outputRoom);
    const session = startProcess(argv, host, { stdin: options.stdin, tty: options.tty ? defaultTerminal : undefined }, output);
    (this.sessions ??= new Set()).add(session);
    void session.exit.then(() => {
      this.sessions?.delete(session);
      entry.exited();
    });
    return session;
  }

  /** `kubectl attach`: the main process's output from now on; `onExit` when it ends. Returns the detach. */
  attach(output: SessionOutput, onExit: () => void): () => void {
    const client = { output, onExit };
    if (this.exited) {
      onExit();
      return () => undefined;
    }
    (this.attached ??= new Set()).add(client);
    return () => this.attached?.delete(client);
  }

  /** Bytes an attached client types into the main process's stdin (containers with `stdin: true`). */
  writeStdin(bytes: Uint8Array): void {
    this.main?.write(bytes);
  }

  /** An attached client left: with `stdinOnce` the main process's stdin is closed. */
  attachEnded(): void {
    if (this.spec.stdinOnce) this.main?.closeStdin();
  }

  /** The terminal size of the main process (containers with `tty: true`). */
  resize(cols: number, rows: number): void {
    this.main?.resize(cols, rows);
  }

  /** The number of a named container port (probes may name ports), or 0. */
  namedPort(name: string): number {
    return (this.spec.ports ?? []).find((p) => p.name === name)?.containerPort ?? 0;
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
    const collect = utf8Text((text) => (output += text));
    try {
      const exitCode = await runProcess(argv, this.processHost(controller.signal, { stdout: collect, stderr: collect }, 0));
      return { exitCode: controller.signal.aborted ? -1 : exitCode, output: controller.signal.aborted ? `command timed out after ${timeoutSeconds}s` : output };
    } finally {
      clearTimeout(timer);
    }
  }
}
