/**
 * The processes `ps` shows on a node, as on a kubeadm node: systemd, journald, sshd, containerd and the kubelet
 * while it runs (with its command line), then for each pod sandbox containerd's shim, the pause process, and the
 * processes of each of its running containers (their main process and exec sessions) under node-wide PIDs.
 *
 * `kill` as root reaches them: a container's process as from outside its PID namespace (KILL ends even its PID 1),
 * containerd's and the kubelet's main process through their units (systemd starts them again). systemd itself (PID 1,
 * which the kernel sends only the signals it handles), journald, sshd, a pod's shim and its pause process take a signal
 * and run on: the emulator does not model their end.
 */
import type { CriSandbox, NodeServices, ProcessInfo, ProcessTable } from '@kubelab/shell';

/** A running container's processes (PIDs as the container numbers them), and a signal from the node to one of them. */
export interface ContainerProcesses {
  readonly processes: readonly ProcessInfo[];
  /** Delivers `signal` (`SIGTERM`…) to the container's process `pid`; false when it has none. */
  signal(pid: number, signal: string): boolean;
}

/** A pod's sandbox and the processes of each of its running containers. */
export interface SandboxProcesses {
  sandbox: CriSandbox;
  containers: readonly ContainerProcesses[];
}

/** Where the node's processes come from. */
export interface NodeProcessSources {
  /** The node's systemd: containerd's and the kubelet's units. */
  readonly services: NodeServices;
  /** Delivers `signal` to the main process of a unit by its PID; false when no unit's main process has it. */
  signalUnit(pid: number, signal: string): boolean;
  /** Each running pod's sandbox and its containers' processes. */
  pods(): readonly SandboxProcesses[];
  /** When the node came up. */
  readonly boot: Date;
}

/** One process of the node, and what a signal from root does to it (false: it is gone). */
interface NodeProcess {
  readonly info: ProcessInfo;
  signal(signal: string): boolean;
}

/** PIDs a sandbox's processes get: its shim at the base, pause after it, its containers' processes after that. */
const firstPodPid = 1200;
const pidsPerPod = 40;
/** A process that takes any signal and runs on. */
const runsOn = () => true;

function unitProcess(sources: NodeProcessSources, unit: string, fallback: { pid: number; command: string }, memory: { vszKiB: number; rssKiB: number }): NodeProcess[] {
  const u = sources.services.unit(unit);
  if (!u || u.active !== 'active' || !u.mainPid) return [];
  const pid = u.mainPid;
  return [{ info: { pid, ppid: 1, user: 'root', command: u.commandLine || fallback.command, startedAt: u.since, stat: 'Ssl', ...memory }, signal: (signal) => sources.signalUnit(pid, signal) }];
}

/** The shim, the pause process and the containers' processes of each sandbox, under node-wide PIDs in the order the sandboxes were made. */
function sandboxProcesses(pods: readonly SandboxProcesses[]): NodeProcess[] {
  const ordered = [...pods].sort((a, b) => a.sandbox.createdAt.getTime() - b.sandbox.createdAt.getTime() || a.sandbox.id.localeCompare(b.sandbox.id));
  return ordered.flatMap(({ sandbox, containers }, i) => {
    const base = firstPodPid + i * pidsPerPod;
    const shim: ProcessInfo = {
      pid: base, ppid: 1, user: 'root', command: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${sandbox.id} -address /run/containerd/containerd.sock`,
      startedAt: sandbox.createdAt, stat: 'Sl', vszKiB: 1238400, rssKiB: 12288,
    };
    const pause: ProcessInfo = { pid: base + 1, ppid: base, user: '65535', command: '/pause', startedAt: sandbox.createdAt, stat: 'Ss', vszKiB: 1020, rssKiB: 512 };
    let next = base + 2;
    const inContainers = containers.flatMap((container) => [...container.processes].sort((a, b) => a.pid - b.pid).map((p): NodeProcess => {
      const pid = next++;
      return {
        info: { ...p, pid, ppid: base, stat: p.stat ?? (p.pid === 1 ? 'Ss' : 'S'), vszKiB: p.vszKiB ?? 4096, rssKiB: p.rssKiB ?? 2048 },
        signal: (signal) => container.signal(p.pid, signal),
      };
    }));
    return [{ info: shim, signal: runsOn }, { info: pause, signal: runsOn }, ...inContainers];
  });
}

/** Every process of the node, by PID. */
function nodeProcesses(sources: NodeProcessSources): NodeProcess[] {
  const { boot } = sources;
  const system: NodeProcess[] = [
    { info: { pid: 1, ppid: 0, user: 'root', command: '/sbin/init', startedAt: boot, stat: 'Ss', vszKiB: 22060, rssKiB: 13056 }, signal: runsOn },
    { info: { pid: 287, ppid: 1, user: 'root', command: '/lib/systemd/systemd-journald', startedAt: boot, stat: 'Ss', vszKiB: 41476, rssKiB: 16384 }, signal: runsOn },
    { info: { pid: 650, ppid: 1, user: 'root', command: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', startedAt: boot, stat: 'Ss', vszKiB: 15432, rssKiB: 9216 }, signal: runsOn },
    ...unitProcess(sources, 'containerd.service', { pid: 402, command: '/usr/bin/containerd' }, { vszKiB: 1946820, rssKiB: 49152 }),
    ...unitProcess(sources, 'kubelet.service', { pid: 812, command: '/usr/bin/kubelet' }, { vszKiB: 2117660, rssKiB: 92160 }),
  ];
  return [...system, ...sandboxProcesses(sources.pods())];
}

/** The node's process table: `ps` lists it, and `kill` signals its processes by their node-wide PIDs. */
export function nodeProcessTable(sources: NodeProcessSources): ProcessTable {
  return {
    list: () => nodeProcesses(sources).map((p) => p.info),
    signal: (pid, signal) => nodeProcesses(sources).find((p) => p.info.pid === pid)?.signal(signal) ?? false,
  };
}
