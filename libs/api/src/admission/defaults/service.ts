/**
 * Service defaults (SetDefaults_Service plus the Service REST layer's normalisation):
 * type ClusterIP, session affinity None, port protocol TCP and targetPort = port,
 * traffic policies, and the single-stack IPv4 family of this cluster.
 */
import type { ServicePort, ServiceSpec } from 'kubernetes-types/core/v1';
import { isPlainObject } from '../../object.js';
import type { Service } from '../../typed-objects.js';
import { objectField } from './object-field.js';

const DEFAULT_AFFINITY_TIMEOUT = 10800;

function defaultPorts(ports: ServicePort[] | undefined): void {
  for (const port of Array.isArray(ports) ? ports : []) {
    if (!isPlainObject(port)) continue;
    port.protocol ||= 'TCP';
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
}

function defaultSessionAffinity(spec: ServiceSpec): void {
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && typeof spec.sessionAffinityConfig?.clientIP?.timeoutSeconds !== 'number') {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_AFFINITY_TIMEOUT } };
  }
}

/** clusterIP and clusterIPs name the same primary address; whichever was given fills the other. */
function normalizeClusterIPs(spec: ServiceSpec): void {
  const clusterIPs = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  if (spec.clusterIP && clusterIPs.length === 0) spec.clusterIPs = [spec.clusterIP];
  if (!spec.clusterIP && clusterIPs.length > 0) spec.clusterIP = clusterIPs[0];
}

function defaultTrafficPolicies(spec: ServiceSpec): void {
  const externallyAccessible = spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
  if (externallyAccessible) spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP') spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
}

/** Fills a Service's defaults in place. */
export function defaultService(service: Service): void {
  const spec = objectField(service, 'spec');
  defaultSessionAffinity(spec);
  spec.type ||= 'ClusterIP';
  defaultPorts(spec.ports);
  defaultTrafficPolicies(spec);
  if (spec.type !== 'ExternalName') {
    normalizeClusterIPs(spec);
    spec.ipFamilyPolicy ??= 'SingleStack';
    if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4'];
  }
  const loadBalancer = objectField(objectField(service, 'status'), 'loadBalancer');
  for (const ingress of Array.isArray(loadBalancer.ingress) ? loadBalancer.ingress : []) {
    if (spec.type === 'LoadBalancer' && ingress?.ip) ingress.ipMode ??= 'VIP';
  }
}
