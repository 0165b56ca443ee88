/**
 * What the Service REST layer does to an update before validating it (beginUpdate and the
 * strategy's PrepareForUpdate): patchAllocatedValues gives back the allocated addresses
 * and NodePorts a replace left out, dropTypeDependentFields lets go of what a Service's new
 * type no longer uses (a NodePort made ClusterIP: its node ports), and normalizeClusterIPs keeps
 * spec.clusterIPs in step with spec.clusterIP for a client that only touched the singular field.
 * So changing clusterIP alone is judged as a change of clusterIPs[0]: "may not change once set".
 */
import type { ServicePort, ServiceSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../object.js';
import type { Service } from '../../typed-objects.js';
import { needsHealthCheck, needsNodePorts } from './node-ports.js';

const needsClusterIP = (svc: Service) => svc.spec?.type !== 'ExternalName';
const ipsOf = (svc: Service): string[] => (Array.isArray(svc.spec?.clusterIPs) ? svc.spec.clusterIPs : []);

function sameClusterIPs(a: Service, b: Service): boolean {
  const left = ipsOf(a);
  const right = ipsOf(b);
  return left.length === right.length && left.every((ip, i) => ip === right[i]);
}

/** patchAllocatedValues: a replace that leaves out the allocated addresses and NodePorts keeps them. */
function patchAllocatedValues(next: Service, spec: ServiceSpec, current: Service): void {
  if (needsClusterIP(current) && needsClusterIP(next)) {
    if (!spec.clusterIP && current.spec?.clusterIP) spec.clusterIP = current.spec.clusterIP;
    if (ipsOf(next).length === 0 && ipsOf(current).length > 0) spec.clusterIPs = current.spec?.clusterIPs;
  }
  if (needsHealthCheck(current.spec) && needsHealthCheck(spec) && !spec.healthCheckNodePort) spec.healthCheckNodePort = current.spec?.healthCheckNodePort;
  if (!needsNodePorts(current.spec) || !needsNodePorts(spec)) return;
  for (const port of spec.ports ?? []) {
    const before = portBefore(current, port);
    if (!port.nodePort && before?.nodePort) port.nodePort = before.nodePort;
  }
}

const portBefore = (current: Service, port: ServicePort) =>
  (current.spec?.ports ?? []).find((p: ServicePort) => p.port === port.port && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));

/**
 * dropTypeDependentFields: a Service whose new type no longer uses what its old type was given lets go of it where the
 * client left it as it was: node ports and externalTrafficPolicy off NodePort and LoadBalancer, the health check node
 * port off a LoadBalancer no longer Local, and what only a LoadBalancer has (allocateLoadBalancerNodePorts,
 * loadBalancerClass).
 */
function dropTypeDependentFields(spec: ServiceSpec, current: Service): void {
  const before = current.spec ?? {};
  if (needsNodePorts(before) && !needsNodePorts(spec)) {
    for (const port of spec.ports ?? []) if (port.nodePort && portBefore(current, port)?.nodePort === port.nodePort) delete port.nodePort;
    if (spec.externalTrafficPolicy === before.externalTrafficPolicy) delete spec.externalTrafficPolicy;
  }
  if (needsHealthCheck(before) && !needsHealthCheck(spec) && spec.healthCheckNodePort === before.healthCheckNodePort) delete spec.healthCheckNodePort;
  if (before.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts === before.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
    if (spec.loadBalancerClass === before.loadBalancerClass) delete spec.loadBalancerClass;
  }
}

/** normalizeClusterIPs on update: clusterIPs follows a clusterIP the client changed or cleared without touching clusterIPs. */
function normalizeClusterIPs(next: Service, spec: ServiceSpec, current: Service): void {
  const oldIP = current.spec?.clusterIP ?? '';
  const newIP = spec.clusterIP ?? '';
  if (ipsOf(current).length > 0 && ipsOf(next).length === 0 && oldIP === newIP) spec.clusterIPs = current.spec?.clusterIPs;
  if (oldIP === newIP) return;
  if (oldIP && !newIP && sameClusterIPs(current, next)) delete spec.clusterIPs;
  if (sameClusterIPs(current, next)) spec.clusterIPs = [newIP];
}

/** Prepares `next`, an update of the Service `current`, in place, before admission. */
export function prepareServiceUpdate(nextObject: KubeObject, currentObject: KubeObject): void {
  const next = nextObject as Service;
  const current = currentObject as Service;
  const spec = (next.spec ??= {});
  patchAllocatedValues(next, spec, current);
  dropTypeDependentFields(spec, current);
  normalizeClusterIPs(next, spec, current);
}
