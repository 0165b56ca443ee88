/**
 * The processes `ps` shows on a node, as on a kubeadm node: systemd, journald, sshd, containerd and the kubelet
 * while it runs (with its command line), then for each pod sandbox containerd's shim, the pause process, and the
 * processes of each of its running containers (their main process and exec sessions) under node-wide PIDs.
 */
import type { CriSandbox, NodeServices, ProcessInfo } from '@kubelab/shell';

/** A pod's sandbox and the processes of each of its running containers (PIDs as the container numbers them). */
export interface SandboxProcesses {
  sandbox: CriSandbox;
  containers: readonly (readonly ProcessInfo[])[];
}

/** PIDs a sandbox's processes get: its shim at the base, pause after it, its containers' processes after that. */
const firstPodPid = 1200;
const pidsPerPod = 40;

function unitProcess(services: NodeServices, unit: string, fallback: { pid: number; command: string }, memory: { vszKiB: number; rssKiB: number }): ProcessInfo[] {
  const u = services.unit(unit);
  if (!u || u.active !== 'active' || !u.mainPid) return [];
  return [{ pid: u.mainPid, ppid: 1, user: 'root', command: u.commandLine || fallback.command, startedAt: u.since, stat: 'Ssl', ...memory }];
}

/** Every process of the node, by PID; `boot` is when the node came up. */
export function nodeProcesses(services: NodeServices, pods: readonly SandboxProcesses[], boot: Date): ProcessInfo[] {
  const system: ProcessInfo[] = [
    { pid: 1, ppid: 0, user: 'root', command: '/sbin/init', startedAt: boot, stat: 'Ss', vszKiB: 22060, rssKiB: 13056 },
    { pid: 287, ppid: 1, user: 'root', command: '/lib/systemd/systemd-journald', startedAt: boot, stat: 'Ss', vszKiB: 41476, rssKiB: 16384 },
    { pid: 650, ppid: 1, user: 'root', command: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', startedAt: boot, stat: 'Ss', vszKiB: 15432, rssKiB: 9216 },
    ...unitProcess(services, 'containerd.service', { pid: 402, command: '/usr/bin/containerd' }, { vszKiB: 1946820, rssKiB: 49152 }),
    ...unitProcess(services, 'kubelet.service', { pid: 812, command: '/usr/bin/kubelet' }, { vszKiB: 2117660, rssKiB: 92160 }),
  ];
  const ordered = [...pods].sort((a, b) => a.sandbox.createdAt.getTime() - b.sandbox.createdAt.getTime() || a.sandbox.id.localeCompare(b.sandbox.id));
  const sandboxes = ordered.flatMap(({ sandbox, containers }, i) => {
    const base = firstPodPid + i * pidsPerPod;
    const shim: ProcessInfo = {
      pid: base, ppid: 1, user: 'root', command: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${sandbox.id} -address /run/containerd/containerd.sock`,
      startedAt: sandbox.createdAt, stat: 'Sl', vszKiB: 1238400, rssKiB: 12288,
    };
    const pause: ProcessInfo = { pid: base + 1, ppid: base, user: '65535', command: '/pause', startedAt: sandbox.createdAt, stat: 'Ss', vszKiB: 1020, rssKiB: 512 };
    let next = base + 2;
    const inContainers = containers.flatMap((processes) => [...processes].sort((a, b) => a.pid - b.pid).map((p) => {
      const pid = next++;
      return { ...p, pid, ppid: base, stat: p.stat ?? (p.pid === 1 ? 'Ss' : 'S'), vszKiB: p.vszKiB ?? 4096, rssKiB: p.rssKiB ?? 2048 };
    }));
    return [shim, pause, ...inContainers];
  });
  return [...system, ...sandboxes];
}
