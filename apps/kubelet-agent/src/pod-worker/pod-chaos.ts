/** A chaos drill on one of a pod's running containers (the first app container unless named): crash, OOM kill, or a failing probe. */
import type { Pod } from '@kubelab/api';
import type { ChaosAnswer, PodChaos } from '@kubelab/bus';
import type { LabClock } from '../runtime/lab-clock.js';
import { ownContainerSpec } from './container-setup.js';
import type { PodContainers } from './pod-containers.js';

/** Carries the drill out and says what happened, or why nothing did. */
export function podChaos(pod: Pod, containers: PodContainers, chaos: PodChaos, clock: LabClock): ChaosAnswer {
  const podName = pod.metadata.name;
  const name = chaos.container ?? pod.spec?.containers?.[0]?.name ?? '';
  const container = containers.own(name);
  if (!container) {
    const running = containers.ownNames();
    return { ok: false, message: `container "${name}" of pod ${podName} is not running${running.length ? `; running: ${running.join(', ')}` : ''}` };
  }
  if (chaos.action === 'crash') {
    container.crash(chaos.exitCode ?? 1);
    return { ok: true, message: `container ${name} of pod ${podName} exited with code ${chaos.exitCode ?? 1}` };
  }
  if (chaos.action === 'oom') {
    container.oomKill();
    return { ok: true, message: `container ${name} of pod ${podName} was OOM-killed (exit 137)` };
  }
  const probe = chaos.probe ?? 'liveness';
  if (!ownContainerSpec(pod, name)?.[`${probe}Probe`]) return { ok: false, message: `container ${name} of pod ${podName} has no ${probe}Probe: nothing would notice it is unhealthy` };
  const seconds = chaos.forSeconds ?? 60;
  container.failProbe(probe, Date.now() + clock.realMs(seconds));
  return { ok: true, message: `the ${probe} probe of container ${name} in pod ${podName} fails for ${seconds}s` };
}
