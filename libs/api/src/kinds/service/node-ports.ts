/**
 * NodePort allocation as kube-apiserver does it (pkg/registry/core/service/portallocator): the range is
 * --service-node-port-range (30000-32767 by default), split into a static lower band that a user asks for by number
 * and a dynamic upper band that allocation draws from at random (the lower band only once the upper is full, as
 * ServiceNodePortStaticSubrange does); a requested port out of the range, or held by another Service, is refused in
 * the allocator's words. Pure: the randomness comes in with the command.
 */
import type { ServicePort, ServiceSpec } from 'kubernetes-types/core/v1';
import { invalidValue } from '../../field-errors.js';
import type { KubeObject } from '../../object.js';
import type { FieldError } from '../../status.js';
import type { Service } from '../../typed-objects.js';

/** A port range as utilnet.PortRange holds it: its first port and how many. */
export interface PortRange {
  base: number;
  size: number;
}

/** kube-apiserver's default --service-node-port-range. */
export const defaultNodePortRange: PortRange = { base: 30000, size: 2768 };

/** "30000-32767" or "30000+2767" (utilnet.ParsePortRange); undefined when it is neither or not within 1-65535. */
export function parsePortRange(text: string): PortRange | undefined {
  const match = /^(\d+)([-+])(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const low = Number(match[1]);
  const high = match[2] === '-' ? Number(match[3]) : low + Number(match[3]);
  if (low < 1 || high > 65535 || high < low) return undefined;
  return { base: low, size: high - low + 1 };
}

/** The range as the allocator's messages say it: "30000-32767". */
export const formatPortRange = (range: PortRange) => `${range.base}-${range.base + range.size - 1}`;

/** The static band's size: a 32nd of the range, at least 16 and at most 128 ports (kube-apiserver's calculateRangeOffset). */
function staticBandSize(range: PortRange): number {
  if (range.size < 16) return 0;
  return Math.min(Math.max(16, Math.floor(range.size / 32)), 128);
}

/** Whether a Service of this spec gets node ports. */
export const needsNodePorts = (spec: ServiceSpec | undefined) => spec?.type === 'NodePort' || spec?.type === 'LoadBalancer';

/** apiservice.NeedsHealthCheck: a LoadBalancer whose external traffic keeps to the nodes that run an endpoint. */
export const needsHealthCheck = (spec: ServiceSpec | undefined) => spec?.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';

/** The node ports a Service holds: its ports', and its health check's. */
const nodePortsOf = (svc: KubeObject): number[] => {
  const spec = (svc as Service).spec;
  const ports = Array.isArray(spec?.ports) ? spec.ports : [];
  return [...ports.flatMap((p: ServicePort) => (p?.nodePort ? [p.nodePort] : [])), ...(spec?.healthCheckNodePort ? [spec.healthCheckNodePort] : [])];
};

/** A free port of the range drawn at random, the dynamic band first; undefined when the range is full. */
function drawFreePort(range: PortRange, used: ReadonlySet<number>, randomInt: (below: number) => number): number | undefined {
  const offset = staticBandSize(range);
  for (const [from, count] of [[range.base + offset, range.size - offset], [range.base, offset]]) {
    const free = Array.from({ length: count }, (_, i) => from + i).filter((port) => !used.has(port));
    if (free.length > 0) return free[randomInt(free.length)];
  }
  return undefined;
}

/**
 * Gives each port of a NodePort or LoadBalancer Service its node port, in place: a port it asks for is checked against
 * the range and the other Services' ports (one it held before, in `previous`, is its own), a port it leaves out is
 * drawn; the same port number under two protocols shares one node port, as the allocator reuses it. The field errors
 * of what cannot be had.
 */
export function allocateNodePorts(svc: Service, others: readonly KubeObject[], range: PortRange, randomInt: (below: number) => number, previous?: Service): FieldError[] {
  const spec = svc.spec;
  if (!needsNodePorts(spec) || !Array.isArray(spec?.ports)) return [];
  const own = new Set(previous ? nodePortsOf(previous) : []);
  const used = new Set(others.filter((o) => o.metadata.uid !== svc.metadata.uid).flatMap(nodePortsOf));
  const errors: FieldError[] = [];
  const byPort = new Map<number, number>();
  spec.ports.forEach((port, i) => {
    if (!port?.nodePort) return;
    const field = `spec.ports[${i}].nodePort`;
    if (own.has(port.nodePort)) return void byPort.set(port.port, port.nodePort);
    if (port.nodePort < range.base || port.nodePort >= range.base + range.size) {
      errors.push(invalidValue(field, port.nodePort, `provided port is not in the valid range. The range of valid ports is ${formatPortRange(range)}`));
    } else if (used.has(port.nodePort)) {
      errors.push(invalidValue(field, port.nodePort, 'provided port is already allocated'));
    }
    byPort.set(port.port, port.nodePort);
  });
  if (errors.length > 0) return errors;
  const taken = new Set([...used, ...byPort.values()]);
  spec.ports.forEach((port, i) => {
    if (!port || port.nodePort) return;
    const drawn = byPort.get(port.port) ?? drawFreePort(range, taken, randomInt);
    if (drawn === undefined) return void errors.push(invalidValue(`spec.ports[${i}].nodePort`, 0, 'failed to allocate a nodePort: range is full'));
    port.nodePort = drawn;
    byPort.set(port.port, drawn);
    taken.add(drawn);
  });
  return errors;
}

/**
 * allocHealthCheckNodePort: a LoadBalancer with externalTrafficPolicy Local gets the node port its load balancer checks
 * the nodes' health at (spec.healthCheckNodePort), the one it asks for or one drawn as node ports are; one it held
 * before is its own. kube-apiserver's words (an internal error there) for one that cannot be had, else undefined.
 */
export function allocateHealthCheckNodePort(svc: Service, others: readonly KubeObject[], range: PortRange, randomInt: (below: number) => number, previous?: Service): string | undefined {
  const spec = svc.spec;
  if (!spec || !needsHealthCheck(spec)) return undefined;
  const requested = spec.healthCheckNodePort;
  if (requested && previous && needsHealthCheck(previous.spec) && previous.spec?.healthCheckNodePort === requested) return undefined;
  const used = new Set([...others.filter((o) => o.metadata.uid !== svc.metadata.uid).flatMap(nodePortsOf), ...nodePortsOf({ ...svc, spec: { ...spec, healthCheckNodePort: undefined } } as Service)]);
  if (requested) {
    if (requested < range.base || requested >= range.base + range.size) {
      return `failed to allocate requested HealthCheck NodePort ${requested}: provided port is not in the valid range. The range of valid ports is ${formatPortRange(range)}`;
    }
    return used.has(requested) ? `failed to allocate requested HealthCheck NodePort ${requested}: provided port is already allocated` : undefined;
  }
  const drawn = drawFreePort(range, used, randomInt);
  if (drawn === undefined) return 'failed to allocate a HealthCheck NodePort 0: range is full';
  spec.healthCheckNodePort = drawn;
  return undefined;
}
