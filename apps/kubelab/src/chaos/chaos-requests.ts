/**
 * The chaos drills the lab's control API carries out, and the check of a request
 * body (from `kubelab chaos` or the dashboard). Pure: unknown names are refused
 * later, against the running lab.
 */
import type { PodChaos } from '@kubelab/bus';
import { isApiServer } from '../components.js';
import { natsMemberName } from '../nats-auth.js';

export const agentActions = ['kill-agent', 'pause-agent', 'resume-agent', 'start-agent', 'partition', 'heal'] as const;
export const serviceActions = ['kill', 'start'] as const;
export const podActions = ['crash', 'unhealthy', 'oom'] as const;
export const chaosActions = [...agentActions, ...serviceActions, ...podActions] as const;
export type ChaosAction = (typeof chaosActions)[number];

/** The services `kill` and `start` act on; a lab with a NATS cluster has nats-1 … nats-N in the place of nats, one of several api-servers api-server-2 … beside api-server. */
export const services = ['api-server', 'scheduler', 'controller-manager', 'nats', 'dashboard'] as const;
const serviceNames = `${services.join(', ')}, api-server-2 … api-server-N, nats-1 … nats-N`;
export const signals = ['KILL', 'TERM'] as const;

export type ChaosRequest =
  | { action: 'kill-agent'; node: string; signal: (typeof signals)[number] }
  | { action: 'pause-agent' | 'resume-agent' | 'start-agent' | 'heal'; node: string }
  | { action: 'partition'; node: string; forSeconds?: number }
  | { action: 'kill'; service: string; signal: (typeof signals)[number] }
  | { action: 'start'; service: string }
  | { action: 'crash' | 'unhealthy' | 'oom'; namespace: string; pod: string; chaos: PodChaos };

/** A request that cannot be carried out as given; the message says what to change. */
export class ChaosRefusal extends Error {
  constructor(message: string, readonly code = 400) {
    super(message);
  }
}

const text = (body: Record<string, unknown>, field: string, what: string): string => {
  const v = body[field];
  if (typeof v !== 'string' || v === '') throw new ChaosRefusal(`"${field}" is required: ${what}`);
  return v;
};

const optionalNumber = (body: Record<string, unknown>, field: string, check: (n: number) => boolean, what: string): number | undefined => {
  const v = body[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !check(v)) throw new ChaosRefusal(`"${field}" must be ${what}, got ${JSON.stringify(v)}`);
  return v;
};

function signalOf(body: Record<string, unknown>): (typeof signals)[number] {
  const v = body.signal ?? 'KILL';
  if (!(signals as readonly unknown[]).includes(v)) throw new ChaosRefusal(`"signal" must be one of ${signals.join(', ')}, got ${JSON.stringify(v)}`);
  return v as (typeof signals)[number];
}

function podChaos(action: 'crash' | 'unhealthy' | 'oom', body: Record<string, unknown>): PodChaos {
  const container = body.container === undefined ? undefined : text(body, 'container', 'the container to act on');
  if (action === 'oom') return { action, container };
  if (action === 'crash') return { action, container, exitCode: optionalNumber(body, 'exitCode', (n) => Number.isInteger(n) && n >= 1 && n <= 255, 'a whole number from 1 to 255') };
  const probe = body.probe ?? 'liveness';
  if (probe !== 'liveness' && probe !== 'readiness') throw new ChaosRefusal(`"probe" must be liveness or readiness, got ${JSON.stringify(probe)}`);
  return { action, container, probe, forSeconds: optionalNumber(body, 'forSeconds', (n) => n > 0, 'a positive number of seconds') };
}

/** The request for `action` with this JSON body, or a ChaosRefusal. */
export function parseChaosRequest(action: string, body: unknown): ChaosRequest {
  if (!(chaosActions as readonly string[]).includes(action)) throw new ChaosRefusal(`unknown chaos action "${action}"; known: ${chaosActions.join(', ')}`, 404);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ChaosRefusal('the body must be a JSON object');
  const b = body as Record<string, unknown>;
  const a = action as ChaosAction;
  switch (a) {
    case 'kill-agent':
      return { action: a, node: text(b, 'node', 'the node whose agent to kill'), signal: signalOf(b) };
    case 'partition':
      return { action: a, node: text(b, 'node', 'the node to cut off NATS'), forSeconds: optionalNumber(b, 'forSeconds', (n) => n > 0, 'a positive number of seconds') };
    case 'pause-agent':
    case 'resume-agent':
    case 'start-agent':
    case 'heal':
      return { action: a, node: text(b, 'node', 'the node whose agent to act on') };
    case 'kill':
    case 'start': {
      const service = text(b, 'service', `one of ${serviceNames}`);
      if (!(services as readonly string[]).includes(service) && !natsMemberName.test(service) && !isApiServer(service)) {
        throw new ChaosRefusal(`unknown service "${service}"; one of ${serviceNames} (agents: use kill-agent / start-agent)`);
      }
      return a === 'kill' ? { action: a, service, signal: signalOf(b) } : { action: a, service };
    }
    case 'crash':
    case 'unhealthy':
    case 'oom':
      return { action: a, namespace: typeof b.namespace === 'string' && b.namespace ? b.namespace : 'default', pod: text(b, 'pod', 'the pod to act on'), chaos: podChaos(a, b) };
  }
}
