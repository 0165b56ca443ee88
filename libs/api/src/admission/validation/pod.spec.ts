import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import { applyDefaults } from '../defaults/apply-defaults.js';
import { validateCreate } from './validate.js';

const pod = (spec: object, metadata: object = { name: 'web', namespace: 'default' }): KubeObject =>
  applyDefaults({ apiVersion: 'v1', kind: 'Pod', metadata: metadata as KubeObject['metadata'], spec });
const container = (extra: object = {}) => ({ name: 'web', image: 'nginx:1.25', ...extra });
const messages = (obj: KubeObject) => validateCreate(obj).map((e) => `${e.field}: ${e.message}`);

describe('validateCreate: Pod', () => {
  it('accepts a defaulted nginx pod', () => {
    expect(messages(pod({ containers: [container({ ports: [{ containerPort: 80 }] })] }))).toEqual([]);
  });

  it.each([
    [
      'a bad name',
      pod({ containers: [container()] }, { name: 'My_Pod', namespace: 'default' }),
      [
        "metadata.name: Invalid value: \"My_Pod\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    ],
    ['no name', pod({ containers: [container()] }, { namespace: 'default' }), ['metadata.name: Required value: name or generateName is required']],
    [
      'a bad label key',
      pod({ containers: [container()] }, { name: 'web', namespace: 'default', labels: { 'bad key': 'x' } }),
      [
        "metadata.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    ],
    ['no containers', pod({ containers: [] }), ['spec.containers: Required value']],
    ['a container without name and image', pod({ containers: [{}] }), ['spec.containers[0].name: Required value', 'spec.containers[0].image: Required value']],
    ['a port out of range', pod({ containers: [container({ ports: [{ containerPort: 70000 }] })] }), ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive']],
    [
      'an unknown protocol',
      pod({ containers: [container({ ports: [{ containerPort: 80, protocol: 'HTTP' }] })] }),
      ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      'duplicate container names across init and regular containers',
      pod({ initContainers: [container({ image: 'busybox:1' })], containers: [container()] }),
      ['spec.initContainers[0].name: Duplicate value: "web"'],
    ],
    ['two containers with one name', pod({ containers: [container(), container()] }), ['spec.containers[1].name: Duplicate value: "web"']],
    [
      'an unknown restartPolicy',
      pod({ containers: [container()], restartPolicy: 'Sometimes' }),
      ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ],
    ['a restartPolicy on a regular container', pod({ containers: [container({ restartPolicy: 'Always' })] }), ['spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers']],
    [
      'a misspelled resource',
      pod({ containers: [container({ resources: { requests: { memoty: '128Mi' } } })] }),
      [
        'spec.containers[0].resources.requests[memoty]: Invalid value: "memoty": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.requests[memoty]: Invalid value: "memoty": must be a standard resource for containers',
      ],
    ],
    [
      'an unparseable quantity (copied to requests by defaulting)',
      pod({ containers: [container({ resources: { limits: { cpu: 'lots' } } })] }),
      [
        "spec.containers[0].resources.limits[cpu]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
        "spec.containers[0].resources.requests[cpu]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      ],
    ],
    [
      'requests above limits',
      pod({ containers: [container({ resources: { limits: { cpu: '1' }, requests: { cpu: '2' } } })] }),
      ['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
    ],
    [
      'negative probe numbers and a liveness successThreshold',
      pod({ containers: [container({ livenessProbe: { exec: { command: ['true'] }, initialDelaySeconds: -1, successThreshold: 2 } })] }),
      [
        'spec.containers[0].livenessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0',
        'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
      ],
    ],
    ['a probe without a handler', pod({ containers: [container({ readinessProbe: { periodSeconds: 5 } })] }), ['spec.containers[0].readinessProbe: Required value: must specify a handler type']],
    [
      'a probe on a plain init container',
      pod({ initContainers: [{ name: 'init', image: 'busybox:1', livenessProbe: { exec: { command: ['true'] } } }], containers: [container()] }),
      ['spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always'],
    ],
    ['a mount of an unknown volume', pod({ containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] }), ['spec.containers[0].volumeMounts[0].name: Not found: "data"']],
    [
      'a toleration with a value and Exists',
      pod({ containers: [container()], tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] }),
      ["spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'"],
    ],
    [
      'an env var from nowhere',
      pod({ containers: [container({ env: [{ name: 'A', valueFrom: {} }] })] }),
      ['spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'],
    ],
    ['ephemeral containers on create', pod({ containers: [container()], ephemeralContainers: [{ name: 'debug', image: 'busybox:1' }] }), ['spec.ephemeralContainers: Forbidden: cannot be set on create']],
  ])('refuses %s', (_name, obj, expected) => {
    expect(messages(obj)).toEqual(expected);
  });
});
