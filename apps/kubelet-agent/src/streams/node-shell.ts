/**
 * `kubelab ssh NODE`: root's shell on the node itself, over the stream machinery exec uses. Its `/` is the node's
 * disk (what hostPath volumes and `kubectl debug node/…`'s /host see), its hostname the node's, its home /root, and
 * systemctl and journalctl reach the node's systemd (the kubelet's and containerd's units). With
 * no command it is bash reading the client's keystrokes (a TTY) or piped script; a command runs as ssh runs one, its
 * words joined and given to `bash -c`, and the session ends with its exit status.
 *
 * The node's network is the host's: an address reaches pods and Services as from any node, but a name resolves only
 * as the node's own resolv.conf would, never through the cluster DNS.
 */
import type { AgentStream, StreamOpen } from '@kubelab/bus';
import { MemoryFs, startProcess, type HttpRequestOptions, type HttpResponse, type NodeServices, type ProcessHost, type ProcessInfo, type ProcessTable, type Volume } from '@kubelab/shell';
import { isIP } from 'node:net';
import type { LabClock } from '../runtime/lab-clock.js';
import { runSession } from './process-sessions.js';
import { machineClock } from '../machine-clock.js';

export interface NodeShellDeps {
  node: string;
  /** The node's disk, held until `releaseDisk`. */
  acquireDisk(): Promise<Volume>;
  releaseDisk(): void;
  /** A session recorded in the log (its entry's seq) is open on the node until the function returned is called: edits of the node's files are its doing. */
  sessionOpened(record: number): () => void;
  clock: LabClock;
  /** The node's systemd: its units and journal. */
  services: NodeServices;
  /** An HTTP request from the node to an address of the cluster network. */
  http(url: string, request?: HttpRequestOptions): Promise<HttpResponse | undefined>;
  /** The node's processes (nodeProcessTable), which its `ps` lists beside the session's own and its `kill` signals. */
  processes: ProcessTable;
}

const terminal = { cols: 80, rows: 24 };
/** Each session's shell gets the next PID from here, as sshd forks one per login. */
let nextSessionPid = 4100;
const path = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The argv a session runs: bash on the client's input, or `bash -c` with the command's words joined, as sshd does. */
export function nodeShellArgv(command: readonly string[]): string[] {
  return command.length === 0 ? ['/bin/bash'] : ['/bin/bash', '-c', command.join(' ')];
}

/** What a name resolves to on the node: itself and localhost, or an address as written. */
function nodeLookup(node: string, name: string): string | undefined {
  if (isIP(name)) return name;
  if (name === 'localhost' || name === node) return '127.0.0.1';
  return undefined;
}

/** Runs one session's shell on the node; resolves when it is over. A disk that cannot be read ends it at once with that error. */
export async function runNodeShell(deps: NodeShellDeps, request: StreamOpen, stream: AgentStream): Promise<void> {
  let disk: Volume;
  try {
    disk = await deps.acquireDisk();
  } catch (e) {
    stream.finish({ status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `${deps.node}: ${(e as Error).message}`, reason: 'InternalError', code: 500 } });
    return;
  }
  const fs = new MemoryFs();
  fs.mount('/', disk);
  const abort = new AbortController();
  const argv = nodeShellArgv(request.command ?? []);
  const pid = (nextSessionPid += 7);
  const tty = request.tty ? 'pts/0' : undefined;
  const session: ProcessInfo[] = [
    { pid: pid - 1, ppid: 650, user: 'root', command: `sshd: root@${tty ?? 'notty'}`, startedAt: new Date(), stat: 'Ss', vszKiB: 17212, rssKiB: 10752 },
    { pid, ppid: pid - 1, user: 'root', command: argv.length === 1 ? '-bash' : argv.join(' '), startedAt: new Date(), stat: 'Ss', vszKiB: 7236, rssKiB: 4096, ...(tty ? { tty } : {}) },
  ];
  const host: ProcessHost = {
    fs, signal: abort.signal, workingDir: '/root', services: deps.services, pid, procps: true, cause: request.recordSeq,
    processes: { list: () => [...deps.processes.list(), ...session], signal: (target, name) => deps.processes.signal(target, name) },
    env: { HOME: '/root', USER: 'root', LOGNAME: 'root', SHELL: '/bin/bash', HOSTNAME: deps.node, PATH: path, ...(request.tty ? { TERM: 'xterm' } : {}) },
    sleep: (seconds, stop) => deps.clock.sleep(seconds, stop ?? abort.signal).catch(() => undefined),
    now: () => machineClock.now(),
    stdout: () => undefined, stderr: () => undefined,
    lookup: async (name) => nodeLookup(deps.node, name),
    http: async (url, options) => {
      const hostname = URL.canParse(url) ? new URL(url).hostname : '';
      return isIP(hostname) && !hostname.startsWith('127.') ? deps.http(url, options) : undefined;
    },
  };
  const closed = request.recordSeq === undefined ? undefined : deps.sessionOpened(request.recordSeq);
  try {
    await runSession((output, outputRoom) => startProcess(argv, { ...host, outputRoom }, { stdin: request.stdin, tty: request.tty ? terminal : undefined }, output), request, stream);
  } finally {
    closed?.();
    abort.abort('SIGKILL');
    deps.releaseDisk();
  }
}
