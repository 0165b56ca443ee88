import { describe, expect, it } from 'vitest';
import { resourceTypes } from '../registry.js';
import { base64CorruptAt, decodeStrict } from './decode-strict.js';

const pod = 'io.k8s.api.core.v1.Pod';

const nginxPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', labels: { app: 'web' }, annotations: { note: 'x' }, creationTimestamp: null },
  spec: {
    restartPolicy: 'Always',
    containers: [
      {
        name: 'nginx',
        image: 'nginx:1.27',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: 0.25 } },
        readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 },
        livenessProbe: { tcpSocket: { port: 'http' } },
        lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
        env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      },
    ],
    initContainers: [{ name: 'sidecar', image: 'busybox', restartPolicy: 'Always' }],
    nodeSelector: { disk: 'ssd' },
    tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }],
  },
  status: { phase: 'Running', startTime: '2024-05-01T10:00:00Z', conditions: [{ type: 'Ready', status: 'True' }] },
};

const correctObjects: Array<[string, unknown]> = [
  [pod, nginxPod],
  [
    'io.k8s.api.apps.v1.Deployment',
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'api' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
        template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'api:1' }] } },
      },
    },
  ],
  [
    'io.k8s.api.batch.v1.Job',
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi' },
      spec: {
        backoffLimit: 4,
        completions: 1,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl', command: ['perl', '-e', '1'] }] } },
      },
    },
  ],
  [
    'io.k8s.api.core.v1.LimitRange',
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'limits' },
      spec: { limits: [{ type: 'Container', default: { cpu: '1' }, defaultRequest: { memory: '64Mi' }, max: { cpu: 2 } }] },
    },
  ],
  [
    'io.k8s.api.core.v1.Service',
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    },
  ],
  ['io.k8s.api.core.v1.Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }],
  [
    'io.k8s.api.core.v1.Node',
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } },
      spec: { unschedulable: true, taints: [{ key: 'k', effect: 'NoSchedule' }] },
      status: {
        capacity: { cpu: '4', memory: '8Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2024-05-01T10:00:00+02:00' }],
        addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
        nodeInfo: { kubeletVersion: 'v1.32.0' },
      },
    },
  ],
  [
    'io.k8s.api.coordination.v1.Lease',
    {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'node-1', namespace: 'kube-node-lease' },
      spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2024-05-01T10:00:00.123456Z' },
    },
  ],
  [
    'io.k8s.api.core.v1.Event',
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.1' },
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
      reason: 'Scheduled',
      count: 1,
      eventTime: null,
      firstTimestamp: '2024-05-01T10:00:00Z',
    },
  ],
];

