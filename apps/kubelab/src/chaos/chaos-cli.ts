/**
 * `kubelab chaos ACTION …`: the command line of each drill, turned into the
 * control API's request body (pure, so every mistake is caught before anything
 * happens), and the run of a seeded random schedule against the lab.
 */
import { parseArgs } from 'node:util';
import { parseGoDuration } from '@kubelab/api';
import { bearer } from '@kubelab/bus';
import { agentNodes } from '../lab-state.js';
import { chaosActions, type ChaosAction } from './chaos-requests.js';
import { defaultRandomActions, randomActions, type ChaosStep, type RandomAction } from './random-schedule.js';
import { Soak, type SoakOptions } from './soak.js';

/** A command line that cannot be carried out; the message says what to change. */
export class ChaosUsageError extends Error {}

export type ChaosCommand =
  | { kind: 'drill'; action: ChaosAction; body: Record<string, unknown> }
  | { kind: 'random'; durationSeconds: number; seed: number; actions: RandomAction[]; dryRun: boolean; check: boolean; workload: boolean };

export const chaosUsage = `  kubelab chaos kill-agent NODE [--signal KILL|TERM]   kill a node's kubelet-agent
  kubelab chaos pause-agent NODE | resume-agent NODE    SIGSTOP / SIGCONT: heartbeats stop, the process stays
  kubelab chaos start-agent NODE                        start a killed agent again
  kubelab chaos kill SERVICE [--signal KILL|TERM] | start SERVICE
             SERVICE: api-server, scheduler, controller-manager, nats, dashboard; nats-1 … nats-N for the
             members of a NATS cluster (kubelab up --nats-cluster N)
  kubelab chaos partition NODE [--for DURATION] | heal NODE
             the agent loses NATS; its process and containers keep running
  kubelab chaos crash POD [-n NS] [-c CONTAINER] [--exit-code 1]
  kubelab chaos unhealthy POD [-n NS] [-c CONTAINER] [--probe liveness|readiness] [--for 60s]
  kubelab chaos oom POD [-n NS] [-c CONTAINER]
  kubelab chaos random --duration DURATION --seed N [--actions ${defaultRandomActions.join(',')}|all] [--dry-run]
             [--workload] [--check]
             a reproducible chaos-monkey run (actions: ${randomActions.join(', ')});
             --workload runs Deployments, a StatefulSet, a DaemonSet, a Job and a CronJob in namespace soak
             and keeps writing to it; --check checks the invariants of the event log while the drills run
             and once the workload has settled, and exits 1 if any fails (kubelab check lists them)
             durations are Kubernetes time: at --time-scale 20, --for 60s lasts 3 real seconds
  the compose lab (deploy/docker-compose.yml) has no supervisor: the container engine carries out the
  agent and service drills there, found by compose's labels (COMPOSE_PROJECT_NAME picks a project).
  Add --engine compose (docker or podman: that engine's CLI), found on its own when no kubelab up lab
  runs and DIR/compose-kubeconfig exists; --kubeconfig FILE names the API the drills are recorded in
  (by default DIR/compose-kubeconfig); --for counts in KUBELAB_TIME_SCALE's time`;

function seconds(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseGoDuration(value);
  if (ms === undefined || ms <= 0) throw new ChaosUsageError(`--${flag} takes a duration such as 30s, 5m or 1h30m, got "${value}"`);
  return ms / 1000;
}

