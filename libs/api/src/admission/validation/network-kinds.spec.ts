import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import type { HorizontalPodAutoscaler, Ingress, IngressClass, NetworkPolicy, PodDisruptionBudget } from '../../typed-objects.js';
import { applyDefaults } from '../defaults/apply-defaults.js';
import { validateCreate, validateUpdate } from './validate.js';

const messages = (errors: { field: string; message: string }[]) => errors.map((e) => `${e.field}: ${e.message}`);
const make = <T extends KubeObject = KubeObject>(apiVersion: string, kind: string, spec: object, metadata: object = { name: 'test', namespace: 'default' }): T =>
  applyDefaults({ apiVersion, kind, metadata, spec }) as T;

describe('HorizontalPodAutoscaler (autoscaling/v2)', () => {
  // https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale-walkthrough/
  const docs = {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' },
    minReplicas: 1,
    maxReplicas: 10,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
  };
  const hpa = (spec: object) => make<HorizontalPodAutoscaler>('autoscaling/v2', 'HorizontalPodAutoscaler', spec, { name: 'php-apache', namespace: 'default' });

  it('accepts the walkthrough autoscaler', () => {
    expect(validateCreate(hpa(docs))).toEqual([]);
  });

  it('defaults minReplicas and an 80% CPU metric, and leaves behavior unset', () => {
    const defaulted = hpa({ scaleTargetRef: docs.scaleTargetRef, maxReplicas: 3 });
    expect(defaulted.spec?.minReplicas).toBe(1);
    expect(defaulted.spec?.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(defaulted.spec?.behavior).toBeUndefined();
  });

  it('fills a given behavior from the default scaling rules', () => {
    const defaulted = hpa({ ...docs, behavior: { scaleDown: { stabilizationWindowSeconds: 300 } } });
    expect(defaulted.spec?.behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
    expect(validateCreate(defaulted)).toEqual([]);
  });

  it.each([
    ['minReplicas 0 and maxReplicas below it', { ...docs, minReplicas: 0, maxReplicas: -1 }, [
      'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
      'spec.maxReplicas: Invalid value: -1: must be greater than 0',
      'spec.maxReplicas: Invalid value: -1: must be greater than or equal to `minReplicas`',
      'spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas',
    ]],
    ['no scale target', { ...docs, scaleTargetRef: { name: 'a/b' } }, ['spec.scaleTargetRef.kind: Required value', "spec.scaleTargetRef.name: Invalid value: \"a/b\": may not contain '/'"]],
    ['a Resource metric without its source', { ...docs, metrics: [{ type: 'Resource', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } }] }, [
      'spec.metrics[0].resource: Required value: must populate information for the given metric source',
    ]],
    ['a target without a value', { ...docs, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }] }, [
      'spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization',
    ]],
    ['a policy period over 30 minutes', { ...docs, behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 3600 }] } } }, [
      'spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 3600: must be less than or equal to 1800',
    ]],
  ])('refuses %s', (_name, spec, expected) => {
    expect(messages(validateCreate(hpa(spec)))).toEqual(expected);
  });
});

describe('PodDisruptionBudget', () => {
  // https://kubernetes.io/docs/tasks/run-application/configure-pdb/
  const pdb = (spec: object, name = 'zk-pdb') => make<PodDisruptionBudget>('policy/v1', 'PodDisruptionBudget', spec, { name, namespace: 'default' });

  it('accepts the documentation budgets and starts them with a zero status', () => {
    const minAvailable = pdb({ minAvailable: 2, selector: { matchLabels: { app: 'zookeeper' } } });
    expect(minAvailable.status).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
    expect(validateCreate(minAvailable)).toEqual([]);
    expect(validateCreate(pdb({ maxUnavailable: 1, selector: { matchLabels: { app: 'zookeeper' } }, unhealthyPodEvictionPolicy: 'AlwaysAllow' }))).toEqual([]);
  });

  it.each([
    ['both minAvailable and maxUnavailable', { minAvailable: 1, maxUnavailable: '120%' }, [
      'spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(intstr.IntOrString{Type:0, IntVal:1, StrVal:""}), Selector:(*v1.LabelSelector)(nil), MaxUnavailable:(*intstr.IntOrString)(intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}: minAvailable and maxUnavailable cannot be both set',
      'spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
    ]],
    ['a negative minAvailable', { minAvailable: -1 }, ['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0']],
    ['an unknown eviction policy', { minAvailable: 1, unhealthyPodEvictionPolicy: 'Never' }, ['spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"']],
  ])('refuses %s', (_name, spec, expected) => {
    expect(messages(validateCreate(pdb(spec)))).toEqual(expected);
  });

  it('checks the name as a path segment only once the spec is valid', () => {
    expect(validateCreate(pdb({ minAvailable: 1 }, 'Zk_PDB'))).toEqual([]);
    expect(messages(validateCreate(pdb({ minAvailable: 1 }, 'a%b')))).toEqual(['metadata.name: Invalid value: "a%b": may not contain \'%\'']);
  });
});

