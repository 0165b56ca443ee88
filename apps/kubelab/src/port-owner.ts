/**
 * Who holds a port kubelab was asked to listen on, so that `kubelab up` can name it: Linux
 * lists listening sockets in /proc/net/tcp{,6} by inode, and each process's open sockets in
 * /proc/PID/fd. Elsewhere, or for another user's process, the pid stays unknown.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const LISTEN = '0A';

/** The inodes of the sockets listening on `port` in a /proc/net/tcp or tcp6 table. */
export function listeningInodes(table: string, port: number): string[] {
  return table.split('\n').slice(1).flatMap((line) => {
    const [, local, , state, , , , , , inode] = line.trim().split(/\s+/);
    if (!local || state !== LISTEN) return [];
    return parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port ? [inode] : [];
  });
}

const readOr = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/** The pid of a process listening on TCP `port`, when this machine tells. */
export function portOwner(port: number): number | undefined {
  const inodes = new Set([...listeningInodes(readOr('/proc/net/tcp'), port), ...listeningInodes(readOr('/proc/net/tcp6'), port)]);
  if (inodes.size === 0) return undefined;
  const pids = (() => {
    try {
      return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
    } catch {
      return [];
    }
  })();
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (target.startsWith('socket:[') && inodes.has(target.slice(8, -1))) return Number(pid);
      } catch {
        // The descriptor closed while we looked.
      }
    }
  }
  return undefined;
}

/** What `kubelab up` says of a port someone else holds: the flag, who holds it if known, and what to do. */
export function portTakenMessage(flag: string, port: number, owner: number | undefined): string {
  return `${flag} ${port} is in use${owner ? ` (by pid ${owner})` : ''}: choose another or stop it`;
}
