/**
 * The lab's time scale: Kubernetes durations (seconds as written in specs and in
 * the kubelet) pass `scale` times faster in real time. Timestamps stay wall-clock,
 * so AGE and event times read naturally; only waiting is compressed.
 */
export class LabClock {
  constructor(readonly scale: number) {}

  now(): Date {
    return new Date();
  }

  /** Real milliseconds for a Kubernetes duration in seconds. */
  realMs(seconds: number): number {
    return (seconds * 1000) / this.scale;
  }

  /** The wall-clock time `seconds` (Kubernetes time) after `from`. */
  after(from: Date, seconds: number): Date {
    return new Date(from.getTime() + this.realMs(seconds));
  }

  /** Waits a Kubernetes duration; rejects with the signal's reason when aborted. */
  sleep(seconds: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, this.realMs(seconds));
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
