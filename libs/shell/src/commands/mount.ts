/**
 * `mount` without arguments: the mounts a container sees, /proc/mounts when
 * the container has one, else the usual overlay root, proc, sysfs, devpts and
 * friends. Mounting anything is refused, as in an unprivileged container.
 */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { procFile } from './system-info.js';

const DEFAULT_MOUNTS = [
  'overlay on / type overlay (rw,relatime,lowerdir=/var/lib/containerd/snapshots/1/fs,upperdir=/var/lib/containerd/snapshots/2/fs,workdir=/var/lib/containerd/snapshots/2/work)',
  'proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)',
  'tmpfs on /dev type tmpfs (rw,nosuid,size=65536k,mode=755)',
  'devpts on /dev/pts type devpts (rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666)',
  'mqueue on /dev/mqueue type mqueue (rw,nosuid,nodev,noexec,relatime)',
  'sysfs on /sys type sysfs (ro,nosuid,nodev,noexec,relatime)',
  'cgroup on /sys/fs/cgroup type cgroup2 (ro,nosuid,nodev,noexec,relatime)',
  'shm on /dev/shm type tmpfs (rw,nosuid,nodev,noexec,relatime,size=65536k)',
];

/** Lists the mounts; any mount request fails with "permission denied". */
export function mount(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'arfnvw', values: 'tOo' }, '[OPTIONS] [-o OPT] DEVICE NODE');
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length > 0) return complain(context, 'permission denied (are you root?)', 255);
  const table = procFile(context, '/proc/mounts');
  const lines = table === undefined ? DEFAULT_MOUNTS : table.split('\n').filter((line) => line.trim() !== '').map(describe);
  const type = parsed.values.get('t');
  context.stdout(lines.filter((line) => type === undefined || line.includes(` type ${type} `)).map((line) => `${line}\n`).join(''));
  return 0;
}

/** A /proc/mounts line (`dev dir type opts 0 0`) as mount prints it. */
function describe(line: string): string {
  const [device, directory, type, options] = line.split(/\s+/);
  return `${device} on ${directory} type ${type} (${options})`;
}
