/**
 * networking.k8s.io/v1 NetworkPolicy as a policy-enforcing CNI (Calico, Cilium) applies
 * it to one connection: the source pod's egress and the destination pod's ingress are
 * judged apart, and the connection goes through only when both allow it.
 */
import type { NetworkPolicyEgressRule, NetworkPolicyIngressRule, NetworkPolicyPeer, NetworkPolicyPort } from 'kubernetes-types/networking/v1';
import type { KubeObject } from '../object.js';
import { labelSelectorFromObject, matchesLabels, type LabelSelector } from '../selectors/index.js';
import type { NetworkPolicy, Pod } from '../typed-objects.js';
import { ipInCidr } from './ip-in-cidr.js';

/** One end of a connection: a pod with its Namespace, or an address outside the cluster (no pod). */
export interface NetworkEndpoint {
  readonly ip: string;
  readonly pod?: KubeObject;
  readonly namespace?: KubeObject;
}

/** The destination also names the port and protocol the client connects to. */
export interface NetworkDestination extends NetworkEndpoint {
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
}

export type PolicyDirection = 'Ingress' | 'Egress';

/** The verdict as data: when denied, which side refused and the policies that isolate that pod. */
export interface ConnectionVerdict {
  readonly allowed: boolean;
  readonly deniedBy?: { readonly direction: PolicyDirection; readonly policies: string[] };
}

const selects = (selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean =>
  matchesLabels(labelSelectorFromObject(selector ?? {}), labels ?? {});

/** policyTypes as SetDefaults_NetworkPolicy leaves them, for a policy stored without. */
function policyTypes(policy: NetworkPolicy): PolicyDirection[] {
  const types = policy.spec?.policyTypes;
  if (Array.isArray(types) && types.length > 0) return types as PolicyDirection[];
  return Array.isArray(policy.spec?.egress) && policy.spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** The policies of the pod's namespace whose podSelector picks it and that list the direction: they isolate it. */
function isolating(pod: KubeObject, policies: readonly NetworkPolicy[], direction: PolicyDirection): NetworkPolicy[] {
  return policies.filter((policy) => policy.metadata.namespace === pod.metadata.namespace
    && selects(policy.spec?.podSelector, pod.metadata.labels) && policyTypes(policy).includes(direction));
}

/** A NetworkPolicyPeer against the other end; podSelector alone means the policy's own namespace. */
function peerMatches(peer: NetworkPolicyPeer, policy: NetworkPolicy, other: NetworkEndpoint): boolean {
  if (peer?.ipBlock) {
    const { cidr, except = [] } = peer.ipBlock;
    return ipInCidr(other.ip, cidr) && !except.some((excluded) => ipInCidr(other.ip, excluded));
  }
  if (!other.pod) return false;
  if (peer?.namespaceSelector) {
    if (!selects(peer.namespaceSelector, other.namespace?.metadata.labels)) return false;
  } else if (other.pod.metadata.namespace !== policy.metadata.namespace) {
    return false;
  }
  return !peer?.podSelector || selects(peer.podSelector, other.pod.metadata.labels);
}

/** A container port of the destination pod by name, as named ports resolve on the pod that receives. */
function namedPort(pod: KubeObject | undefined, name: string, protocol: string): number | undefined {
  const ports = ((pod as Pod | undefined)?.spec?.containers ?? []).flatMap((c) => c.ports ?? []);
  return ports.find((p) => p.name === name && (p.protocol ?? 'TCP') === protocol)?.containerPort;
}

/** A NetworkPolicyPort: protocol (TCP by default), then a number, a range up to endPort, a named port or every port. */
function portMatches(rulePort: NetworkPolicyPort, to: NetworkDestination): boolean {
  if ((rulePort?.protocol ?? 'TCP') !== to.protocol) return false;
  const port = rulePort?.port;
  if (port === undefined) return true;
  if (typeof port === 'string') return namedPort(to.pod, port, to.protocol) === to.port;
  return rulePort.endPort === undefined ? to.port === port : to.port >= port && to.port <= rulePort.endPort;
}

/** A rule allows when its peers (absent or empty: everyone) and its ports (absent or empty: all) both match. */
function ruleAllows(
  rule: NetworkPolicyIngressRule | NetworkPolicyEgressRule,
  peers: NetworkPolicyPeer[] | undefined,
  policy: NetworkPolicy,
  other: NetworkEndpoint,
  to: NetworkDestination,
): boolean {
  const peerOk = !peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, policy, other));
  const ports = rule?.ports;
  return peerOk && (!ports || ports.length === 0 || ports.some((p) => portMatches(p, to)));
}

/** One side's verdict: allowed unless isolated, and then only if some isolating policy's rule allows (their union). */
function sideVerdict(direction: PolicyDirection, pod: KubeObject | undefined, other: NetworkEndpoint, to: NetworkDestination, policies: readonly NetworkPolicy[]): ConnectionVerdict {
  if (!pod) return { allowed: true };
  const isolatingPolicies = isolating(pod, policies, direction);
  if (isolatingPolicies.length === 0) return { allowed: true };
  const allowed = isolatingPolicies.some((policy) =>
    direction === 'Ingress'
      ? (policy.spec?.ingress ?? []).some((rule) => ruleAllows(rule, rule?.from, policy, other, to))
      : (policy.spec?.egress ?? []).some((rule) => ruleAllows(rule, rule?.to, policy, other, to)),
  );
  return allowed ? { allowed } : { allowed, deniedBy: { direction, policies: isolatingPolicies.map((p) => p.metadata.name!) } };
}

/** One side that refuses a connection: the direction judged and the names of the policies isolating that pod with no rule admitting it. */
export type ConnectionDenial = NonNullable<ConnectionVerdict['deniedBy']>;

/**
 * Every side that refuses `from` opening a connection to `to`: the source's egress first (as
 * the packet leaves it), then the destination's ingress; empty when the connection goes through.
 * Both sides are judged, so a drop can be explained in full. An address with no pod (the
 * internet) has no policies of its own and is matched by ipBlock peers only.
 */
export function connectionDenials(from: NetworkEndpoint, to: NetworkDestination, policies: readonly KubeObject[]): ConnectionDenial[] {
  const networkPolicies = policies as readonly NetworkPolicy[];
  return [sideVerdict('Egress', from.pod, to, to, networkPolicies), sideVerdict('Ingress', to.pod, from, to, networkPolicies)].flatMap((v) => (v.deniedBy ? [v.deniedBy] : []));
}

/** Whether `from` may open a connection to `to`, given every NetworkPolicy of the cluster; when denied, the first side that refuses. */
export function connectionAllowed(from: NetworkEndpoint, to: NetworkDestination, policies: readonly KubeObject[]): ConnectionVerdict {
  const [first] = connectionDenials(from, to, policies);
  return first ? { allowed: false, deniedBy: first } : { allowed: true };
}
