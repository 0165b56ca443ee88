/** The lab's clock as the workload controllers (ReplicaSet, Deployment) receive it. */

/**
 * Now, and how much faster than real time Kubernetes durations pass: a duration of D
 * seconds takes D*1000/timeScale wall milliseconds.
 */
export interface WorkloadClock {
  now: Date;
  timeScale: number;
}

/** Wall milliseconds a Kubernetes duration of `seconds` takes in the lab. */
export function scaledMs(seconds: number, clock: WorkloadClock): number {
  return (seconds * 1000) / clock.timeScale;
}
