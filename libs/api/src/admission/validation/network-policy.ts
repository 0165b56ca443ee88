/**
 * networking.k8s.io/v1 NetworkPolicy validation (ValidateNetworkPolicy / ...Update):
 * selectors, ports (protocol, number or name, endPort ranges), peers (one of pod and
 * namespace selectors, or an ipBlock alone with valid CIDRs and strict-subset excepts)
 * and at most the two policy types.
 */
import type { IPBlock, NetworkPolicyEgressRule, NetworkPolicyIngressRule, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicySpec } from 'kubernetes-types/networking/v1';
import type { NetworkPolicy } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidRendered, invalidValue, notSupported, required } from '../../field-errors.js';
import { isStrictSubnet, parseCIDR, validateCIDR } from './cidr.js';
import { child, index } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { goStringSlice } from './go-syntax.js';
import { validateLabelSelector } from './label-selector.js';
import { isValidPortName, isValidPortNum, nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];

const has = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;

function validatePort(port: NetworkPolicyPort | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const protocol = port?.protocol;
  if (has(protocol) && !PROTOCOLS.includes(protocol)) errors.push(notSupported(child(path, 'protocol'), protocol, PROTOCOLS));
  const endPath = child(path, 'endPort');
  const number = port?.port;
  const endPort = port?.endPort;
  if (typeof number === 'number') {
    errors.push(...isValidPortNum(number).map((message) => invalidValue(child(path, 'port'), number, message)));
    if (has(endPort)) {
      if (endPort < number) errors.push(invalidValue(endPath, endPort, 'must be greater than or equal to `port`'));
      errors.push(...isValidPortNum(endPort).map((message) => invalidValue(endPath, endPort, message)));
    }
  } else if (typeof number === 'string') {
    if (has(endPort)) errors.push(invalidValue(endPath, endPort, 'may not be specified when `port` is non-numeric'));
    errors.push(...isValidPortName(number).map((message) => invalidValue(child(path, 'port'), number, message)));
  } else if (has(endPort)) {
    errors.push(invalidValue(endPath, endPort, 'may not be specified when `port` is not specified'));
  }
  return errors;
}

function validateIPBlock(block: IPBlock, path: string, knownCIDRs: Set<string>): FieldError[] {
  const cidr = String(block?.cidr ?? '');
  if (!cidr) return [required(child(path, 'cidr'))];
  const errors = knownCIDRs.has(cidr) ? [] : validateCIDR(cidr, child(path, 'cidr'));
  const network = parseCIDR(cidr);
  if (!network) return errors;
  listOf(block.except).forEach((except, i) => {
    const exceptPath = index(child(path, 'except'), i);
    const text = String(except);
    if (!knownCIDRs.has(text)) errors.push(...validateCIDR(text, exceptPath));
    const exceptNetwork = parseCIDR(text);
    if (exceptNetwork && !isStrictSubnet(exceptNetwork, network)) errors.push(invalidValue(exceptPath, text, 'must be a strict subset of `cidr`'));
  });
  return errors;
}

function validatePeer(peer: NetworkPolicyPeer | undefined, path: string, knownCIDRs: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  const { podSelector, namespaceSelector, ipBlock } = peer ?? {};
  if (has(podSelector)) {
    count++;
    errors.push(...validateLabelSelector(podSelector, child(path, 'podSelector')));
  }
  if (has(namespaceSelector)) {
    count++;
    errors.push(...validateLabelSelector(namespaceSelector, child(path, 'namespaceSelector')));
  }
  if (has(ipBlock)) {
    count++;
    errors.push(...validateIPBlock(ipBlock, child(path, 'ipBlock'), knownCIDRs));
  }
  if (count === 0) errors.push(required(path, 'must specify a peer'));
  else if (count > 1 && has(ipBlock)) errors.push(forbiddenField(path, 'may not specify both ipBlock and another peer'));
  return errors;
}

/** An ingress rule's peers are `from`, an egress rule's `to`; both have ports. */
type PolicyRule = NetworkPolicyIngressRule & NetworkPolicyEgressRule;

function validateRules(rules: PolicyRule[] | undefined, path: string, peersField: 'from' | 'to', knownCIDRs: Set<string>): FieldError[] {
  return listOf(rules).flatMap((rule, i) => {
    const rulePath = index(path, i);
    const ports = listOf(rule?.ports);
    const peers = listOf(rule?.[peersField]);
    return [
      ...ports.flatMap((port, j) => validatePort(port, index(child(rulePath, 'ports'), j))),
      ...peers.flatMap((peer, j) => validatePeer(peer, index(child(rulePath, peersField), j), knownCIDRs)),
    ];
  });
}

function validateSpec(spec: Partial<NetworkPolicySpec>, knownCIDRs: Set<string>): FieldError[] {
  const errors = [
    ...validateLabelSelector(spec.podSelector ?? {}, 'spec.podSelector'),
    ...validateRules(spec.ingress, 'spec.ingress', 'from', knownCIDRs),
    ...validateRules(spec.egress, 'spec.egress', 'to', knownCIDRs),
  ];
  const types = listOf(spec.policyTypes);
  if (types.length > POLICY_TYPES.length) {
    errors.push(invalidRendered('spec.policyTypes', `&${goStringSlice(types).replace('[]string', '[]networking.PolicyType')}`, 'may not specify more than two policyTypes'));
    return errors;
  }
  types.forEach((type, i) => {
    if (!POLICY_TYPES.includes(String(type))) errors.push(notSupported(index('spec.policyTypes', i), type, POLICY_TYPES));
  });
  return errors;
}

/** The CIDRs of a policy's ipBlocks, which an update may keep even if they would no longer pass. */
function cidrsOf(policy: NetworkPolicy): Set<string> {
  const rules = [...(policy.spec?.ingress ?? []).flatMap((rule) => rule?.from ?? []), ...(policy.spec?.egress ?? []).flatMap((rule) => rule?.to ?? [])];
  return new Set(rules.flatMap((peer) => (isStruct(peer?.ipBlock) ? [peer.ipBlock.cidr, ...(peer.ipBlock.except ?? [])].map(String) : [])));
}

/** Checks a NetworkPolicy being created. */
export function validateNetworkPolicyCreate(policy: NetworkPolicy): FieldError[] {
  return [...validateObjectMeta(policy.metadata, META), ...validateSpec(isStruct(policy.spec) ? policy.spec : {}, new Set())];
}

/** Checks a NetworkPolicy update. */
export function validateNetworkPolicyUpdate(policy: NetworkPolicy, old: NetworkPolicy): FieldError[] {
  return [...validateObjectMetaUpdate(policy.metadata, old.metadata, META), ...validateSpec(isStruct(policy.spec) ? policy.spec : {}, cidrsOf(old))];
}
