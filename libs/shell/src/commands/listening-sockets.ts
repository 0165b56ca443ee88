/**
 * The TCP sockets a kubeadm node's programs listen on, read off its process list so they follow what runs: sshd, the
 * kubelet and containerd as systemd runs them, and the host-network processes of the static pods and DaemonSets
 * (kube-apiserver, etcd, kube-controller-manager, kube-scheduler, kube-proxy), each at the address and port its command
 * line sets, or its default. A Go server that binds 0.0.0.0 (or no address) listens on one dual-stack IPv6 socket,
 * which `ss` shows as `*` and netstat as `:::`; sshd listens on 0.0.0.0 and on an IPv6-only `[::]` socket. A pod on the
 * pod network listens in its own namespace, which neither tool on the node shows.
 */
import type { ProcessInfo } from '../process/process-host.js';
import { ipv4ToNumber } from './net-links.js';

/** One listening socket, its owner and the descriptor it holds it on, as `ss -p` and `netstat -p` name them. */
export interface ListeningSocket {
  readonly protocol: 'tcp';
  /** `127.0.0.1`, `172.18.0.2`, `0.0.0.0` for IPv4; `::` for IPv6. */
  readonly address: string;
  readonly ipv6: boolean;
  /** An IPv6 socket that takes no IPv4 connections (sshd's): `[::]` rather than `*`. */
  readonly v6only: boolean;
  readonly port: number;
  /** The accept queue's length: what `ss` shows as Send-Q (Go asks for somaxconn, 4096; sshd for 128). */
  readonly backlog: number;
  readonly process: ProcessInfo;
  readonly fd: number;
}

/** The port containerd's CRI streaming server happens to listen on (a random one, on a real node). */
const CONTAINERD_STREAM_PORT = 36597;
const GO_BACKLOG = 4096;
const SSHD_BACKLOG = 128;

/** The program's name, as its first word gives it: `kube-apiserver`, `kubelet` for `/usr/bin/kubelet`, `sshd` for `sshd: …`. */
function programName(command: string): string {
  const first = command.split(' ')[0].replace(/:$/, '');
  return first.slice(first.lastIndexOf('/') + 1);
}

/** The value of `--name=value` on the command line. */
function flag(command: string, name: string): string | undefined {
  return new RegExp(`(?:^| )--${name}=(\\S+)`).exec(command)?.[1];
}

/** One Go listener on `host:port`: the wildcard becomes the dual-stack IPv6 socket. */
function goListener(process: ProcessInfo, host: string, port: number, fd: number): ListeningSocket {
  const wildcard = host === '' || host === '0.0.0.0' || host === '::' || host === '[::]';
  return { protocol: 'tcp', address: wildcard ? '::' : host, ipv6: wildcard, v6only: false, port, backlog: GO_BACKLOG, process, fd };
}

/** etcd's listeners from its --listen-*-urls, in the order it opens them (peers, clients, metrics), on fds from 7. */
function etcdListeners(process: ProcessInfo): ListeningSocket[] {
  const urls = ['listen-peer-urls', 'listen-client-urls', 'listen-metrics-urls'].flatMap((name) => (flag(process.command, name) ?? '').split(',').filter(Boolean));
  return urls.flatMap((url, i) => {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    return parsed ? [goListener(process, parsed.hostname, Number(parsed.port), 7 + i)] : [];
  });
}

/** A control-plane component's one secure port: --bind-address (0.0.0.0 by default) and --secure-port. */
function securePort(process: ProcessInfo, defaultPort: number): ListeningSocket[] {
  const port = Number(flag(process.command, 'secure-port') ?? defaultPort);
  return [goListener(process, flag(process.command, 'bind-address') ?? '0.0.0.0', port, 3)];
}

/** What one process listens on. */
function listenersOf(process: ProcessInfo): ListeningSocket[] {
  switch (programName(process.command)) {
    case 'sshd':
      // The listener, not the per-login `sshd: root@pts/0` processes.
      if (!process.command.includes('[listener]')) return [];
      return [
        { protocol: 'tcp', address: '0.0.0.0', ipv6: false, v6only: false, port: 22, backlog: SSHD_BACKLOG, process, fd: 3 },
        { protocol: 'tcp', address: '::', ipv6: true, v6only: true, port: 22, backlog: SSHD_BACKLOG, process, fd: 4 },
      ];
    case 'containerd':
      return [goListener(process, '127.0.0.1', CONTAINERD_STREAM_PORT, 11)];
    case 'kubelet':
      return [goListener(process, '127.0.0.1', 10248, 17), goListener(process, '0.0.0.0', 10250, 22)];
    case 'kube-apiserver':
      return securePort(process, 6443);
    case 'kube-controller-manager':
      return securePort(process, 10257);
    case 'kube-scheduler':
      return securePort(process, 10259);
    case 'etcd':
      return etcdListeners(process);
    case 'kube-proxy':
      return [goListener(process, '127.0.0.1', 10249, 11), goListener(process, '0.0.0.0', 10256, 12)];
    default:
      return [];
  }
}

function addressKey(socket: ListeningSocket): number {
  return socket.ipv6 ? 0 : ipv4ToNumber(socket.address);
}

/** The node's listening TCP sockets: IPv4 before IPv6 (the kernel's tables are read in that order), then by port and address. */
export function listeningSockets(processes: readonly ProcessInfo[]): ListeningSocket[] {
  return processes.flatMap(listenersOf).sort((a, b) => Number(a.ipv6) - Number(b.ipv6) || a.port - b.port || addressKey(a) - addressKey(b));
}

/** The name the kernel keeps for a process (`/proc/PID/comm`): its program's, cut to 15 bytes (`kube-controller`). */
export function commandName(process: ProcessInfo): string {
  return programName(process.command).slice(0, 15);
}