function one(positionals: string[], action: string, what: string): string {
  if (positionals.length !== 1) throw new ChaosUsageError(`${action} takes one ${what}, e.g. kubelab chaos ${action} ${what === 'NODE' ? 'node-2' : what === 'SERVICE' ? 'scheduler' : 'web-0'}`);
  return positionals[0];
}

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export function parseChaosCommand(argv: string[]): ChaosCommand {
  const [action, ...rest] = argv;
  if (action === 'random') return parseRandom(rest);
  if (!(chaosActions as readonly string[]).includes(action ?? '')) {
    throw new ChaosUsageError(action ? `unknown chaos action "${action}"; known: ${[...chaosActions, 'random'].join(', ')}` : `chaos needs an action: ${[...chaosActions, 'random'].join(', ')}`);
  }
  const a = action as ChaosAction;
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true,
    options: {
      signal: { type: 'string' }, for: { type: 'string' }, namespace: { type: 'string', short: 'n' }, container: { type: 'string', short: 'c' },
      'exit-code': { type: 'string' }, probe: { type: 'string' }, 'data-dir': { type: 'string' }, engine: { type: 'string' }, kubeconfig: { type: 'string' },
    },
  });
  const signal = values.signal?.replace(/^SIG/, '').toUpperCase();
  switch (a) {
    case 'kill-agent':
      return { kind: 'drill', action: a, body: defined({ node: one(positionals, a, 'NODE'), signal }) };
    case 'pause-agent':
    case 'resume-agent':
    case 'start-agent':
    case 'heal':
      return { kind: 'drill', action: a, body: { node: one(positionals, a, 'NODE') } };
    case 'partition':
      return { kind: 'drill', action: a, body: defined({ node: one(positionals, a, 'NODE'), forSeconds: seconds(values.for, 'for') }) };
    case 'kill':
      return { kind: 'drill', action: a, body: defined({ service: one(positionals, a, 'SERVICE'), signal }) };
    case 'start':
      return { kind: 'drill', action: a, body: { service: one(positionals, a, 'SERVICE') } };
    case 'crash':
    case 'oom':
    case 'unhealthy': {
      const exitCode = values['exit-code'] === undefined ? undefined : Number(values['exit-code']);
      if (exitCode !== undefined && !(Number.isInteger(exitCode) && exitCode >= 1 && exitCode <= 255)) throw new ChaosUsageError(`--exit-code must be a whole number from 1 to 255, got "${values['exit-code']}"`);
      return {
        kind: 'drill', action: a,
        body: defined({ pod: one(positionals, a, 'POD'), namespace: values.namespace, container: values.container, exitCode, probe: values.probe, forSeconds: seconds(values.for, 'for') }),
      };
    }
  }
}

function parseRandom(argv: string[]): ChaosCommand {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      duration: { type: 'string' }, seed: { type: 'string' }, actions: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, 'data-dir': { type: 'string' },
      engine: { type: 'string' }, kubeconfig: { type: 'string' },
      check: { type: 'boolean', default: false }, workload: { type: 'boolean', default: false },
    },
  });
  if (positionals.length) throw new ChaosUsageError(`random takes no arguments besides flags, got "${positionals.join(' ')}"`);
  const durationSeconds = seconds(values.duration, 'duration');
  if (durationSeconds === undefined) throw new ChaosUsageError('random needs --duration, e.g. --duration 60s');
  if (values.seed === undefined || !/^\d+$/.test(values.seed)) throw new ChaosUsageError(`random needs --seed N (a whole number), got ${values.seed === undefined ? 'none' : `"${values.seed}"`}`);
  const actions = values.actions === 'all' ? [...randomActions] : values.actions ? values.actions.split(',').map((s) => s.trim()) : defaultRandomActions;
  const unknown = actions.filter((x) => !(randomActions as readonly string[]).includes(x));
  if (unknown.length) throw new ChaosUsageError(`--actions: unknown ${unknown.join(', ')}; choose from ${randomActions.join(', ')}`);
  return { kind: 'random', durationSeconds, seed: Number(values.seed), actions: actions as RandomAction[], dryRun: values['dry-run'], check: values.check, workload: values.workload };
}

export interface ControlAnswer {
  ok: boolean;
  message: string;
}

/** The supervisor's control API and the lab's secret it asks of every caller (DIR/lab-secret). */
export interface ControlApi {
  url: string;
  secret: string;
}

