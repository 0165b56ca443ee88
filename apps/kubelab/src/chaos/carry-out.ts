/**
 * Carries out one chaos drill on the running lab: records it in the event log
 * (before it acts, so the drill precedes what it causes), then signals, restarts
 * or partitions a process, or asks a pod's agent to crash, OOM-kill or sicken a
 * container. Refuses, saying what exists, when the target is not there.
 */
import { subjects, type ChaosAnswer, type PodChaosRequest } from '@kubelab/bus';
import type { NatsConnection } from 'nats';
import { describeChild, type LabChild } from '../lab-threads.js';
import type { Component, LabSettings } from '../components.js';
import type { LabState, ProcessState } from '../lab-state.js';
import { reasonOf, recordChaos, type ChaosTarget } from './chaos-events.js';
import { ChaosRefusal, type ChaosRequest } from './chaos-requests.js';
import type { NatsProxy } from './nats-proxy.js';

/** A process of the lab as the drills see it. */
export interface DrilledProcess {
  component: Component;
  child: LabChild;
  state: ProcessState;
}

/**
 * The lab the drills act on: what of the supervisor (supervisor.ts) they use. Declared here so that
 * chaos/ does not import the supervisor, which imports the control API to serve them.
 */
export interface DrilledLab {
  readonly settings: LabSettings;
  readonly state: LabState;
  /** Each agent's relay to NATS, which a partition cuts. */
  readonly proxies: ReadonlyMap<string, NatsProxy>;
  readonly stopping: boolean;
  find(name: string): DrilledProcess | undefined;
  names(): string[];
  signal(name: string, signal: 'SIGKILL' | 'SIGTERM' | 'SIGSTOP' | 'SIGCONT'): void;
  exited(name: string): Promise<void>;
  launch(c: Component): Promise<void>;
  save(): void;
  nats(): Promise<NatsConnection>;
  /** The program whose static pod manifest keeps the component down (a kubeadm-shaped lab), and why, while it does. */
  heldDown(name: string): { program: string; reason: string } | undefined;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();


/** The agent that hosts `node`: its own, or the one it shares with others (`kubelab up --nodes-per-agent`). */
function agentOf(lab: DrilledLab, node: string) {
  const processes = lab.names().map((name) => lab.find(name)).filter((r) => r !== undefined);
  const r = processes.find((p) => p.component.nodes?.includes(node));
  if (!r) {
    const nodes = processes.flatMap((p) => p.component.nodes ?? []);
    throw new ChaosRefusal(`no agent runs node "${node}" in this lab; nodes: ${nodes.join(', ') || 'none'}`, 404);
  }
  return r;
}

function serviceOf(lab: DrilledLab, service: string) {
  const r = lab.find(service);
  if (!r) throw new ChaosRefusal(`this lab did not start ${service}; it runs: ${lab.names().join(', ')}`, 404);
  return r;
}

/** Refuses with 409 unless the process is in one of the states. */
function expectState(r: { state: string; component: { name: string } }, wanted: string[], hint: string): void {
  if (!wanted.includes(r.state)) throw new ChaosRefusal(`${r.component.name} is ${r.state}; ${hint}`, 409);
}

async function record(lab: DrilledLab, target: ChaosTarget, action: string, message: string): Promise<string> {
  const problem = await recordChaos(lab.state.apiUrl, target, reasonOf(action), `chaos: ${message}`);
  return problem ? `${message} (not in the event log: ${problem})` : message;
}

/** A drill of an agent, recorded on each node it hosts: they all go with it. */
async function recordOnNodes(lab: DrilledLab, r: DrilledProcess, action: string, message: string): Promise<string> {
  const nodes = r.component.nodes ?? [];
  const said = nodes.length > 1 ? `${message}; it hosts ${nodes.join(', ')}` : message;
  const recorded = await Promise.all(nodes.map((name) => record(lab, { kind: 'Node', name }, action, said)));
  return recorded.find((m) => m !== said) ?? said;
}
const serviceTarget = (service: string): ChaosTarget => ({ kind: 'Component', name: service });

async function agentDrill(lab: DrilledLab, req: Extract<ChaosRequest, { node: string }>): Promise<string> {
  const r = agentOf(lab, req.node);
  const name = r.component.name;
  const recorded = (message: string) => recordOnNodes(lab, r, req.action, message);
  const proxy = lab.proxies.get(name)!;
  switch (req.action) {
    case 'kill-agent': {
      expectState(r, ['running', 'paused'], `start it with: kubelab chaos start-agent ${req.node}`);
      const message = await recorded(`kill -${req.signal} ${name} (${describeChild(r.child)})`);
      lab.signal(name, `SIG${req.signal}`);
      await lab.exited(name);
      return message;
    }
    case 'pause-agent': {
      expectState(r, ['running'], r.state === 'paused' ? `resume it with: kubelab chaos resume-agent ${req.node}` : `start it with: kubelab chaos start-agent ${req.node}`);
      const message = await recorded(`kill -STOP ${name} (${describeChild(r.child)}): its heartbeats stop, the process stays`);
      lab.signal(name, 'SIGSTOP');
      return message;
    }
    case 'resume-agent': {
      expectState(r, ['paused'], 'only a paused agent can be resumed');
      lab.signal(name, 'SIGCONT');
      return recorded(`kill -CONT ${name} (${describeChild(r.child)})`);
    }
    case 'start-agent': {
      expectState(r, ['stopped', 'exited'], r.state === 'paused' ? `resume it with: kubelab chaos resume-agent ${req.node}` : 'it is already running');
      const message = await recorded(`start ${name}`);
      await lab.launch(r.component);
      return `${message}: ${describeChild(lab.find(name)!.child)}, ${(r.component.nodes?.length ?? 1) > 1 ? 'nodes' : 'node'} Ready`;
    }
    case 'partition': {
      if (proxy.partitioned) throw new ChaosRefusal(`${req.node} is already partitioned; heal it with: kubelab chaos heal ${req.node}`, 409);
      const message = await recorded(
        `cut ${name} off NATS; its process and containers keep running${req.forSeconds ? ` (heals after ${req.forSeconds}s)` : ''}`);
      proxy.partition();
      lab.save();
      if (req.forSeconds) {
        setTimeout(() => {
          if (proxy.partitioned && !lab.stopping) void agentDrill(lab, { action: 'heal', node: req.node });
        }, (req.forSeconds * 1000) / lab.settings.timeScale).unref();
      }
      return message;
    }
    case 'heal': {
      if (!proxy.partitioned) throw new ChaosRefusal(`${req.node} is not partitioned`, 409);
      proxy.heal();
      lab.save();
      return recorded(`let ${name} reach NATS again`);
    }
  }
}

async function serviceDrill(lab: DrilledLab, req: Extract<ChaosRequest, { service: string }>): Promise<string> {
  const r = serviceOf(lab, req.service);
  if (req.action === 'kill') {
    expectState(r, ['running', 'paused'], `start it with: kubelab chaos start ${req.service}`);
    const message = await record(lab, serviceTarget(req.service), req.action, `kill -${req.signal} ${req.service} (${describeChild(r.child)})`);
    lab.signal(req.service, `SIG${req.signal}`);
    await lab.exited(req.service);
    return message;
  }
  expectState(r, ['stopped', 'exited'], 'it is already running');
  const held = lab.heldDown(req.service);
  if (held) {
    throw new ChaosRefusal(`${req.service} is down because its static pod manifest says so (${held.reason}); the kubelet starts it once `
      + `/etc/kubernetes/manifests/${held.program}.yaml is fixed (kubelab ssh controlplane)`, 409);
  }
  // The api-server may be the one coming back: record once it answers.
  await lab.launch(r.component);
  return record(lab, serviceTarget(req.service), req.action, `start ${req.service} (${describeChild(lab.find(req.service)!.child)})`);
}

async function podDrill(lab: DrilledLab, req: Extract<ChaosRequest, { pod: string }>): Promise<string> {
  const res = await fetch(`${lab.state.apiUrl}/api/v1/namespaces/${req.namespace}/pods/${req.pod}`).catch(() => undefined);
  if (!res) throw new ChaosRefusal('the api-server does not answer; start it with: kubelab chaos start api-server', 503);
  if (res.status === 404) throw new ChaosRefusal(`pod ${req.namespace}/${req.pod} not found (kubectl get pods -n ${req.namespace} lists them)`, 404);
  const pod = (await res.json()) as { spec?: { nodeName?: string; containers?: Record<string, unknown>[] } };
  const node = pod.spec?.nodeName;
  if (!node) throw new ChaosRefusal(`pod ${req.namespace}/${req.pod} is not on a node yet`, 409);
  const c = req.chaos;
  const names = (pod.spec?.containers ?? []).map((x) => String(x.name));
  const container = c.container ?? names[0];
  const spec = pod.spec?.containers?.find((x) => x.name === container);
  if (!spec) throw new ChaosRefusal(`pod ${req.namespace}/${req.pod} has no container "${container}"; it has: ${names.join(', ')}`, 404);
  if (c.action === 'unhealthy' && !spec[`${c.probe ?? 'liveness'}Probe`]) {
    throw new ChaosRefusal(`container ${container} of pod ${req.pod} has no ${c.probe ?? 'liveness'}Probe: nothing would notice it is unhealthy`, 409);
  }
  const what = c.action === 'crash' ? `crash container ${container} (exit ${c.exitCode ?? 1})`
    : c.action === 'oom' ? `OOM-kill container ${container}`
    : `make the ${c.probe ?? 'liveness'} probe of container ${container} fail for ${c.forSeconds ?? 60}s`;
  const target: ChaosTarget = { kind: 'Pod', name: req.pod, namespace: req.namespace };
  const message = await record(lab, target, req.action, `${what} in pod ${req.namespace}/${req.pod} on ${node}`);
  const request: PodChaosRequest = { namespace: req.namespace, pod: req.pod, chaos: { ...c, container } };
  const nc = await lab.nats();
  const reply = await nc.request(subjects.agentChaos(node), encoder.encode(JSON.stringify(request)), { timeout: 3000 }).catch(() => undefined);
  if (!reply) throw new ChaosRefusal(`the agent of ${node} does not answer (killed, paused or partitioned?)`, 503);
  const answer = JSON.parse(decoder.decode(reply.data)) as ChaosAnswer;
  if (!answer.ok) throw new ChaosRefusal(answer.message, 409);
  return `${message}: ${answer.message}`;
}

/** What was done, in one line; a ChaosRefusal when it could not be. */
export function carryOut(lab: DrilledLab, req: ChaosRequest): Promise<string> {
  if ('node' in req) return agentDrill(lab, req);
  if ('service' in req) return serviceDrill(lab, req);
  return podDrill(lab, req);
}
