/**
 * procps-ng's `ps`, as a Debian node has it: `ps aux` (BSD: USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND),
 * `ps -ef` (UID PID PPID C STIME TTY TIME CMD), `ps -e` (PID TTY TIME CMD for every process), and plain `ps` (the
 * terminal's own processes). Emulated processes spend no measurable CPU, so %CPU and TIME are zero.
 */
import type { ProcessInfo } from '../process/process-host.js';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** START and STIME: the time of day for a process started today, else month and day (`Nov24`). */
function started(at: Date, now: Date): string {
  const sameDay = at.getUTCFullYear() === now.getUTCFullYear() && at.getUTCMonth() === now.getUTCMonth() && at.getUTCDate() === now.getUTCDate();
  return sameDay ? `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}` : `${months[at.getUTCMonth()]}${two(at.getUTCDate())}`;
}

/** The name of a command line's program: `bash` for `/bin/bash -c …`. */
const programOf = (command: string) => {
  const first = command.split(' ')[0];
  return first.slice(first.lastIndexOf('/') + 1);
};

/** Which of procps' layouts the arguments ask for. */
export function procpsLayout(args: readonly string[]): 'bsd-user' | 'full' | 'every' | 'own' {
  const words = args.join(' ');
  // `ps -aux` is read as BSD `aux`, as procps does.
  if (args.some((a) => /^-?[awxe]*u[awxe]*$/.test(a))) return 'bsd-user';
  if (/(^|\s)-\w*f/.test(words)) return 'full';
  if (/(^|\s)-\w*[eA]/.test(words) || args.some((a) => !a.startsWith('-') && a.includes('x'))) return 'every';
  return 'own';
}

/** The rows procps prints for `args` over `processes`, `now` being the time of day; `own` are the terminal's processes. */
export function procpsTable(args: readonly string[], processes: readonly ProcessInfo[], own: readonly ProcessInfo[], now: Date): string {
  const sorted = [...processes].sort((a, b) => a.pid - b.pid);
  const tty = (p: ProcessInfo) => p.tty ?? '?';
  const layout = procpsLayout(args);
  switch (layout) {
    case 'bsd-user':
      return [
        'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
        ...sorted.map((p) => `${p.user.padEnd(8)} ${String(p.pid).padStart(7)}  0.0  0.0 ${String(p.vszKiB ?? 0).padStart(6)} ${String(p.rssKiB ?? 0).padStart(5)} ${tty(p).padEnd(8)} ${(p.stat ?? 'S').padEnd(4)} ${started(p.startedAt, now).padStart(5)}   0:00 ${p.command}`),
      ].join('\n') + '\n';
    case 'full':
      return [
        'UID          PID    PPID  C STIME TTY          TIME CMD',
        ...sorted.map((p) => `${p.user.padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid ?? 0).padStart(7)}  0 ${started(p.startedAt, now)} ${tty(p).padEnd(8)} 00:00:00 ${p.command}`),
      ].join('\n') + '\n';
    case 'every':
    case 'own': {
      const rows = layout === 'every' ? sorted : own;
      return ['    PID TTY          TIME CMD', ...rows.map((p) => `${String(p.pid).padStart(7)} ${tty(p).padEnd(8)} 00:00:00 ${programOf(p.command)}`)].join('\n') + '\n';
    }
    default: {
      const unknown: never = layout;
      throw new Error(`unknown layout ${String(unknown)}`);
    }
  }
}
