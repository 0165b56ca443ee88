/**
 * The chaos buttons' requests to the supervisor's control API (POST /chaos/{action})
 * and the question each asks first; and the agents' process states from GET /status.
 */
export type NodeChaos = 'kill-agent' | 'pause-agent' | 'resume-agent' | 'start-agent';
export type PodChaos = 'crash' | 'unhealthy';

export interface ChaosRequest {
  path: string;
  body: Record<string, unknown>;
  question: string;
}

export const nodeActions: readonly NodeChaos[] = ['kill-agent', 'pause-agent', 'resume-agent', 'start-agent'];
export const podActions: readonly PodChaos[] = ['crash', 'unhealthy'];

const nodeQuestions: Record<NodeChaos, (node: string) => string> = {
  'kill-agent': (node) => `Kill the kubelet-agent of ${node} (SIGKILL)? The node stops reporting and goes NotReady.`,
  'pause-agent': (node) => `Pause the kubelet-agent of ${node} (SIGSTOP)? It freezes until resumed.`,
  'resume-agent': (node) => `Resume the kubelet-agent of ${node} (SIGCONT)?`,
  'start-agent': (node) => `Start the kubelet-agent of ${node} again?`,
};

export function nodeChaos(action: NodeChaos, node: string): ChaosRequest {
  const body = action === 'kill-agent' ? { node, signal: 'KILL' } : { node };
  return { path: `/chaos/${action}`, body, question: nodeQuestions[action](node) };
}

export function podChaos(action: PodChaos, namespace: string, pod: string): ChaosRequest {
  const question = action === 'crash'
    ? `Crash pod ${namespace}/${pod} (its container exits with code 1)?`
    : `Make pod ${namespace}/${pod} fail its liveness probe for 30 s?`;
  const body = action === 'crash' ? { namespace, pod, exitCode: 1 } : { namespace, pod, probe: 'liveness', forSeconds: 30 };
  return { path: `/chaos/${action}`, body, question };
}

export interface ProcessStatus {
  processes: { name: string; pid: number; state: 'running' | 'paused' | 'stopped' }[];
}

/** node-2 → paused, from the process named kubelet-agent/node-2. */
export function agentStates(status: ProcessStatus): Map<string, string> {
  const prefix = 'kubelet-agent/';
  return new Map(status.processes.filter((p) => p.name.startsWith(prefix)).map((p) => [p.name.slice(prefix.length), p.state]));
}
