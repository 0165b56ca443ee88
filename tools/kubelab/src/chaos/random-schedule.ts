/**
 * `kubelab chaos random`: a chaos-monkey run whose schedule follows from its seed
 * alone, so the same seed gives the same drills at the same times. At most one node
 * is disrupted at a time, and each disruption is healed (start-agent, resume-agent,
 * heal) before the run ends. Pod targets are a fraction, resolved against the pods
 * running when the step comes. Times are Kubernetes seconds from the start.
 */
import { seededRandom } from '@kubelab/scheduling';
import type { ChaosAction } from './chaos-requests.js';

export const randomActions = ['kill-agent', 'pause-agent', 'partition', 'crash', 'oom', 'unhealthy'] as const;
export type RandomAction = (typeof randomActions)[number];
export const defaultRandomActions: RandomAction[] = ['kill-agent', 'pause-agent', 'crash'];

export interface ChaosStep {
  atSeconds: number;
  action: ChaosAction;
  node?: string;
  /** For a pod drill: which running pod, as a fraction of the sorted list. */
  pick?: number;
}

const healOf: Partial<Record<ChaosAction, ChaosAction>> = { 'kill-agent': 'start-agent', 'pause-agent': 'resume-agent', partition: 'heal' };

const tenth = (n: number) => Math.round(n * 10) / 10;

export function randomSchedule(options: { seed: number; durationSeconds: number; actions: readonly RandomAction[]; nodes: readonly string[] }): ChaosStep[] {
  const random = seededRandom(options.seed);
  const d = options.durationSeconds;
  const steps: ChaosStep[] = [];
  let nodeBusyUntil = 0;
  for (let t = tenth((0.5 + random()) * (d / 6)); t < d * 0.8; t = tenth(t + (0.5 + random()) * (d / 6))) {
    const action = options.actions[Math.floor(random() * options.actions.length)];
    const pick = random();
    const heal = healOf[action];
    if (!heal) {
      steps.push({ atSeconds: t, action, pick: Math.floor(pick * 1000) / 1000 });
      continue;
    }
    if (t < nodeBusyUntil || options.nodes.length === 0) continue;
    const node = options.nodes[Math.floor(pick * options.nodes.length)];
    const until = Math.min(tenth(t + (0.15 + 0.25 * random()) * d), tenth(d * 0.9));
    nodeBusyUntil = until;
    steps.push({ atSeconds: t, action, node }, { atSeconds: until, action: heal, node });
  }
  return steps.sort((a, b) => a.atSeconds - b.atSeconds);
}
