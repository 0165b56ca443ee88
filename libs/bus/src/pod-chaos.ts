/** A chaos drill on one pod, as the lab's supervisor asks the agent of the pod's node (subjects.agentChaos). */

/** What to do to the pod's container. Durations are Kubernetes seconds (on the lab clock). */
export type PodChaos =
  | { action: 'crash'; container?: string; exitCode?: number }
  | { action: 'oom'; container?: string }
  | { action: 'unhealthy'; container?: string; probe?: 'liveness' | 'readiness'; forSeconds?: number };

export interface PodChaosRequest {
  namespace: string;
  pod: string;
  chaos: PodChaos;
}

/** The agent's answer: done, or why not (the message says what to change). */
export interface ChaosAnswer {
  ok: boolean;
  message: string;
}
