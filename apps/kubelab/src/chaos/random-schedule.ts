/**
 * `kubelab chaos random`: a chaos-monkey run whose schedule follows from its seed
 * alone, so the same seed gives the same drills at the same times. At most one node
 * and one service are disrupted at a time, and each disruption is healed
 * (start-agent, resume-agent, heal, start) before the run ends. A killed service
 * comes back soon, as a crashed one restarted by its supervisor would: the lab
 * without its api-server, scheduler or controller-manager for long proves nothing.
 * Pod targets are a fraction, resolved against the pods running when the step
 * comes. Times are Kubernetes seconds from the start.
 */
import { seededRandom } from '@kubelab/scheduling';
import type { ChaosAction } from './chaos-requests.js';

/** A service kill, named as `--actions` takes it. */
export const serviceKills = ['kill-api-server', 'kill-scheduler', 'kill-controller-manager', 'kill-nats'] as const;
export const randomActions = ['kill-agent', 'pause-agent', 'partition', 'crash', 'oom', 'unhealthy', ...serviceKills] as const;
export type RandomAction = (typeof randomActions)[number];
export const defaultRandomActions: RandomAction[] = ['kill-agent', 'pause-agent', 'crash'];

export interface ChaosStep {
  atSeconds: number;
  action: ChaosAction;
  node?: string;
  /** For a service drill (kill, start): which service. */
  service?: string;
  /** For a pod drill: which running pod, as a fraction of the sorted list. */
  pick?: number;
}

/** How long a killed service stays down, in Kubernetes seconds: a restart, not an outage. */
const serviceDown = { min: 10, spread: 30 };

const healOf: Partial<Record<ChaosAction, ChaosAction>> = { 'kill-agent': 'start-agent', 'pause-agent': 'resume-agent', partition: 'heal' };

const tenth = (n: number) => Math.round(n * 10) / 10;

export function randomSchedule(options: { seed: number; durationSeconds: number; actions: readonly RandomAction[]; nodes: readonly string[] }): ChaosStep[] {
  const random = seededRandom(options.seed);
  const d = options.durationSeconds;
  // A long run gets more drills, not longer ones: spacing and node outages grow with the duration only up to 12 minutes.
  const span = Math.min(d, 720);
  const steps: ChaosStep[] = [];
  let nodeBusyUntil = 0;
  let serviceBusyUntil = 0;
  for (let t = tenth((0.5 + random()) * (span / 6)); t < d * 0.8; t = tenth(t + (0.5 + random()) * (span / 6))) {
    const action = options.actions[Math.floor(random() * options.actions.length)];
    const pick = random();
    if ((serviceKills as readonly string[]).includes(action)) {
      const until = Math.min(tenth(t + serviceDown.min + serviceDown.spread * random()), tenth(d * 0.9));
      if (t < serviceBusyUntil) continue;
      serviceBusyUntil = until;
      const service = action.slice('kill-'.length);
      steps.push({ atSeconds: t, action: 'kill', service }, { atSeconds: until, action: 'start', service });
      continue;
    }
    const heal = healOf[action as ChaosAction];
    if (!heal) {
      steps.push({ atSeconds: t, action: action as ChaosAction, pick: Math.floor(pick * 1000) / 1000 });
      continue;
    }
    if (t < nodeBusyUntil || options.nodes.length === 0) continue;
    const node = options.nodes[Math.floor(pick * options.nodes.length)];
    const until = Math.min(tenth(t + (0.15 + 0.25 * random()) * span), tenth(d * 0.9));
    nodeBusyUntil = until;
    steps.push({ atSeconds: t, action: action as ChaosAction, node }, { atSeconds: until, action: heal, node });
  }
  return steps.sort((a, b) => a.atSeconds - b.atSeconds);
}
