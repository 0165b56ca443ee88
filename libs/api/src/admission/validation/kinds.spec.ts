import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import { applyDefaults } from '../defaults/apply-defaults.js';
import { validateCreate, validateUpdate } from './validate.js';

const messages = (errors: { field: string; message: string }[]) => errors.map((e) => `${e.field}: ${e.message}`);
const namespaced = (apiVersion: string, kind: string, body: object, name = 'web'): KubeObject =>
  applyDefaults({ apiVersion, kind, metadata: { name, namespace: 'default' }, ...body });

describe('validateCreate: Service', () => {
  const service = (spec: object, name = 'web') => namespaced('v1', 'Service', { spec }, name);

  it('accepts a ClusterIP service', () => {
    expect(messages(validateCreate(service({ selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] })))).toEqual([]);
  });

  it.each([
    [
      'a name that is not a DNS-1035 label',
      service({ ports: [{ port: 80 }] }, '1web'),
      [
        "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    ['no ports', service({ selector: { app: 'web' } }), ['spec.ports: Required value']],
    [
      'a port out of range',
      service({ ports: [{ port: 0, targetPort: 80 }] }),
      ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'],
    ],
    [
      'an unknown type',
      service({ type: 'Internal', ports: [{ port: 80 }] }),
      ['spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ],
    ['unnamed ports when there are several', service({ ports: [{ port: 80 }, { port: 443 }] }), ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']],
    [
      'the same port twice',
      service({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }),
      ['spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'],
    ],
    ['a nodePort on a ClusterIP service', service({ ports: [{ port: 80, nodePort: 30080 }] }), ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
  ])('refuses %s', (_name, obj, expected) => {
    expect(messages(validateCreate(obj))).toEqual(expected);
  });

  it('refuses a changed cluster IP on update', () => {
    const old = service({ ports: [{ port: 80 }], clusterIP: '10.96.0.10' });
    const changed = { ...service({ ports: [{ port: 80 }], clusterIP: '10.96.0.11' }), metadata: old.metadata };
    expect(messages(validateUpdate(changed, old))).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set']);
  });
});

describe('validateCreate: LimitRange', () => {
  const limitRange = (limits: object[]) => namespaced('v1', 'LimitRange', { spec: { limits } }, 'limits');

  it('refuses a misspelled resource name in defaultRequest', () => {
    const errors = messages(validateCreate(limitRange([{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '200m', memoty: '128Mi' } }])));
    expect(errors).toEqual([
      'spec.limits[0].defaultRequest[memoty]: Invalid value: "memoty": must be a standard resource type or fully qualified',
      'spec.limits[0].defaultRequest[memoty]: Invalid value: "memoty": must be a standard resource for containers',
    ]);
  });

  it.each([
    ['a valid LimitRange', [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '200m', memory: '128Mi' } }], []],
    ['an unknown type', [{ type: 'Namespace', max: { cpu: '1' } }], ['spec.limits[0].type: Invalid value: "Namespace": must be a standard limit type or fully qualified']],
    ['min above max', [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }], [
      'spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1',
      'spec.limits[0].defaultRequest[cpu]: Invalid value: "1": min value 2 is greater than default request value 1',
      'spec.limits[0].default[cpu]: Invalid value: "2": min value 2 is greater than default value 1',
    ]],
    ['defaults on a Pod item', [{ type: 'Pod', default: { cpu: '1' } }], ["spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'"]],
    ['the same type twice', [{ type: 'Container' }, { type: 'Container' }], ['spec.limits[1].type: Duplicate value: "Container"']],
  ])('%s', (_name, limits, expected) => {
    expect(messages(validateCreate(limitRange(limits)))).toEqual(expected);
  });
});

describe('validateCreate: other kinds', () => {
  it.each([
    ['a namespace name with dots', applyDefaults({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } }), ['metadata.name: Invalid value: "team.a": must not contain dots']],
    ['a namespaced Node', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', namespace: 'default' } }, ['metadata.namespace: Forbidden: not allowed on this type']],
    ['a negative node capacity', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { capacity: { cpu: '-1' } } }, ['status.capacity.cpu: Invalid value: "-1": must be greater than or equal to 0']],
    [
      'an endpoint on loopback',
      namespaced('v1', 'Endpoints', { subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 80 }] }] }),
      ['subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'],
    ],
    ['an endpoint subset without addresses', namespaced('v1', 'Endpoints', { subsets: [{ ports: [{ port: 80 }] }] }), ['subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`']],
    ['an endpoint slice of an unknown address type', namespaced('discovery.k8s.io/v1', 'EndpointSlice', { addressType: 'IPv5' }), ['addressType: Unsupported value: "IPv5": supported values: "IPv4", "IPv6", "FQDN"']],
    [
      'an endpoint slice endpoint without addresses, and a bad address',
      namespaced('discovery.k8s.io/v1', 'EndpointSlice', { addressType: 'IPv4', endpoints: [{ addresses: [] }, { addresses: ['10.0.0.300'] }] }),
      ['endpoints[0].addresses: Required value: must contain at least 1 address', 'endpoints[1].addresses[0]: Invalid value: "10.0.0.300": must be a valid IPv4 address'],
    ],
    ['a zero lease duration', namespaced('coordination.k8s.io/v1', 'Lease', { spec: { leaseDurationSeconds: 0 } }), ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0']],
    [
      'an event in another namespace than its object',
      namespaced('v1', 'Event', { involvedObject: { kind: 'Pod', name: 'p', namespace: 'other' }, reason: 'Started' }, 'p.1'),
      ['involvedObject.namespace: Invalid value: "other": does not match event.namespace'],
    ],
  ])('refuses %s', (_name, obj, expected) => {
    expect(messages(validateCreate(obj as KubeObject))).toEqual(expected);
  });

  it('accepts the objects a cluster starts with', () => {
    const objects: KubeObject[] = [
      applyDefaults({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } }),
      applyDefaults({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } }, status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } } }),
      namespaced('v1', 'Endpoints', { subsets: [{ addresses: [{ ip: '10.244.0.5' }], ports: [{ port: 80 }] }] }),
      namespaced('coordination.k8s.io/v1', 'Lease', { spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40 } }, 'node-1'),
      applyDefaults(namespaced('discovery.k8s.io/v1', 'EndpointSlice', { addressType: 'IPv4', endpoints: [{ addresses: ['10.244.0.5'], conditions: { ready: true } }], ports: [{ port: 80 }] })),
      namespaced('v1', 'Event', { involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' }, reason: 'Scheduled' }, 'p.1'),
    ];
    expect(objects.flatMap((o) => messages(validateCreate(o)))).toEqual([]);
  });
});

describe('validateUpdate: metadata', () => {
  const namespace = (metadata: object) => applyDefaults({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', ...metadata } });

  it.each([
    ['a new name', { name: 'b' }, ['metadata.name: Invalid value: "b": field is immutable']],
    ['a new uid', { uid: 'u2' }, ['metadata.uid: Invalid value: "u2": field is immutable']],
    ['a new creationTimestamp', { creationTimestamp: '2024-05-02T10:00:00Z' }, ['metadata.creationTimestamp: Invalid value: 2024-05-02 10:00:00 +0000 UTC: field is immutable']],
    ['a decremented generation', { generation: 1 }, ['metadata.generation: Invalid value: 1: must not be decremented']],
  ])('refuses %s', (_name, change, expected) => {
    const old = namespace({ uid: 'u1', creationTimestamp: '2024-05-01T10:00:00Z', generation: 2 });
    const changed = namespace({ uid: 'u1', creationTimestamp: '2024-05-01T10:00:00Z', generation: 2, ...change });
    expect(messages(validateUpdate(changed, old))).toEqual(expected);
  });
});