describe('decodeStrict', () => {
  it.each(correctObjects)('finds nothing wrong in a correct %s', (schemaName, obj) => {
    expect(decodeStrict(schemaName, obj)).toEqual({ unknownFields: [], typeErrors: [] });
  });

  it('knows every kind the registry serves', () => {
    for (const t of resourceTypes) {
      expect(decodeStrict(t.schemaName, { apiVersion: 'x', kind: t.kind, metadata: {} })).toEqual({
        unknownFields: [],
        typeErrors: [],
      });
    }
  });

  const mistakes: Array<[string, unknown, string[]]> = [
    ['metadate at the top', { ...nginxPod, metadate: { name: 'web' } }, ['metadate']],
    [
      'readinessprobe under a container',
      { ...nginxPod, spec: { containers: [{ name: 'a', image: 'b' }, { name: 'c', readinessprobe: {} }] } },
      ['spec.containers[1].readinessprobe'],
    ],
    [
      'lifecycle under the pod spec',
      { spec: { containers: [{ name: 'a' }], lifecycle: { preStop: {} } } },
      ['spec.lifecycle'],
    ],
    ['wrong case', { Metadata: {}, spec: { Containers: [] } }, ['Metadata', 'spec.Containers']],
    [
      'unknown fields inside map values and nested lists',
      {
        spec: {
          containers: [{ name: 'a', env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 's', key: 'k', opt: 1 } } }] }],
        },
        metadata: { ownerReferences: [{ name: 'o', kind: 'K', apiVersion: 'v1', uid: 'u', owner: true }] },
      },
      ['spec.containers[0].env[0].valueFrom.secretKeyRef.opt', 'metadata.ownerReferences[0].owner'],
    ],
    ['the same unknown field twice is reported once', { x: 1, spec: { x: 1 } }, ['x', 'spec.x']],
  ];

  it.each(mistakes)('reports %s', (_name, obj, unknownFields) => {
    expect(decodeStrict(pod, obj)).toEqual({ unknownFields, typeErrors: [] });
  });

  it('knows spec.containers[0].restartPolicy (a Container field since 1.28)', () => {
    const obj = { spec: { containers: [{ name: 'a', restartPolicy: 'Always' }] } };
    expect(decodeStrict(pod, obj)).toEqual({ unknownFields: [], typeErrors: [] });
  });

  it('does not look inside a field it does not know', () => {
    expect(decodeStrict(pod, { spec: { extra: { deeper: 1 } } }).unknownFields).toEqual(['spec.extra']);
  });

  it('keeps at most 100 unknown fields, like Kubernetes', () => {
    const obj = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}`, i]));
    expect(decodeStrict(pod, obj).unknownFields).toHaveLength(100);
  });

  const typeMistakes: Array<[string, unknown, string]> = [
    [
      'a number as container name',
      { spec: { containers: [{ name: 5 }] } },
      'json: cannot unmarshal number into Go struct field Container.spec.containers.name of type string',
    ],
    [
      'a string as a container port',
      { spec: { containers: [{ name: 'a', ports: [{ containerPort: '80' }] }] } },
      'json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    ],
    [
      'a fraction as an int32',
      { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80.5 }] }] } },
      'json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    ],
    [
      'an int32 overflow',
      { spec: { containers: [{ name: 'a', ports: [{ containerPort: 2147483648 }] }] } },
      'json: cannot unmarshal number 2147483648 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    ],
    [
      'a string as the spec',
      { spec: 'nginx' },
      'json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec',
    ],
    [
      'an object as containers',
      { spec: { containers: { name: 'a' } } },
      'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container',
    ],
    [
      'a number as a label value',
      { metadata: { labels: { tier: 1 } } },
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    ],
    [
      'a string as a boolean',
      { spec: { hostNetwork: 'true' } },
      'json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool',
    ],
    [
      'an array as the whole object',
      [],
      'json: cannot unmarshal array into Go value of type v1.Pod',
    ],
    [
      'a boolean as an IntOrString',
      { spec: { containers: [{ name: 'a', readinessProbe: { httpGet: { port: true } } }] } },
      'json: cannot unmarshal bool into Go struct field HTTPGetAction.spec.containers.readinessProbe.httpGet.port of type int32',
    ],
    [
      'a quantity with letters outside the suffix alphabet',
      { spec: { containers: [{ name: 'a', resources: { limits: { memory: '1GB' } } }] } },
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
    [
      'a malformed quantity',
      { spec: { containers: [{ name: 'a', resources: { limits: { cpu: 'lots' } } }] } },
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
    [
      'a quantity with an unknown suffix',
      { spec: { containers: [{ name: 'a', resources: { limits: { memory: '512mi' } } }] } },
      "unable to parse quantity's suffix",
    ],
    [
      'a number as a timestamp',
      { metadata: { creationTimestamp: 5 } },
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string',
    ],
    [
      'text that is no timestamp',
      { metadata: { creationTimestamp: 'yesterday' } },
      'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
    ],
  ];

  it.each(typeMistakes)('reports %s in Go wording', (_name, obj, error) => {
    expect(decodeStrict(pod, obj).typeErrors[0]).toBe(error);
  });

  it('puts an error that stops decoding ahead of earlier type errors, as Go reports it', () => {
    const obj = { spec: { hostNetwork: 'yes', containers: [{ name: 'a', resources: { limits: { cpu: '1Gm' } } }] } };
    expect(decodeStrict(pod, obj).typeErrors).toEqual([
      "unable to parse quantity's suffix",
      'json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool',
    ]);
  });

  it('accepts null anywhere and any JSON in free-form fields', () => {
    const obj = {
      metadata: { labels: null, managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:spec': {} } }] },
      spec: { containers: [{ name: null, ports: null }] },
    };
    expect(decodeStrict(pod, obj)).toEqual({ unknownFields: [], typeErrors: [] });
  });

  it('decodes the subresource kinds', () => {
    const scale = { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'api' }, spec: { replicas: 2 } };
    expect(decodeStrict('io.k8s.api.autoscaling.v1.Scale', scale).unknownFields).toEqual([]);
    const eviction = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web' }, deleteOptions: { gracePeriodSeconds: 0 } };
    expect(decodeStrict('io.k8s.api.policy.v1.Eviction', eviction).unknownFields).toEqual([]);
  });
});

describe('base64CorruptAt (Go base64.StdEncoding on a []byte field)', () => {
  it.each([
    ['czNjcmV0', undefined],
    ['aGk=', undefined],
    ['aA==', undefined],
    ['', undefined],
    ['s3cret', 4],
    ['abc', 0],
    ['ab!d', 2],
    ['a===', 1],
    ['aGk=aGk=', 3],
  ])('%j → %s', (text, at) => {
    expect(base64CorruptAt(text)).toBe(at);
  });

  it('refuses a Secret whose data is not base64, as kube-apiserver words it', () => {
    const result = decodeStrict('io.k8s.api.core.v1.Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: 's3cret' } });
    expect(result.typeErrors).toEqual(['illegal base64 data at input byte 4']);
  });
});
