/**
 * networking.k8s.io/v1 NetworkPolicy defaults (SetDefaults_NetworkPolicy and
 * SetDefaults_NetworkPolicyPort): policyTypes [Ingress], plus Egress when egress rules
 * are given, and TCP for every port without a protocol.
 */
import type { NetworkPolicyEgressRule, NetworkPolicyIngressRule } from 'kubernetes-types/networking/v1';
import { isPlainObject } from '../../object.js';
import type { NetworkPolicy } from '../../typed-objects.js';
import { objectField } from './object-field.js';

function defaultPorts(rules: NetworkPolicyIngressRule[] | NetworkPolicyEgressRule[] | undefined): void {
  for (const rule of Array.isArray(rules) ? rules : []) {
    for (const port of Array.isArray(rule?.ports) ? rule.ports : []) if (isPlainObject(port)) port.protocol ??= 'TCP';
  }
}

/** Fills a NetworkPolicy's defaults in place. */
export function defaultNetworkPolicy(policy: NetworkPolicy): void {
  const spec = objectField(policy, 'spec');
  defaultPorts(spec.ingress);
  defaultPorts(spec.egress);
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
    spec.policyTypes = Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
}
