/**
 * Pod defaults: SetDefaults_Pod on top of the PodSpec defaults, the mutating admission
 * a plain kube-apiserver applies to pods without reading other objects (ServiceAccount,
 * DefaultTolerationSeconds) and the status a new pod starts with. Priority is the
 * Priority admission plugin's (../priority), as it reads the PriorityClasses.
 */
import type { Container } from 'kubernetes-types/core/v1';
import { isPlainObject } from '../../object.js';
import type { Pod } from '../../typed-objects.js';
import { qosClassOf } from '../qos.js';
import { objectField } from './object-field.js';
import { defaultPodSpec } from './pod-spec.js';

/** Requests default to limits for the resources that only have a limit. */
function defaultRequestsFromLimits(container: Container): void {
  const resources = container?.resources;
  if (!isPlainObject(resources) || !isPlainObject(resources.limits)) return;
  const requests = isPlainObject(resources.requests) ? resources.requests : {};
  for (const [name, value] of Object.entries(resources.limits)) {
    if (!(name in requests)) requests[name] = value;
  }
  if (Object.keys(requests).length > 0) resources.requests = requests;
}

function defaultHostNetworkPorts(containers: Container[] | undefined): void {
  for (const container of Array.isArray(containers) ? containers : []) {
    for (const port of Array.isArray(container?.ports) ? container.ports : []) {
      if (isPlainObject(port) && !port.hostPort) port.hostPort = port.containerPort;
    }
  }
}

/** Fills a pod's defaults in place; status gets phase Pending (if unset) and the QoS class of its resources. */
export function defaultPod(pod: Pod): void {
  const spec = objectField(pod, 'spec');
  defaultPodSpec(spec);
  for (const field of ['containers', 'initContainers'] as const) {
    const containers = spec[field];
    for (const container of Array.isArray(containers) ? containers : []) defaultRequestsFromLimits(container);
  }
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork === true) {
    defaultHostNetworkPorts(spec.containers);
    defaultHostNetworkPorts(spec.initContainers);
  }
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  const status = objectField(pod, 'status');
  status.phase ||= 'Pending';
  status.qosClass = qosClassOf(pod);
}
