/**
 * The colour class of a STATUS string as `kubectl get pods` and `kubectl get nodes`
 * print it: running green, waiting grey, failing red, done blue, going away orange.
 */
export type StatusTone = 'running' | 'waiting' | 'failing' | 'done' | 'leaving';

const tones: Record<string, StatusTone> = {
  Running: 'running',
  Pending: 'waiting',
  ContainerCreating: 'waiting',
  PodInitializing: 'waiting',
  SchedulingGated: 'waiting',
  Completed: 'done',
  Succeeded: 'done',
  Terminating: 'leaving',
  Unknown: 'leaving',
  NotReady: 'leaving',
};

/** `Init:1/2` waits; `Init:CrashLoopBackOff`, `ExitCode:1`, `Signal:9`, `OOMKilled`, `ErrImagePull` … fail. */
export function podTone(status: string): StatusTone {
  const known = tones[status];
  if (known) return known;
  if (/^Init:\d+\/\d+$/.test(status)) return 'waiting';
  return 'failing';
}

/** `Ready` green, `NotReady` and `Unknown` red, whether or not `,SchedulingDisabled` follows. */
export function nodeTone(status: string): StatusTone {
  return status.split(',')[0] === 'Ready' ? 'running' : 'failing';
}