/** POSTs one drill to the lab's control API. */
export async function postDrill(control: ControlApi, action: ChaosAction, body: Record<string, unknown>): Promise<ControlAnswer> {
  const headers = { 'content-type': 'application/json', ...bearer(control.secret) };
  const res = await fetch(`${control.url}/chaos/${action}`, { method: 'POST', headers, body: JSON.stringify(body) }).catch(() => undefined);
  if (!res) return { ok: false, message: `the lab's control API at ${control.url} does not answer; is the lab running?` };
  return (await res.json()) as ControlAnswer;
}

/** One printed line of a schedule step. */
export const describeStep = (s: ChaosStep) => `+${s.atSeconds.toFixed(1)}s ${s.action}${s.node ? ` ${s.node}` : s.service ? ` ${s.service}` : ` pod #${s.pick}`}`;

interface RunningPod {
  metadata: { name: string; namespace: string };
  status?: { phase?: string };
}

/** The running pods outside kube-system, sorted: the pool a pod drill picks from. */
async function podPool(apiUrl: string): Promise<RunningPod[]> {
  const list = (await fetch(`${apiUrl}/api/v1/pods`).then((r) => r.json(), () => ({ items: [] }))) as { items: RunningPod[] };
  return list.items
    .filter((p) => p.metadata.namespace !== 'kube-system' && p.status?.phase === 'Running')
    .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
}

/** Runs the schedule on the lab clock, printing each step and its answer; heals anything left at the end. False when --check found an invariant broken. */
export async function runRandom(lab: { apiUrl: string; control: ControlApi; timeScale: number }, steps: ChaosStep[], out: (line: string) => void, signal: AbortSignal, options: SoakOptions = { workload: false, check: false }): Promise<boolean> {
  const soak = new Soak(lab, options, out);
  await soak.start();
  const began = Date.now();
  const drills = { run: 0, refused: 0 };
  for (const step of steps) {
    const wait = began + (step.atSeconds * 1000) / lab.timeScale - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (signal.aborted) break;
    let body: Record<string, unknown> = step.service ? { service: step.service } : { node: step.node };
    if (!step.node && !step.service) {
      const pool = await podPool(lab.apiUrl);
      const pod = pool[Math.floor((step.pick ?? 0) * pool.length)];
      if (!pod) {
        out(`${describeStep(step)}: no running pod to pick; skipped`);
        continue;
      }
      body = { pod: pod.metadata.name, namespace: pod.metadata.namespace };
    }
    const answer = await postDrill(lab.control, step.action, body);
    drills.run++;
    if (!answer.ok) drills.refused++;
    out(`${describeStep(step)}: ${answer.ok ? '' : 'refused: '}${answer.message}`);
  }
  await healEverything(lab.control, out);
  return soak.finish(drills);
}

/** Starts stopped agents and services, resumes paused agents and heals partitions. */
async function healEverything(control: ControlApi, out: (line: string) => void): Promise<void> {
  const status = (await fetch(`${control.url}/status`, { headers: bearer(control.secret) }).then((r) => r.json(), () => ({ processes: [] }))) as {
    processes: { name: string; state: string; nodes?: string[]; partitioned?: boolean }[];
  };
  for (const p of status.processes) {
    const node = agentNodes(p)[0];
    if (node === undefined) {
      if (p.state === 'stopped' || p.state === 'exited') out(`end: start ${p.name}: ${(await postDrill(control, 'start', { service: p.name })).message}`);
      continue;
    }
    const actions: ChaosAction[] = [
      ...(p.partitioned ? (['heal'] as const) : []),
      ...(p.state === 'paused' ? (['resume-agent'] as const) : p.state === 'running' ? [] : (['start-agent'] as const)),
    ];
    for (const action of actions) out(`end: ${action} ${node}: ${(await postDrill(control, action, { node })).message}`);
  }
}
