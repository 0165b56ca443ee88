/**
 * The Endpoints controller (pkg/controller/endpoint), as a pure function: the
 * Endpoints object a Service with a selector should have, given the pods of its
 * namespace. Ready pods go to addresses, the others to notReadyAddresses (all ready
 * when the Service publishes not-ready addresses); subsets are repacked like
 * Kubernetes does.
 */
import { cloneJson, labelSelectorFromObject, matchesLabels, type Endpoints, type Pod, type Service } from '@kubelab/api';
import { endpointPort, findPort, isPodReady, podAddress, shouldPodBeInEndpoints } from './pod-endpoint.js';
import { repackSubsets, type EndpointSubset } from './repack-subsets.js';

const HEADLESS_LABEL = 'service.kubernetes.io/headless';

function isHeadless(service: Service): boolean {
  return !service.spec?.clusterIP || service.spec.clusterIP === 'None';
}

function endpointsLabels(service: Service): Record<string, string> {
  const labels: Record<string, string> = { ...service.metadata.labels };
  if (isHeadless(service)) labels[HEADLESS_LABEL] = '';
  else delete labels[HEADLESS_LABEL];
  return labels;
}

function podSubsets(service: Service, pod: Pod, publishNotReady: boolean): EndpointSubset[] {
  const address = podAddress(pod, service);
  const ready = publishNotReady || isPodReady(pod);
  const subset = (ports?: EndpointSubset['ports']): EndpointSubset => ({
    ...(ready ? { addresses: [address] } : { notReadyAddresses: [address] }),
    ...(ports ? { ports } : {}),
  });
  const servicePorts = service.spec?.ports ?? [];
  if (servicePorts.length === 0 && service.spec?.clusterIP === 'None') return [subset()];
  return servicePorts.flatMap((servicePort) => {
    const port = findPort(pod, servicePort);
    return port === undefined ? [] : [subset([endpointPort(servicePort, port)])];
  });
}

/**
 * The Endpoints the controller writes for `service`, or undefined when the controller
 * leaves them alone (no selector: user-managed; ExternalName).
 */
export function desiredEndpoints(service: Service, pods: readonly Pod[]): Endpoints | undefined {
  const selector = service.spec?.selector;
  if (selector === undefined || selector === null || service.spec?.type === 'ExternalName') return undefined;
  const requirements = labelSelectorFromObject({ matchLabels: selector });
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const subsets = pods
    .filter((pod) => pod.metadata.namespace === service.metadata.namespace && matchesLabels(requirements, pod.metadata.labels ?? {}))
    .filter((pod) => shouldPodBeInEndpoints(pod, publishNotReady))
    .flatMap((pod) => podSubsets(service, pod, publishNotReady));
  const repacked = repackSubsets(subsets);
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: service.metadata.name, namespace: service.metadata.namespace, labels: endpointsLabels(service) },
    ...(repacked.length ? { subsets: cloneJson(repacked) } : {}),
  };
}
