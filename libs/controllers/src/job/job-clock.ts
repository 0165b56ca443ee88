/** The lab's clock as the Job controller receives it. */

/**
 * Now, and how much faster than real time Kubernetes durations pass (a duration of D
 * seconds takes D*1000/timeScale wall milliseconds).
 */
export interface JobClock {
  now: Date;
  timeScale: number;
}

/** Wall milliseconds a Kubernetes duration of `seconds` takes in the lab. */
export function scaledMs(seconds: number, clock: JobClock): number {
  return (seconds * 1000) / clock.timeScale;
}
