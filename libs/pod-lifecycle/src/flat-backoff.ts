/**
 * client-go's flowcontrol.Backoff as the kubelet configures it (10 s doubling to 300 s, no
 * jitter), for one key: the restart back-off of a container and the pull back-off of an image
 * both follow it. An entry is forgotten once an event comes more than twice the cap (10 min)
 * after its last update, which is how a container that ran long enough starts again at 10 s.
 */

/** The back-off state of one key. */
export interface FlatBackoff {
  delaySeconds: number;
  /** When the delay last grew (the restart or pull attempt it allowed). */
  updatedAt: string;
}

/** The first delay. */
export const INITIAL_BACKOFF_SECONDS = 10;
/** The cap. */
export const MAX_BACKOFF_SECONDS = 300;

function expired(entry: FlatBackoff, eventTime: Date): boolean {
  return eventTime.getTime() - Date.parse(entry.updatedAt) > 2 * MAX_BACKOFF_SECONDS * 1000;
}

/** True while an event at eventTime is still inside the delay (kubelet: IsInBackOffSince). */
export function isInBackOffSince(entry: FlatBackoff | undefined, eventTime: Date, now: Date): boolean {
  if (!entry || expired(entry, eventTime)) return false;
  return now.getTime() - eventTime.getTime() < entry.delaySeconds * 1000;
}

/** True while now is inside the delay that started at the last update (the image puller's check). */
export function isInBackOffSinceUpdate(entry: FlatBackoff | undefined, now: Date): boolean {
  if (!entry || expired(entry, now)) return false;
  return now.getTime() - Date.parse(entry.updatedAt) < entry.delaySeconds * 1000;
}

/** The entry after one more failure at eventTime: 10 s when new or forgotten, else doubled up to the cap. */
export function nextBackoff(entry: FlatBackoff | undefined, eventTime: Date, now: Date): FlatBackoff {
  const delaySeconds =
    !entry || expired(entry, eventTime) ? INITIAL_BACKOFF_SECONDS : Math.min(entry.delaySeconds * 2, MAX_BACKOFF_SECONDS);
  return { delaySeconds, updatedAt: now.toISOString() };
}
