/**
 * networking.k8s.io/v1 NetworkPolicy validation (ValidateNetworkPolicy / ...Update):
 * selectors, ports (protocol, number or name, endPort ranges), peers (one of pod and
 * namespace selectors, or an ipBlock alone with valid CIDRs and strict-subset excepts)
 * and at most the two policy types.
 */
import type { KubeObject } from '../../object.js';
import { isPlainObject } from '../../object.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidRendered, invalidValue, notSupported, required } from '../../field-errors.js';
import { isStrictSubnet, parseCIDR, validateCIDR } from './cidr.js';
import { child, index } from './field-path.js';
import { goStringSlice } from './go-syntax.js';
import { validateLabelSelector } from './label-selector.js';
import { isValidPortName, isValidPortNum, nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];

const has = (value: unknown) => value !== undefined && value !== null;

function validatePort(port: any, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (has(port?.protocol) && !PROTOCOLS.includes(port.protocol)) errors.push(notSupported(child(path, 'protocol'), port.protocol, PROTOCOLS));
  const endPath = child(path, 'endPort');
  if (typeof port?.port === 'number') {
    errors.push(...isValidPortNum(port.port).map((message) => invalidValue(child(path, 'port'), port.port, message)));
    if (has(port.endPort)) {
      if (port.endPort < port.port) errors.push(invalidValue(endPath, port.endPort, 'must be greater than or equal to `port`'));
      errors.push(...isValidPortNum(port.endPort).map((message) => invalidValue(endPath, port.endPort, message)));
    }
  } else if (typeof port?.port === 'string') {
    if (has(port.endPort)) errors.push(invalidValue(endPath, port.endPort, 'may not be specified when `port` is non-numeric'));
    errors.push(...isValidPortName(port.port).map((message) => invalidValue(child(path, 'port'), port.port, message)));
  } else if (has(port?.endPort)) {
    errors.push(invalidValue(endPath, port.endPort, 'may not be specified when `port` is not specified'));
  }
  return errors;
}

function validateIPBlock(block: any, path: string, knownCIDRs: Set<string>): FieldError[] {
  const cidr = String(block?.cidr ?? '');
  if (!cidr) return [required(child(path, 'cidr'))];
  const errors = knownCIDRs.has(cidr) ? [] : validateCIDR(cidr, child(path, 'cidr'));
  const network = parseCIDR(cidr);
  if (!network) return errors;
  (Array.isArray(block.except) ? block.except : []).forEach((except: unknown, i: number) => {
    const exceptPath = index(child(path, 'except'), i);
    const text = String(except);
    if (!knownCIDRs.has(text)) errors.push(...validateCIDR(text, exceptPath));
    const exceptNetwork = parseCIDR(text);
    if (exceptNetwork && !isStrictSubnet(exceptNetwork, network)) errors.push(invalidValue(exceptPath, text, 'must be a strict subset of `cidr`'));
  });
  return errors;
}

function validatePeer(peer: any, path: string, knownCIDRs: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  if (has(peer?.podSelector)) {
    count++;
    errors.push(...validateLabelSelector(peer.podSelector, child(path, 'podSelector')));
  }
  if (has(peer?.namespaceSelector)) {
    count++;
    errors.push(...validateLabelSelector(peer.namespaceSelector, child(path, 'namespaceSelector')));
  }
  if (has(peer?.ipBlock)) {
    count++;
    errors.push(...validateIPBlock(peer.ipBlock, child(path, 'ipBlock'), knownCIDRs));
  }
  if (count === 0) errors.push(required(path, 'must specify a peer'));
  else if (count > 1 && has(peer.ipBlock)) errors.push(forbiddenField(path, 'may not specify both ipBlock and another peer'));
  return errors;
}

function validateRules(rules: unknown, path: string, peersField: string, knownCIDRs: Set<string>): FieldError[] {
  return (Array.isArray(rules) ? rules : []).flatMap((rule: any, i: number) => {
    const rulePath = index(path, i);
    const ports: any[] = Array.isArray(rule?.ports) ? rule.ports : [];
    const peers: any[] = Array.isArray(rule?.[peersField]) ? rule[peersField] : [];
    return [
      ...ports.flatMap((port, j) => validatePort(port, index(child(rulePath, 'ports'), j))),
      ...peers.flatMap((peer, j) => validatePeer(peer, index(child(rulePath, peersField), j), knownCIDRs)),
    ];
  });
}

function validateSpec(spec: any, knownCIDRs: Set<string>): FieldError[] {
  const errors = [
    ...validateLabelSelector(spec.podSelector ?? {}, 'spec.podSelector'),
    ...validateRules(spec.ingress, 'spec.ingress', 'from', knownCIDRs),
    ...validateRules(spec.egress, 'spec.egress', 'to', knownCIDRs),
  ];
  const types: unknown[] = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
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
function cidrsOf(policy: KubeObject): Set<string> {
  const rules = [...(policy.spec?.ingress ?? []).flatMap((rule: any) => rule?.from ?? []), ...(policy.spec?.egress ?? []).flatMap((rule: any) => rule?.to ?? [])];
  return new Set(rules.filter((peer: any) => isPlainObject(peer?.ipBlock)).flatMap((peer: any) => [peer.ipBlock.cidr, ...(peer.ipBlock.except ?? [])].map(String)));
}

/** Checks a NetworkPolicy being created. */
export function validateNetworkPolicyCreate(policy: KubeObject): FieldError[] {
  return [...validateObjectMeta(policy.metadata, META), ...validateSpec(isPlainObject(policy.spec) ? policy.spec : {}, new Set())];
}

/** Checks a NetworkPolicy update. */
export function validateNetworkPolicyUpdate(policy: KubeObject, old: KubeObject): FieldError[] {
  return [...validateObjectMetaUpdate(policy.metadata, old.metadata, META), ...validateSpec(isPlainObject(policy.spec) ? policy.spec : {}, cidrsOf(old))];
}
