/**
 * The chaos buttons' requests to the supervisor's control API (POST /chaos/{action})
 * and the question each asks first; the agents' process states from GET /status,
 * and which node buttons make sense in each (the control API refuses the others).
 */
import type { NodeServiceState } from '@kubelab/bus';

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

export type AgentState = 'running' | 'paused' | 'stopped' | 'exited';

/** One way in from the host (a node port, a load balancer port, an Ingress host, a Gateway listener) and the pods its requests reached. */
export interface HostReachRow {
  kind: 'NodePort' | 'LoadBalancer' | 'Ingress' | 'Gateway';
  name: string;
  port: string;
  url: string;
  reached: { pod: string; requests: number }[];
}

export interface ProcessStatus {
  /** Each process; a kubelet-agent's with the nodes it hosts (one, or several with `kubelab up --nodes-per-agent`). */
  processes: { name: string; pid: number; state: AgentState; nodes?: string[] }[];
  /** Each node's systemd units, as its agent tells them (an older supervisor sends none). */
  nodes?: { node: string; services: NodeServiceState[] }[];
  /** What the host reaches, once the supervisor serves it. */
  hostReach?: HostReachRow[];
}

/** node-2 → paused, from the state of the kubelet-agent that hosts node-2. */
export function agentStates(status: ProcessStatus): Map<string, AgentState> {
  return new Map(status.processes.flatMap((p) => (p.nodes ?? []).map((node) => [node, p.state] as const)));
}

/** node-2 → its kubelet's and containerd's units, from the supervisor's GET /status. */
export function nodeServiceStates(status: ProcessStatus): Map<string, readonly NodeServiceState[]> {
  return new Map((status.nodes ?? []).map((n) => [n.node, n.services]));
}

export interface NodeButton {
  action: NodeChaos;
  enabled: boolean;
  /** What the button does, or why it is disabled. */
  title: string;
}

const allowed: Record<AgentState, { actions: readonly NodeChaos[]; why: string }> = {
  running: { actions: ['kill-agent', 'pause-agent'], why: 'the agent is running: kill or pause it' },
  paused: { actions: ['kill-agent', 'resume-agent'], why: 'the agent is paused: resume or kill it' },
  stopped: { actions: ['start-agent'], why: 'the agent was stopped: start it' },
  exited: { actions: ['start-agent'], why: 'the agent exited: start it' },
};

const doing: Record<NodeChaos, string> = {
  'kill-agent': 'SIGKILL the kubelet-agent: the node goes NotReady',
  'pause-agent': 'SIGSTOP the kubelet-agent: it freezes until resumed',
  'resume-agent': 'SIGCONT the paused kubelet-agent',
  'start-agent': 'start the kubelet-agent again',
};

/** The node's buttons, enabled as the control API would accept them for the agent's state (none known: all disabled). */
export function nodeButtons(node: string, agent: AgentState | undefined): NodeButton[] {
  return nodeActions.map((action) => {
    if (!agent) {
      return { action, enabled: false, title: `the lab supervisor reports no kubelet-agent for ${node} (GET /status); in the compose lab, run on the host: npx kubelab chaos ${action} ${node} --engine compose` };
    }
    const { actions, why } = allowed[agent];
    return actions.includes(action) ? { action, enabled: true, title: doing[action] } : { action, enabled: false, title: why };
  });
}
