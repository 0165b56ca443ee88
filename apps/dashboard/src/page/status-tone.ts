/**
 * The colour class of a STATUS string as `kubectl get pods` and `kubectl get nodes`
 * print it: running green, waiting grey, failing red, done blue, going away (or
 * cordoned, or paused) amber. Also of a kubelet-agent's process state.
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

/** Each comma-separated part of a node STATUS with its own colour: `NotReady` red, `SchedulingDisabled` amber. */
export function nodeStatusParts(status: string): { text: string; tone: StatusTone }[] {
  return status.split(',').map((text) => ({ text, tone: text === 'Ready' ? 'running' : text === 'SchedulingDisabled' ? 'leaving' : 'failing' }));
}

/** A kubelet-agent process: running green, paused amber, stopped or exited red. */
export function agentTone(state: string): StatusTone {
  return state === 'running' ? 'running' : state === 'paused' ? 'leaving' : 'failing';
}

/** A node's systemd unit, as `systemctl is-active` says it: active green, activating (restarting after a failed start) amber, inactive or failed red. */
export function serviceTone(active: string): StatusTone {
  return active === 'active' ? 'running' : active === 'activating' ? 'leaving' : 'failing';
}
