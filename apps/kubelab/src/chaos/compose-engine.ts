/**
 * Chaos drills on the compose lab (deploy/docker-compose.yml), where no supervisor
 * holds the processes: the container engine (docker or podman) kills, pauses,
 * unpauses, starts or disconnects the service's container instead, found by the
 * labels compose puts on it (com.docker.compose.project / .service), the project
 * named as compose names it. Each drill is recorded in the event log first, as
 * under `kubelab up`.
 */
import { execFile } from 'node:child_process';
import type { ChaosTarget } from './chaos-events.js';
import { ChaosRefusal, type ChaosRequest } from './chaos-requests.js';

/** Runs the engine's CLI with these arguments. */
export type EngineRun = (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;

/** One container of a compose project, as `<engine> inspect` shows it. */
export interface ComposeContainer {
  id: string;
  name: string;
  project: string;
  service: string;
  /** running, paused, exited, created… */
  state: string;
  networks: string[];
}

interface Inspected {
  Id: string;
  Name: string;
  State?: { Status?: string };
  Config?: { Labels?: Record<string, string> | null };
  NetworkSettings?: { Networks?: Record<string, unknown> | null };
}

/** The containers in `<engine> inspect` output (docker's and podman's share these fields). */
export function parseInspect(json: string): ComposeContainer[] {
  const list = JSON.parse(json) as Inspected[];
  return list.map((c) => ({
    id: c.Id,
    name: c.Name.replace(/^\//, ''),
    project: c.Config?.Labels?.['com.docker.compose.project'] ?? '',
    service: c.Config?.Labels?.['com.docker.compose.service'] ?? '',
    state: c.State?.Status ?? 'unknown',
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
  }));
}

/** The compose service a drill acts on: kubelet-agent-node-1 for node-1's agent. */
export const serviceOf = (req: Extract<ChaosRequest, { node: string } | { service: string }>) =>
  'node' in req ? `kubelet-agent-${req.node}` : req.service;

/** The Event's object: the Node for an agent's drill, the lab component otherwise. */
export const targetOf = (req: Extract<ChaosRequest, { node: string } | { service: string }>): ChaosTarget =>
  'node' in req ? { kind: 'Node', name: req.node } : { kind: 'Component', name: req.service };

const stopped = ['exited', 'created', 'configured', 'stopped', 'dead'];

function expectState(c: ComposeContainer, wanted: string[], hint: string): void {
  if (!wanted.includes(c.state)) throw new ChaosRefusal(`container ${c.name} is ${c.state}; ${hint}`, 409);
}

/** What a drill does to its container: the engine commands and the line the Event and the CLI say; a ChaosRefusal when the state does not allow it. */
export function composePlan(req: Extract<ChaosRequest, { node: string } | { service: string }>, c: ComposeContainer): { commands: string[][]; message: string } {
  const network = `${c.project}_default`;
  const what = 'node' in req ? `kubelet-agent/${req.node}` : req.service;
  const startHint = 'node' in req ? `start it with: kubelab chaos start-agent ${req.node} --engine compose` : `start it with: kubelab chaos start ${req.service} --engine compose`;
  switch (req.action) {
    case 'kill-agent':
    case 'kill':
      expectState(c, ['running'], c.state === 'paused' ? `resume it first with: kubelab chaos resume-agent ${'node' in req ? req.node : ''} --engine compose` : startHint);
      return { commands: [['kill', '--signal', req.signal, c.id]], message: `kill -${req.signal} ${what} (container ${c.name})` };
    case 'pause-agent':
      expectState(c, ['running'], c.state === 'paused' ? `resume it with: kubelab chaos resume-agent ${req.node} --engine compose` : startHint);
      return { commands: [['pause', c.id]], message: `pause ${what} (container ${c.name}, frozen): its heartbeats stop, the process stays` };
    case 'resume-agent':
      expectState(c, ['paused'], 'only a paused agent can be resumed');
      return { commands: [['unpause', c.id]], message: `unpause ${what} (container ${c.name})` };
    case 'start-agent':
    case 'start':
      expectState(c, stopped, c.state === 'paused' ? `resume it with: kubelab chaos resume-agent ${'node' in req ? req.node : ''} --engine compose` : 'it is already running');
      return { commands: [['start', c.id]], message: `start ${what} (container ${c.name})` };
    case 'partition':
      expectState(c, ['running'], startHint);
      if (!c.networks.includes(network)) throw new ChaosRefusal(`${req.node} is already partitioned; heal it with: kubelab chaos heal ${req.node} --engine compose`, 409);
      return {
        commands: [['network', 'disconnect', network, c.id]],
        message: `disconnect ${what} (container ${c.name}) from network ${network}; its process and containers keep running${req.forSeconds ? ` (heals after ${req.forSeconds}s)` : ''}`,
      };
    case 'heal':
      if (c.networks.includes(network)) throw new ChaosRefusal(`${req.node} is not partitioned`, 409);
      return { commands: [['network', 'connect', '--alias', c.service, network, c.id]], message: `connect ${what} (container ${c.name}) to network ${network} again` };
  }
}

/** The project's container for a service; refuses, naming what exists, when there is none or the project is ambiguous. */
export async function findContainer(run: EngineRun, engine: string, service: string, project: string | undefined): Promise<ComposeContainer> {
  const filters = ['--filter', `label=com.docker.compose.service=${service}`, ...(project ? ['--filter', `label=com.docker.compose.project=${project}`] : [])];
  const ids = await run(['ps', '-a', '-q', ...filters]);
  if (ids.code !== 0) throw new ChaosRefusal(`${engine} ps failed: ${ids.stderr.trim() || `exit ${ids.code}`}`, 503);
  const found = ids.stdout.split('\n').map((s) => s.trim()).filter(Boolean);
  if (!found.length) {
    const all = await run(['ps', '-a', '--format', '{{.Label "com.docker.compose.project"}}/{{.Label "com.docker.compose.service"}}', '--filter', 'label=com.docker.compose.service']);
    const known = [...new Set(all.stdout.split('\n').map((s) => s.trim()).filter((s) => s && (!project || s.startsWith(`${project}/`))))].sort();
    throw new ChaosRefusal(`no container of service ${service}${project ? ` in compose project ${project}` : ''} (${engine}); ${known.length ? `there are: ${known.join(', ')}` : 'is the compose lab up? (docker compose -f deploy/docker-compose.yml up -d)'}`, 404);
  }
  const inspected = await run(['inspect', ...found]);
  if (inspected.code !== 0) throw new ChaosRefusal(`${engine} inspect failed: ${inspected.stderr.trim()}`, 503);
  const containers = parseInspect(inspected.stdout);
  const projects = [...new Set(containers.map((c) => c.project))].sort();
  if (projects.length > 1) throw new ChaosRefusal(`service ${service} runs in several compose projects (${projects.join(', ')}): name one with COMPOSE_PROJECT_NAME=…`, 409);
  return containers[0];
}

/** Runs the engine's CLI (docker or podman), collecting its output. */
export const engineRunner = (engine: string): EngineRun => (args) =>
  new Promise((resolve) => {
    execFile(engine, args, { timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
      resolve({ code, stdout, stderr: error && code === 127 ? `${engine}: ${error.message}` : stderr });
    });
  });

/** docker when a Docker engine answers, else podman when installed; undefined when neither. */
export async function detectEngine(explicit: string | undefined): Promise<string | undefined> {
  if (explicit) return explicit;
  if ((await engineRunner('docker')(['info', '--format', '{{.ServerVersion}}'])).code === 0) return 'docker';
  if ((await engineRunner('podman')(['--version'])).code === 0) return 'podman';
  return undefined;
}

/** Carries out an agent or service drill in compose: records it (or, for a start of the api-server, once it answers), then acts. */
export async function composeDrill(
  run: EngineRun, engine: string, project: string | undefined, req: ChaosRequest,
  record: (target: ChaosTarget, action: string, message: string) => Promise<string>,
): Promise<string> {
  if (!('node' in req) && !('service' in req)) {
    throw new ChaosRefusal(`${req.action} goes to the pod's agent over NATS, which the compose lab does not publish to the host; run the lab with kubelab up for pod drills`, 501);
  }
  const c = await findContainer(run, engine, serviceOf(req), project);
  const plan = composePlan(req, c);
  const recordsAfter = req.action === 'start' && (req.service === 'api-server' || req.service === 'nats');
  const message = recordsAfter ? plan.message : await record(targetOf(req), req.action, plan.message);
  for (const command of plan.commands) {
    const done = await run(command);
    if (done.code !== 0) throw new ChaosRefusal(`${engine} ${command.slice(0, -1).join(' ')} failed: ${done.stderr.trim() || `exit ${done.code}`}`, 500);
  }
  return recordsAfter ? record(targetOf(req), req.action, plan.message) : message;
}
