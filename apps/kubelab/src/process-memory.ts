/**
 * What a lab process costs the machine, as `kubelab status` shows it: its resident set (RSS: every page it maps that is
 * in memory, shared ones included) and its proportional share (PSS: each shared page split among the processes that map
 * it, so the lab's PSS summed is what it takes), its children's with it (nats-server under its watcher) but for the
 * supervisor, whose children are the other processes. Read from
 * /proc/PID/smaps_rollup, Linux's; undefined elsewhere, or for a process that is gone.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** Memory in kibibytes. */
export interface ProcessMemory {
  rssKiB: number;
  pssKiB: number;
}

/** The Rss and Pss lines of a smaps_rollup text. */
export function parseSmapsRollup(text: string): ProcessMemory | undefined {
  const field = (name: string) => new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(text)?.[1];
  const [rss, pss] = [field('Rss'), field('Pss')];
  return rss === undefined || pss === undefined ? undefined : { rssKiB: Number(rss), pssKiB: Number(pss) };
}

const read = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** The processes `pid` started, as /proc lists them. */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) => (read(`/proc/${pid}/task/${task}/children`) ?? '').split(' ').filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

/** What `pid` holds now, with the processes it started unless `alone`; undefined when /proc does not say. */
export function processMemory(pid: number, alone = false): ProcessMemory | undefined {
  const own = parseSmapsRollup(read(`/proc/${pid}/smaps_rollup`) ?? '');
  if (!own || alone) return own;
  return childrenOf(pid).map((child) => processMemory(child)).reduce<ProcessMemory>(
    (sum, child) => (child ? { rssKiB: sum.rssKiB + child.rssKiB, pssKiB: sum.pssKiB + child.pssKiB } : sum), own,
  );
}

/** Kibibytes as `kubelab status` prints them: whole MiB. */
export const mib = (kib: number) => `${Math.round(kib / 1024)} MiB`;
