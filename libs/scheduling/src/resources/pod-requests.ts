/**
 * What a pod asks of a node, computed as resourcehelper.PodRequests does: app
 * containers and sidecars (restartable init containers) add up, each ordinary init
 * container needs its own request plus the sidecars started before it, the pod needs
 * the larger of the two, plus spec.overhead.
 */
import type { Pod } from '@kubelab/api';
import type { Container } from 'kubernetes-types/core/v1';
import { milliCpuOf, wholeOf } from './quantity.js';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, type Resources } from './resources.js';

type ContainerRequests = (container: Container) => Resources;

const explicitRequests: ContainerRequests = (container) => ({
  milliCpu: milliCpuOf(container?.resources?.requests?.cpu),
  memory: wholeOf(container?.resources?.requests?.memory),
});

/** NonMissingContainerRequests: an unset request counts as the scheduler's default (an explicit 0 stays 0). */
const nonZeroRequests: ContainerRequests = (container) => {
  const requests = container?.resources?.requests ?? {};
  return {
    milliCpu: 'cpu' in requests ? milliCpuOf(requests.cpu) : DEFAULT_MILLI_CPU_REQUEST,
    memory: 'memory' in requests ? wholeOf(requests.memory) : DEFAULT_MEMORY_REQUEST,
  };
};

function combine(pod: Pod, requestsOf: ContainerRequests): Resources {
  const total: Resources = { milliCpu: 0, memory: 0 };
  for (const container of pod.spec?.containers ?? []) {
    const r = requestsOf(container);
    total.milliCpu += r.milliCpu;
    total.memory += r.memory;
  }
  const sidecars: Resources = { milliCpu: 0, memory: 0 };
  const init: Resources = { milliCpu: 0, memory: 0 };
  for (const container of pod.spec?.initContainers ?? []) {
    const r = requestsOf(container);
    if (container?.restartPolicy === 'Always') {
      total.milliCpu += r.milliCpu;
      total.memory += r.memory;
      sidecars.milliCpu += r.milliCpu;
      sidecars.memory += r.memory;
      init.milliCpu = Math.max(init.milliCpu, sidecars.milliCpu);
      init.memory = Math.max(init.memory, sidecars.memory);
    } else {
      init.milliCpu = Math.max(init.milliCpu, r.milliCpu + sidecars.milliCpu);
      init.memory = Math.max(init.memory, r.memory + sidecars.memory);
    }
  }
  return {
    milliCpu: Math.max(total.milliCpu, init.milliCpu) + milliCpuOf(pod.spec?.overhead?.cpu),
    memory: Math.max(total.memory, init.memory) + wholeOf(pod.spec?.overhead?.memory),
  };
}

/** The pod's cpu and memory requests as NodeResourcesFit checks them against allocatable. */
export function podRequests(pod: Pod): Resources {
  return combine(pod, explicitRequests);
}

/** The requests scoring uses: unset container requests count as 100m cpu / 200Mi memory. */
export function nonZeroPodRequests(pod: Pod): Resources {
  return combine(pod, nonZeroRequests);
}
