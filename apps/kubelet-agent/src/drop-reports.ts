/**
 * The agent's reports of connections NetworkPolicy dropped: a container's wget retried in a
 * loop must not flood the log, so identical drops (same source, destination and port) within
 * a few lab seconds are one report plus one with their count (@kubelab/api's bursts), each
 * sent to the api-server, which logs it as a ConnectionDropped entry about the source pod.
 */
import { dropKey, type ConnectionDrop } from '@kubelab/api';
import { BurstRecorder, type ApiClient } from '@kubelab/bus';
import type { Logger } from 'pino';
import type { ReportDrop } from './cluster-network.js';
import type { LabClock } from './runtime/lab-clock.js';

/** Lab seconds during which identical drops are only counted. */
export const dropWindowSeconds = 5;

/** The reporter the emulated network calls for each drop, and `flush` for what open bursts still owe at shutdown. */
export function dropReports(client: ApiClient, clock: LabClock, log: Logger): { report: ReportDrop; flush: () => void } {
  const bursts = new BurstRecorder<ConnectionDrop>(clock.realMs(dropWindowSeconds), (drop, occurrences) => {
    client.recordDrop({ ...drop, ...occurrences }).catch((e: Error) => log.warn({ err: e.message, pod: drop.source.name }, 'dropped connection not recorded'));
  });
  return { report: (drop) => bursts.note(dropKey(drop), drop), flush: () => bursts.flush() };
}
