/**
 * What the emulated node looks like from inside a container, for uname,
 * free, nproc, uptime and dmesg. A file under /proc wins when the image or
 * the kubelet provides one; otherwise these constants describe a typical
 * 4-CPU, 8 GiB x86_64 node.
 */
import type { CommandContext } from './command-context.js';

export const KERNEL_RELEASE = '6.6.32';
export const KERNEL_VERSION = '#1 SMP PREEMPT_DYNAMIC Mon Jun 10 10:00:00 UTC 2024';
export const MACHINE = 'x86_64';
export const CPU_COUNT = 4;
/** Seconds the node has been up when /proc/uptime does not say. */
const NODE_UPTIME_SECONDS = 3 * 86_400 + 4 * 3600 + 5 * 60;

/** /proc/meminfo's fields (kB) for a node with 8 GiB, a third of it in use. */
const MEMINFO_KB: Readonly<Record<string, number>> = {
  MemTotal: 8_152_768,
  MemFree: 4_621_444,
  MemAvailable: 6_811_232,
  Buffers: 142_116,
  Cached: 1_934_552,
  Shmem: 1_240,
  SReclaimable: 181_020,
  SwapTotal: 0,
  SwapFree: 0,
};

/** The text of a /proc file when the container has one. */
export function procFile(context: CommandContext, path: string): string | undefined {
  return context.fs.isFile(path) ? context.fs.read(path) : undefined;
}

/** /proc/meminfo as numbers, falling back to MEMINFO_KB field by field. */
export function memoryInfo(context: CommandContext): Record<string, number> {
  const info: Record<string, number> = { ...MEMINFO_KB };
  for (const line of (procFile(context, '/proc/meminfo') ?? '').split('\n')) {
    const match = /^(\w+):\s+(\d+)/.exec(line);
    if (match) info[match[1]] = Number(match[2]);
  }
  return info;
}

/** Seconds since boot, from /proc/uptime or NODE_UPTIME_SECONDS. */
export function uptimeSeconds(context: CommandContext): number {
  const first = Number((procFile(context, '/proc/uptime') ?? '').split(/\s+/)[0]);
  return Number.isFinite(first) && first > 0 ? first : NODE_UPTIME_SECONDS;
}
