/**
 * Service validation (ValidateService / ValidateServiceUpdate): DNS-1035 names, ports,
 * type, session affinity, cluster IPs and IP families, traffic policies, and the
 * update rule that allocated cluster IPs and families do not change.
 */
import type { ServicePort, ServiceSpec } from 'kubernetes-types/core/v1';
import type { Service } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { duplicate, duplicateRendered, forbiddenField, invalidRendered, invalidValue, notSupported, required } from '../../field-errors.js';
import { child, index } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { goStringSlice } from './go-syntax.js';
import { isIPv6, validateIP } from './ip.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum, nameIsDNS1035Label } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { validatePortNumOrName } from './probes.js';

const META: MetaRules = { namespaced: true, name: nameIsDNS1035Label, kubeFinalizers: true };
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const AFFINITIES = ['ClientIP', 'None'];
const INTERNAL_POLICIES = ['Cluster', 'Local'];
const EXTERNAL_POLICIES = ['Cluster', 'Local'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const MAX_AFFINITY_SECONDS = 86400;

const isHeadless = (spec: ServiceSpec) => listOf(spec.clusterIPs).length === 1 && listOf(spec.clusterIPs)[0] === 'None';
const externallyAccessible = (spec: ServiceSpec) => spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && listOf(spec.externalIPs).length > 0);

/** core.ServicePort as `%#v` prints the (protocol, port) key of a duplicate. */
function goServicePortKey(protocol: string, port: number): string {
  return `core.ServicePort{Name:"", Protocol:${JSON.stringify(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

function validatePort(port: Partial<ServicePort>, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = String(port.name ?? '');
  if (requireName && !name) errors.push(required(child(path, 'name')));
  else if (name) {
    errors.push(...isDNS1123Label(name).map((message) => invalidValue(child(path, 'name'), name, message)));
    if (names.has(name)) errors.push(duplicate(child(path, 'name'), name));
    else names.add(name);
  }
  errors.push(...isValidPortNum(Number(port.port ?? 0)).map((message) => invalidValue(child(path, 'port'), Number(port.port ?? 0), message)));
  if (!port.protocol) errors.push(required(child(path, 'protocol')));
  else if (!PROTOCOLS.includes(port.protocol)) errors.push(notSupported(child(path, 'protocol'), port.protocol, PROTOCOLS));
  errors.push(...validatePortNumOrName(port.targetPort, child(path, 'targetPort')));
  if (port.appProtocol !== undefined && port.appProtocol !== null) {
    errors.push(...isQualifiedName(String(port.appProtocol)).map((message) => invalidValue(child(path, 'appProtocol'), port.appProtocol, message)));
  }
  return errors;
}

function validateTypeSpecifics(spec: ServiceSpec): FieldError[] {
  const errors: FieldError[] = [];
  if ((spec.type === 'LoadBalancer' || spec.type === 'NodePort') && isHeadless(spec)) {
    errors.push(invalidValue('spec.clusterIPs[0]', listOf(spec.clusterIPs)[0], `may not be set to 'None' for ${spec.type} services`));
  }
  if (spec.type === 'ExternalName') {
    if (listOf(spec.clusterIPs).length > 0) errors.push(forbiddenField('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (listOf(spec.ipFamilies).length > 0) errors.push(forbiddenField('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) errors.push(forbiddenField('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = String(spec.externalName ?? '').replace(/\.$/, '');
    if (cname) errors.push(...isDNS1123Subdomain(cname).map((message) => invalidValue('spec.externalName', cname, message)));
    else errors.push(required('spec.externalName'));
  }
  return errors;
}

function validateSessionAffinity(spec: ServiceSpec): FieldError[] {
  if (!spec.sessionAffinity) return [required('spec.sessionAffinity')];
  if (!AFFINITIES.includes(spec.sessionAffinity)) return [notSupported('spec.sessionAffinity', spec.sessionAffinity, AFFINITIES)];
  const config = spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'None') {
    return isStruct(config) ? [forbiddenField('spec.sessionAffinityConfig', 'must not be set when session affinity is None')] : [];
  }
  if (!isStruct(config)) return [required('spec.sessionAffinityConfig', 'when session affinity type is ClientIP')];
  if (!isStruct(config.clientIP)) return [required('spec.sessionAffinityConfig.clientIP', 'when session affinity type is ClientIP')];
  const timeout = config.clientIP.timeoutSeconds;
  const timeoutPath = 'spec.sessionAffinityConfig.clientIP.timeoutSeconds';
  if (timeout === undefined || timeout === null) return [required(timeoutPath, 'when session affinity type is ClientIP')];
  return timeout <= 0 || timeout > MAX_AFFINITY_SECONDS ? [invalidValue(timeoutPath, timeout, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`)] : [];
}

