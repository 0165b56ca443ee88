/**
 * Pod defaults: SetDefaults_Pod on top of the PodSpec defaults, the mutating admission
 * a plain kube-apiserver applies to pods without reading other objects (ServiceAccount,
 * DefaultTolerationSeconds) and the status a new pod starts with. Priority is the
 * Priority admission plugin's (../priority), as it reads the PriorityClasses.
 */
import { isPlainObject } from '../../object.js';
import type { KubeObject } from '../../object.js';
import { qosClassOf } from '../qos.js';
import { defaultPodSpec } from './pod-spec.js';

/** Requests default to limits for the resources that only have a limit. */
function defaultRequestsFromLimits(container: any): void {
  const limits = container?.resources?.limits;
  if (!isPlainObject(limits)) return;
  const requests = isPlainObject(container.resources.requests) ? container.resources.requests : {};
  for (const [name, value] of Object.entries(limits)) {
    if (!(name in requests)) requests[name] = value;
  }
  if (Object.keys(requests).length > 0) container.resources.requests = requests;
}

function defaultHostNetworkPorts(containers: unknown): void {
  for (const container of Array.isArray(containers) ? containers : []) {
    for (const port of Array.isArray(container?.ports) ? container.ports : []) {
      if (isPlainObject(port) && !port.hostPort) port.hostPort = port.containerPort;
    }
  }
}

/** Fills a pod's defaults in place; status gets phase Pending (if unset) and the QoS class of its resources. */
export function defaultPod(pod: KubeObject): void {
  if (!isPlainObject(pod.spec)) pod.spec = {};
  const spec = pod.spec;
  defaultPodSpec(spec);
  for (const field of ['containers', 'initContainers'] as const) {
    for (const container of Array.isArray(spec[field]) ? spec[field] : []) defaultRequestsFromLimits(container);
  }
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork === true) {
    defaultHostNetworkPorts(spec.containers);
    defaultHostNetworkPorts(spec.initContainers);
  }
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  if (!isPlainObject(pod.status)) pod.status = {};
  pod.status.phase ||= 'Pending';
  pod.status.qosClass = qosClassOf(pod);
}
