/**
 * A node's own disk, as hostPath volumes and local PersistentVolumes see it: the
 * directories every node has, and the hostPath plugin's check of a path's type before
 * the volume is set up (pkg/volume/hostpath, 1.32), with its messages. A path that is
 * missing is made where the type says so (DirectoryOrCreate, FileOrCreate) or, with no
 * type, by the container runtime, which creates a missing bind-mount source directory.
 */
import { encodeUtf8, resolvePath, type FsEntryKind } from '@kubelab/shell';
import { createHash } from 'node:crypto';

/**
 * The directories of a node's disk before any pod wrote to it (a kubeadm node's layout), with the ones node agents'
 * DaemonSets mount (log collectors read /var/log/journal and /var/lib/docker/containers, node exporters /proc and
 * /sys, device plugins register under /var/lib/kubelet).
 */
export const nodeDiskDirectories: readonly string[] = [
  '/bin', '/boot', '/dev', '/etc', '/etc/kubernetes', '/etc/kubernetes/manifests', '/etc/ssl/certs', '/home', '/lib', '/lib64', '/mnt', '/opt',
  '/proc', '/root', '/run', '/run/containerd', '/run/systemd', '/sbin', '/srv', '/sys', '/sys/class', '/sys/fs/cgroup', '/sys/kernel', '/tmp',
  '/usr', '/usr/bin', '/usr/lib', '/usr/lib64', '/usr/local', '/usr/share', '/var', '/var/lib', '/var/lib/containerd', '/var/lib/docker/containers',
  '/var/lib/kubelet', '/var/lib/kubelet/device-plugins', '/var/lib/kubelet/plugins', '/var/lib/kubelet/plugins_registry', '/var/lib/kubelet/pods',
  '/var/log', '/var/log/containers', '/var/log/journal', '/var/log/pods', '/var/run',
];

/**
 * The files of a node's disk that DaemonSets mount with `type: File` (fluent-bit's /etc/machine-id) or read: the
 * machine ID systemd wrote at first boot (32 hex digits, one per node, stable across restarts), the hostname and
 * the OS of a kind node.
 */
export function nodeDiskFiles(nodeName: string): Record<string, string> {
  return {
    '/etc/machine-id': `${createHash('sha256').update(`machine-id:${nodeName}`).digest('hex').slice(0, 32)}\n`,
    '/etc/hostname': `${nodeName}\n`,
    '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n',
  };
}

/** The character devices of a node's disk. */
export const nodeDiskDevices: readonly string[] = ['/dev/null', '/dev/zero', '/dev/random', '/dev/urandom'];

/** What the node's disk has at a path (absolute, normalised, a byte string). */
export type NodeDiskLookup = (path: string) => FsEntryKind | undefined;

/** Go with it as it is, after making a directory or an empty file there; or fail the mount with `message`. */
export type HostPathSetUp = { ok: true; path: string; make?: 'directory' | 'file' } | { ok: false; message: string };

const parentOf = (path: string) => path.slice(0, Math.max(path.lastIndexOf('/'), 1));

/** os.MkdirAll: the first ancestor that is not a directory stops it. */
function makeDirectory(path: string, written: string, disk: NodeDiskLookup): HostPathSetUp {
  let prefix = '';
  for (const segment of path.split('/').slice(1)) {
    prefix = `${prefix}/${segment}`;
    const kind = disk(prefix);
    if (kind === undefined) return { ok: true, path, make: 'directory' };
    if (kind !== 'dir') return { ok: false, message: `mkdir ${prefix === path ? written : prefix}: not a directory` };
  }
  return { ok: true, path };
}

/** os.OpenFile with O_CREATE: the parent directory must be there. */
function makeFile(path: string, written: string, disk: NodeDiskLookup): HostPathSetUp {
  const parent = disk(parentOf(path));
  if (parent === undefined) return { ok: false, message: `open ${written}: no such file or directory` };
  if (parent !== 'dir') return { ok: false, message: `open ${written}: not a directory` };
  return { ok: true, path, make: 'file' };
}

/** checkTypeInternal for a hostPath of `type` at `written` (the path as the volume names it), on the node's disk. */
export function hostPathSetUp(written: string, type: string, disk: NodeDiskLookup): HostPathSetUp {
  const path = resolvePath(encodeUtf8(written));
  const kind = disk(path);
  const typeCheckFailed = (what: string): HostPathSetUp => ({ ok: false, message: `hostPath type check failed: ${written} is not a ${what}` });
  switch (type) {
    case '':
      return kind === undefined ? makeDirectory(path, written, disk) : { ok: true, path };
    case 'DirectoryOrCreate':
      if (kind === undefined) return makeDirectory(path, written, disk);
      return kind === 'dir' ? { ok: true, path } : typeCheckFailed('directory');
    case 'Directory':
      return kind === 'dir' ? { ok: true, path } : typeCheckFailed('directory');
    case 'FileOrCreate':
      if (kind === undefined) return makeFile(path, written, disk);
      return kind === 'file' ? { ok: true, path } : typeCheckFailed('file');
    case 'File':
      return kind === 'file' ? { ok: true, path } : typeCheckFailed('file');
    case 'Socket':
      return typeCheckFailed('socket file');
    case 'CharDevice':
      return kind === 'device' ? { ok: true, path } : typeCheckFailed('character device');
    case 'BlockDevice':
      return typeCheckFailed('block device');
    default:
      return { ok: false, message: `${type} is an invalid volume type` };
  }
}

/** The local volume plugin's NewMounter: the path must be on the node's disk. */
export function localPathProblem(written: string, disk: NodeDiskLookup): string | undefined {
  return disk(resolvePath(encodeUtf8(written))) === undefined ? `path "${written}" does not exist` : undefined;
}