function validateClusterIPs(spec: ServiceSpec): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errors: FieldError[] = [];
  const clusterIPs = listOf(spec.clusterIPs);
  if (spec.clusterIP) {
    if (clusterIPs.length === 0) errors.push(required('spec.clusterIPs'));
    else if (clusterIPs[0] !== spec.clusterIP) errors.push(invalidRendered('spec.clusterIPs', goStringSlice(clusterIPs), 'first value must match `clusterIP`'));
  } else if (clusterIPs.length > 0) {
    errors.push(invalidRendered('spec.clusterIPs', goStringSlice(clusterIPs), 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  listOf(spec.ipFamilies).forEach((family, i) => {
    if (!IP_FAMILIES.includes(family)) errors.push(notSupported(index('spec.ipFamilies', i), family, IP_FAMILIES));
    if (seen.has(family)) errors.push(duplicate(index('spec.ipFamilies', i), family));
    seen.add(family);
  });
  if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null && !IP_FAMILY_POLICIES.includes(spec.ipFamilyPolicy)) {
    errors.push(notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) errors.push(invalidRendered('spec.clusterIPs', goStringSlice(clusterIPs), "'None' must be the first and only value"));
      return;
    }
    errors.push(...validateIP(String(ip), index('spec.clusterIPs', i)));
  });
  if (clusterIPs.length > 2) errors.push(invalidRendered('spec.clusterIPs', goStringSlice(clusterIPs), 'may only hold up to 2 values'));
  if (!isHeadless(spec)) {
    clusterIPs.forEach((ip, i) => {
      const family = listOf(spec.ipFamilies)[i];
      if (family === 'IPv4' && isIPv6(String(ip))) errors.push(invalidValue(index('spec.clusterIPs', i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (family === 'IPv6' && !isIPv6(String(ip))) errors.push(invalidValue(index('spec.clusterIPs', i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errors;
}

function validatePortCollisions(spec: ServiceSpec): FieldError[] {
  const errors: FieldError[] = [];
  const nodePorts = new Set<string>();
  const ports = new Set<string>();
  listOf(spec.ports).forEach((port, i) => {
    const portPath = index('spec.ports', i);
    if (spec.type === 'ClusterIP' && port?.nodePort) errors.push(forbiddenField(child(portPath, 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    if (port?.nodePort) {
      const nodeKey = `${port.protocol}/${port.nodePort}`;
      if (nodePorts.has(nodeKey)) errors.push(duplicate(child(portPath, 'nodePort'), port.nodePort));
      nodePorts.add(nodeKey);
    }
    const portKey = `${port?.protocol ?? ''}/${port?.port ?? 0}`;
    if (ports.has(portKey)) errors.push(duplicateRendered(portPath, goServicePortKey(String(port?.protocol ?? ''), Number(port?.port ?? 0))));
    ports.add(portKey);
  });
  return errors;
}

function validateTrafficPolicies(spec: ServiceSpec): FieldError[] {
  const errors: FieldError[] = [];
  if (listOf(spec.loadBalancerSourceRanges).length > 0 && spec.type !== 'LoadBalancer') {
    errors.push(forbiddenField('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && spec.type !== 'LoadBalancer') {
    errors.push(forbiddenField('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.type === 'LoadBalancer' && (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)) {
    errors.push(required('allocateLoadBalancerNodePorts'));
  }
  if (spec.type !== 'LoadBalancer' && spec.loadBalancerClass !== undefined && spec.loadBalancerClass !== null) {
    errors.push(forbiddenField('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (!externallyAccessible(spec)) {
    if (spec.externalTrafficPolicy) errors.push(invalidValue('spec.externalTrafficPolicy', spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
  } else if (!spec.externalTrafficPolicy) {
    errors.push(required('spec.externalTrafficPolicy'));
  } else if (!EXTERNAL_POLICIES.includes(spec.externalTrafficPolicy)) {
    errors.push(notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, EXTERNAL_POLICIES));
  }
  if (spec.healthCheckNodePort && !(spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local')) {
    errors.push(invalidValue('spec.healthCheckNodePort', spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  }
  const internal = spec.internalTrafficPolicy;
  if ((internal === undefined || internal === null) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type ?? '')) errors.push(required('spec.internalTrafficPolicy'));
  if (internal !== undefined && internal !== null && !INTERNAL_POLICIES.includes(internal)) errors.push(notSupported('spec.internalTrafficPolicy', internal, INTERNAL_POLICIES));
  if (spec.trafficDistribution !== undefined && spec.trafficDistribution !== null && spec.trafficDistribution !== 'PreferClose') {
    errors.push(notSupported('spec.trafficDistribution', spec.trafficDistribution, ['PreferClose']));
  }
  return errors;
}

function validateService(service: Service): FieldError[] {
  const spec: ServiceSpec = service.spec ?? {};
  const errors = validateObjectMeta(service.metadata, META);
  if (listOf(spec.ports).length === 0 && !isHeadless(spec) && spec.type !== 'ExternalName') errors.push(required('spec.ports'));
  errors.push(...validateTypeSpecifics(spec));
  const names = new Set<string>();
  listOf(spec.ports).forEach((port, i) => errors.push(...validatePort(port ?? {}, listOf(spec.ports).length > 1, names, index('spec.ports', i))));
  if (spec.selector !== undefined && spec.selector !== null) errors.push(...validateLabels(spec.selector, 'spec.selector'));
  errors.push(...validateSessionAffinity(spec));
  errors.push(...validateClusterIPs(spec));
  listOf(spec.externalIPs).forEach((ip, i) => errors.push(...validateIP(String(ip), index('spec.externalIPs', i))));
  if (!spec.type) errors.push(required('spec.type'));
  else if (!TYPES.includes(spec.type)) errors.push(notSupported('spec.type', spec.type, TYPES));
  errors.push(...validatePortCollisions(spec));
  errors.push(...validateTrafficPolicies(spec));
  return errors;
}

/** Checks a Service being created. */
export function validateServiceCreate(service: Service): FieldError[] {
  return validateService(service);
}

function validateClusterIPsUpdate(spec: ServiceSpec, oldSpec: ServiceSpec): FieldError[] {
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName' || (isHeadless(spec) && isHeadless(oldSpec))) return [];
  const fresh = listOf(spec.clusterIPs);
  const old = listOf(oldSpec.clusterIPs);
  const rendered = goStringSlice(fresh);
  if (fresh.length === old.length) {
    return old.flatMap((ip, i) => (ip !== fresh[i] ? [invalidRendered(index('spec.clusterIPs', i), rendered, 'may not change once set')] : []));
  }
  const errors: FieldError[] = [];
  if (fresh.length < old.length && fresh.length === 0) errors.push(invalidRendered('spec.clusterIPs[0]', rendered, 'primary clusterIP can not be unset'));
  if (old.length > 0 && fresh.length > 0 && fresh[0] !== old[0]) errors.push(invalidRendered('spec.clusterIPs[0]', rendered, 'may not change once set'));
  return errors;
}

function validateIPFamiliesUpdate(spec: ServiceSpec, oldSpec: ServiceSpec): FieldError[] {
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName' || isHeadless(spec) || isHeadless(oldSpec)) return [];
  const fresh = listOf(spec.ipFamilies);
  const old = listOf(oldSpec.ipFamilies);
  if (fresh.length === old.length) {
    return old.flatMap((family, i) => (family !== fresh[i] ? [invalidRendered('spec.ipFamilies[0]', `[]core.IPFamily{${fresh.map((f) => JSON.stringify(f)).join(', ')}}`, 'may not change once set')] : []));
  }
  return old.length > 0 && fresh.length > 0 && fresh[0] !== old[0] ? [invalidRendered('spec.ipFamilies[0]', goStringSlice(listOf(spec.clusterIPs)), 'may not change once set')] : [];
}

/** Checks a Service update: allocated cluster IPs and IP families stay as they are. */
export function validateServiceUpdate(service: Service, old: Service): FieldError[] {
  const spec: ServiceSpec = service.spec ?? {};
  const oldSpec: ServiceSpec = old.spec ?? {};
  return [
    ...validateObjectMetaUpdate(service.metadata, old.metadata, META),
    ...validateClusterIPsUpdate(spec, oldSpec),
    ...validateIPFamiliesUpdate(spec, oldSpec),
    ...validateService(service),
  ];
}