describe('NetworkPolicy', () => {
  // https://kubernetes.io/docs/concepts/services-networking/network-policies/
  const docs = {
    podSelector: { matchLabels: { role: 'db' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [
      {
        from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }, { namespaceSelector: { matchLabels: { project: 'myproject' } } }, { podSelector: { matchLabels: { role: 'frontend' } } }],
        ports: [{ protocol: 'TCP', port: 6379 }],
      },
    ],
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
  };
  const policy = (spec: object) => make<NetworkPolicy>('networking.k8s.io/v1', 'NetworkPolicy', spec, { name: 'test-network-policy', namespace: 'default' });

  it('accepts the documentation policy', () => {
    expect(validateCreate(policy(docs))).toEqual([]);
  });

  it('defaults policyTypes from the rules given and ports to TCP', () => {
    expect(policy({ podSelector: {} }).spec?.policyTypes).toEqual(['Ingress']);
    const egress = policy({ podSelector: {}, egress: [{ ports: [{ port: 53 }] }] });
    expect(egress.spec?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(egress.spec?.egress?.[0].ports?.[0]).toEqual({ port: 53, protocol: 'TCP' });
  });

  it.each([
    ['an except outside the cidr', [{ ipBlock: { cidr: '172.17.0.0/16', except: ['10.0.0.0/24'] } }], ['spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.0.0.0/24": must be a strict subset of `cidr`']],
    ['a bad cidr', [{ ipBlock: { cidr: '172.17.0.0' } }], ['spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "172.17.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']],
    ['an empty peer', [{}], ['spec.ingress[0].from[0]: Required value: must specify a peer']],
    ['an ipBlock with a selector', [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }], ['spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer']],
  ])('refuses %s', (_name, from, expected) => {
    expect(messages(validateCreate(policy({ podSelector: {}, ingress: [{ from }] })))).toEqual(expected);
  });

  it('refuses bad ports and policy types', () => {
    const errors = messages(validateCreate(policy({ podSelector: {}, policyTypes: ['Ingress', 'Sideways'], ingress: [{ ports: [{ port: 'http', endPort: 90 }, { port: 100, endPort: 90, protocol: 'ICMP' }] }] })));
    expect(errors).toEqual([
      'spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric',
      'spec.ingress[0].ports[1].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"',
      'spec.ingress[0].ports[1].endPort: Invalid value: 90: must be greater than or equal to `port`',
      'spec.policyTypes[1]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"',
    ]);
  });
});

describe('Ingress and IngressClass', () => {
  // https://kubernetes.io/docs/concepts/services-networking/ingress/
  const backend = { service: { name: 'test', port: { number: 80 } } };
  const docs = { ingressClassName: 'nginx-example', rules: [{ http: { paths: [{ path: '/testpath', pathType: 'Prefix', backend }] } }] };
  const ingress = (spec: object, annotations?: object) =>
    make<Ingress>('networking.k8s.io/v1', 'Ingress', spec, { name: 'minimal-ingress', namespace: 'default', ...(annotations ? { annotations } : {}) });

  it('accepts the documentation ingresses', () => {
    expect(validateCreate(ingress(docs))).toEqual([]);
    expect(validateCreate(ingress({ rules: [{ host: '*.foo.com', http: { paths: [{ path: '/foo', pathType: 'Prefix', backend }] } }] }))).toEqual([]);
    expect(validateCreate(ingress({ defaultBackend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static-assets' } } }))).toEqual([]);
  });

  it.each([
    ['neither rules nor a default backend', {}, ['spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified']],
    ['a path without pathType', { rules: [{ http: { paths: [{ path: '/', backend }] } }] }, ['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified']],
    ['a relative Prefix path', { rules: [{ http: { paths: [{ path: 'api//v1', pathType: 'Prefix', backend }] } }] }, [
      'spec.rules[0].http.paths[0].path: Invalid value: "api//v1": must be an absolute path',
      "spec.rules[0].http.paths[0].path: Invalid value: \"api//v1\": must not contain '//'",
    ]],
    ['an unknown pathType', { rules: [{ http: { paths: [{ path: '/', pathType: 'Regex', backend }] } }] }, ['spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"']],
    ['an IP host and a bad wildcard', { rules: [{ host: '10.0.0.1' }, { host: 'foo.*.com' }] }, [
      'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
      "spec.rules[1].host: Invalid value: \"foo.*.com\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]],
    ['a backend with both a service and a resource', { defaultBackend: { ...backend, resource: { kind: 'Bucket', name: 'b' } } }, ['spec.defaultBackend: Invalid value: "": cannot set both resource and service backends']],
    ['a service backend without a port', { defaultBackend: { service: { name: 'test' } } }, ['spec.defaultBackend: Required value: port name or number is required']],
  ])('refuses %s', (_name, spec, expected) => {
    expect(messages(validateCreate(ingress(spec)))).toEqual(expected);
  });

  it('refuses a class annotation that disagrees with ingressClassName', () => {
    expect(messages(validateCreate(ingress(docs, { 'kubernetes.io/ingress.class': 'other' })))).toEqual([
      'annotations.kubernetes.io/ingress.class: Invalid value: "other": must match `ingressClassName` when both are specified',
    ]);
  });

  const ingressClass = (spec: object) => make<IngressClass>('networking.k8s.io/v1', 'IngressClass', spec, { name: 'external-lb' });

  it('accepts the documentation IngressClass, defaulting the parameters scope to Cluster', () => {
    const defaulted = ingressClass({ controller: 'example.com/ingress-controller', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } });
    expect(defaulted.spec?.parameters?.scope).toBe('Cluster');
    expect(validateCreate(defaulted)).toEqual([]);
  });

  it('refuses a missing or undomained controller, a changed controller and a namespaced reference without namespace', () => {
    expect(messages(validateCreate(ingressClass({})))).toEqual(['spec.controller: Required value']);
    expect(messages(validateCreate(ingressClass({ controller: 'nginx' })))).toEqual(['spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")']);
    expect(messages(validateCreate(ingressClass({ controller: 'k8s.io/nginx', parameters: { kind: 'P', name: 'p', scope: 'Namespace' } })))).toEqual([
      "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'",
    ]);
    const old = ingressClass({ controller: 'k8s.io/ingress-nginx' });
    expect(messages(validateUpdate(ingressClass({ controller: 'example.com/other' }), old))).toEqual(['spec.controller: Invalid value: "example.com/other": field is immutable']);
  });
});
