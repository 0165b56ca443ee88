import { describe, expect, it } from 'vitest';
import { PatchError } from './patch-error.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';

const podWith = (spec: object, extra: object = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec, ...extra });
const deploymentWith = (podSpec: object, templateMetadata: object = { labels: { app: 'web' } }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { replicas: 2, template: { metadata: templateMetadata, spec: podSpec } },
});

describe('applyStrategicMergePatch: what kubectl sends', () => {
  it('applies the client-side apply patch that drops a label, a container, an env var and changes args', () => {
    const original = {
      ...deploymentWith({
        containers: [
          { name: 'a', image: 'a:1', args: ['x'], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
          { name: 'b', image: 'b:1' },
        ],
      }),
      metadata: { name: 'web', labels: { app: 'web', tier: 'frontend' } },
    };
    const patch = JSON.parse(
      '{"metadata":{"labels":{"tier":null}},"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"$setElementOrder/env":[{"name":"B"}],"args":["one"],"env":[{"name":"B","value":"3"},{"$patch":"delete","name":"A"}],"name":"a"},{"$patch":"delete","name":"b"}]}}}}',
    );
    expect(applyStrategicMergePatch(original, patch)).toEqual({
      ...deploymentWith({ containers: [{ name: 'a', image: 'a:1', args: ['one'], env: [{ name: 'B', value: '3' }] }] }),
      metadata: { name: 'web', labels: { app: 'web' } },
    });
  });

  it.each([
    ['cordon', { spec: { podCIDR: '10.244.0.0/24' } }, { spec: { unschedulable: true } }, { spec: { podCIDR: '10.244.0.0/24', unschedulable: true } }],
    ['uncordon', { spec: { podCIDR: '10.244.0.0/24', unschedulable: true } }, { spec: { unschedulable: null } }, { spec: { podCIDR: '10.244.0.0/24' } }],
    ['uncordon of a schedulable node', { spec: {} }, { spec: { unschedulable: null } }, { spec: {} }],
  ])('%s', (_name, node, patch, expected) => {
    const kind = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } };
    expect(applyStrategicMergePatch({ ...kind, ...node }, patch)).toEqual({ ...kind, ...expected });
  });

  it.each([
    ['a template without annotations', { labels: { app: 'web' } }, { labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } }],
    [
      'a template restarted before',
      { labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00Z', other: 'kept' } },
      { labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z', other: 'kept' } },
    ],
  ])('rollout restart of %s', (_name, templateMetadata, expectedMetadata) => {
    const podSpec = { containers: [{ name: 'a', image: 'a:1' }] };
    const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } } } } };
    expect(applyStrategicMergePatch(deploymentWith(podSpec, templateMetadata), patch)).toEqual(deploymentWith(podSpec, expectedMetadata));
  });
});

describe('applyStrategicMergePatch: merge semantics', () => {
  const cases: [string, object, object, object][] = [
    [
      'adds a new container ahead of the existing ones, as Kubernetes does',
      { containers: [{ name: 'patch-demo-ctr', image: 'nginx' }] },
      { spec: { containers: [{ name: 'patch-demo-ctr-2', image: 'redis' }] } },
      { containers: [{ name: 'patch-demo-ctr-2', image: 'redis' }, { name: 'patch-demo-ctr', image: 'nginx' }] },
    ],
    [
      'adds a new container where $setElementOrder puts it',
      { containers: [{ name: 'a', image: 'a' }] },
      { spec: { '$setElementOrder/containers': [{ name: 'a' }, { name: 'c' }], containers: [{ name: 'c', image: 'c' }] } },
      { containers: [{ name: 'a', image: 'a' }, { name: 'c', image: 'c' }] },
    ],
    [
      'changes one image and keeps the order (kubectl patch)',
      { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1', ports: [{ containerPort: 80 }] }] },
      { spec: { containers: [{ name: 'b', image: 'b:2' }] } },
      { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:2', ports: [{ containerPort: 80 }] }] },
    ],
    [
      'changes one image (kubectl set image)',
      { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] },
      { spec: { '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }], containers: [{ image: 'b:2', name: 'b' }] } },
      { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:2' }] },
    ],
    [
      'keeps a server-only sidecar where it was',
      { containers: [{ name: 'sidecar', image: 's' }, { name: 'app', image: 'app:1' }] },
      { spec: { '$setElementOrder/containers': [{ name: 'app' }], containers: [{ name: 'app', image: 'app:2' }] } },
      { containers: [{ name: 'sidecar', image: 's' }, { name: 'app', image: 'app:2' }] },
    ],
    [
      'reorders a list named only by $setElementOrder',
      { containers: [{ name: 'a' }, { name: 'b' }] },
      { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } },
      { containers: [{ name: 'b' }, { name: 'a' }] },
    ],
    [
      'ignores $setElementOrder for a list that is replaced whole',
      { tolerations: [{ key: 'b' }, { key: 'a' }] },
      { spec: { '$setElementOrder/tolerations': [{ key: 'a' }, { key: 'b' }] } },
      { tolerations: [{ key: 'b' }, { key: 'a' }] },
    ],
    [
      'merges container ports by containerPort',
      { containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 9090 }] }] },
      { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 9090, $patch: 'delete' }] }] } },
      { containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }] }] },
    ],
    [
      'merges env by name and volumeMounts by mountPath',
      { containers: [{ name: 'a', env: [{ name: 'X', value: '1' }], volumeMounts: [{ mountPath: '/data', name: 'v1' }] }] },
      { spec: { containers: [{ name: 'a', env: [{ name: 'X', value: '2' }], volumeMounts: [{ mountPath: '/data', name: 'v2', readOnly: true }] }] } },
      { containers: [{ name: 'a', env: [{ name: 'X', value: '2' }], volumeMounts: [{ mountPath: '/data', name: 'v2', readOnly: true }] }] },
    ],
    [
      'replaces lists without a merge key whole',
      {
        containers: [{ name: 'a', args: ['x', 'y'], command: ['sh'], envFrom: [{ configMapRef: { name: 'c1' } }] }],
        tolerations: [{ key: 'k1', operator: 'Exists' }],
        readinessGates: [{ conditionType: 'g1' }],
      },
      {
        spec: {
          containers: [{ name: 'a', args: ['z'], envFrom: [{ secretRef: { name: 's' } }] }],
          tolerations: [{ key: 'k2', operator: 'Exists', value: null }],
          readinessGates: [],
        },
      },
      {
        containers: [{ name: 'a', args: ['z'], command: ['sh'], envFrom: [{ secretRef: { name: 's' } }] }],
        tolerations: [{ key: 'k2', operator: 'Exists' }],
        readinessGates: [],
      },
    ],
    [
      'leaves a merged list alone for an empty patch list',
      { containers: [{ name: 'a' }] },
      { spec: { containers: [] } },
      { containers: [{ name: 'a' }] },
    ],
    [
      'replaces a map with $patch: replace',
      { nodeSelector: { zone: 'a', disk: 'hdd' } },
      { spec: { nodeSelector: { $patch: 'replace', disk: 'ssd' } } },
      { nodeSelector: { disk: 'ssd' } },
    ],
    [
      'deletes a map with $patch: delete',
      { securityContext: { runAsUser: 1 }, hostNetwork: true },
      { spec: { securityContext: { $patch: 'delete' } } },
      { hostNetwork: true },
    ],
    [
      'replaces a merged list with a {"$patch":"replace"} element',
      { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] },
      { spec: { containers: [{ $patch: 'replace' }, { name: 'c', image: 'c' }, { name: 'a', image: 'a2' }] } },
      { containers: [{ name: 'c', image: 'c' }, { name: 'a', image: 'a2' }] },
    ],
    [
      'switches a volume source with $retainKeys',
      { volumes: [{ name: 'v', emptyDir: {} }, { name: 'w', secret: { secretName: 's' } }] },
      { spec: { volumes: [{ $retainKeys: ['configMap', 'name'], name: 'v', configMap: { name: 'cm' } }] } },
      { volumes: [{ name: 'v', configMap: { name: 'cm' } }, { name: 'w', secret: { secretName: 's' } }] },
    ],
    [
      'strips every directive from a newly added container',
      { containers: [] },
      {
        spec: {
          containers: [
            { name: 'n', '$setElementOrder/env': [{ name: 'E' }], env: [{ name: 'E', value: 'e' }, { name: 'F', $patch: 'delete' }], securityContext: null },
          ],
        },
      },
      { containers: [{ name: 'n', env: [{ name: 'E', value: 'e' }] }] },
    ],
    [
      'creates a merged list that did not exist',
      {},
      { spec: { '$setElementOrder/imagePullSecrets': [{ name: 'r2' }, { name: 'r1' }], imagePullSecrets: [{ name: 'r2' }, { name: 'r1' }, { name: 'r3', $patch: 'delete' }] } },
      { imagePullSecrets: [{ name: 'r2' }, { name: 'r1' }] },
    ],
    [
      'merges hostAliases by ip and topologySpreadConstraints by topologyKey',
      { hostAliases: [{ ip: '1.1.1.1', hostnames: ['a'] }], topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 1 }] },
      { spec: { hostAliases: [{ ip: '1.1.1.1', hostnames: ['b'] }], topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 2 }] } },
      { hostAliases: [{ ip: '1.1.1.1', hostnames: ['b'] }], topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 2 }] },
    ],
    [
      'replaces a value of another type',
      { priority: 'high', overhead: { cpu: '1' } },
      { spec: { priority: { value: 1, extra: null }, overhead: 'none' } },
      { priority: { value: 1 }, overhead: 'none' },
    ],
  ];
  it.each(cases)('%s', (_name, podSpec, patch, expectedPodSpec) => {
    expect(applyStrategicMergePatch(podWith(podSpec), patch)).toEqual(podWith(expectedPodSpec));
  });

  it('merges pod conditions by type', () => {
    const original = podWith({}, { status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }, { type: 'PodScheduled', status: 'True' }] } });
    const patch = { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }, { type: 'ContainersReady', status: 'True' }] } };
    expect(applyStrategicMergePatch(original, patch)).toEqual(
      podWith(
        {},
        {
          status: {
            phase: 'Running',
            conditions: [
              { type: 'Ready', status: 'True' },
              { type: 'ContainersReady', status: 'True' },
              { type: 'PodScheduled', status: 'True' },
            ],
          },
        },
      ),
    );
  });

  it('merges node conditions and addresses by type', () => {
    const original = {
      kind: 'Node',
      status: {
        conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'False', reason: 'KubeletNotReady' }],
        addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'n1' }],
      },
    };
    const patch = {
      status: {
        '$setElementOrder/conditions': [{ type: 'MemoryPressure' }, { type: 'Ready' }],
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
        addresses: [{ type: 'InternalIP', address: '10.0.0.2' }],
      },
    };
    expect(applyStrategicMergePatch(original, patch)).toEqual({
      kind: 'Node',
      status: {
        conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True', reason: 'KubeletReady' }],
        addresses: [{ type: 'InternalIP', address: '10.0.0.2' }, { type: 'Hostname', address: 'n1' }],
      },
    });
  });

  it('merges Service ports by port', () => {
    const original = { kind: 'Service', spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 8443 }] } };
    const patch = { spec: { ports: [{ port: 443, targetPort: 9443 }] } };
    expect(applyStrategicMergePatch(original, patch)).toEqual({ kind: 'Service', spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 9443 }] } });
  });

  it('replaces Endpoints subsets whole', () => {
    const original = { kind: 'Endpoints', subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] };
    const patch = { subsets: [{ addresses: [{ ip: '10.0.0.2' }], ports: [{ port: 80 }] }] };
    expect(applyStrategicMergePatch(original, patch)).toEqual({ kind: 'Endpoints', subsets: patch.subsets });
  });

  it('switches a Deployment strategy with $retainKeys', () => {
    const original = { kind: 'Deployment', spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } } } };
    const patch = { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } };
    expect(applyStrategicMergePatch(original, patch)).toEqual({ kind: 'Deployment', spec: { strategy: { type: 'Recreate' } } });
  });

  it.each([
    ['adds finalizers as a set, new ones first', ['a', 'b'], { finalizers: ['c', 'a'] }, ['c', 'a', 'b']],
    ['adds finalizers in the $setElementOrder order', ['a'], { '$setElementOrder/finalizers': ['a', 'b'], finalizers: ['b'] }, ['a', 'b']],
    ['deletes finalizers with $deleteFromPrimitiveList', ['a', 'b', 'c'], { '$deleteFromPrimitiveList/finalizers': ['b', 'x'] }, ['a', 'c']],
    [
      'deletes and adds finalizers in one apply',
      ['a', 'b', 'x'],
      { '$setElementOrder/finalizers': ['b', 'c'], '$deleteFromPrimitiveList/finalizers': ['a'], finalizers: ['c'] },
      ['b', 'c', 'x'],
    ],
    ['deletes the last finalizer', ['a'], { '$deleteFromPrimitiveList/finalizers': ['a'] }, []],
  ])('%s', (_name, finalizers, metadataPatch, expected) => {
    const result = applyStrategicMergePatch({ metadata: { name: 'x', finalizers } }, { metadata: metadataPatch });
    expect(result).toEqual({ metadata: { name: 'x', finalizers: expected } });
  });

  it('ignores $deleteFromPrimitiveList for a list that is not there', () => {
    expect(applyStrategicMergePatch({ metadata: { name: 'x' } }, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } })).toEqual({
      metadata: { name: 'x' },
    });
  });

  it('merges ownerReferences by uid', () => {
    const original = { metadata: { ownerReferences: [{ uid: 'u1', kind: 'ReplicaSet', controller: true }] } };
    const patch = { metadata: { ownerReferences: [{ uid: 'u1', blockOwnerDeletion: true }, { uid: 'u2', kind: 'Job' }] } };
    expect(applyStrategicMergePatch(original, patch)).toEqual({
      metadata: { ownerReferences: [{ uid: 'u1', kind: 'ReplicaSet', controller: true, blockOwnerDeletion: true }, { uid: 'u2', kind: 'Job' }] },
    });
  });

  it.each([
    ['$patch: delete at the root empties the object', { $patch: 'delete' }, {}],
    ['$patch: replace at the root replaces the object', { $patch: 'replace', kind: 'Pod', spec: { a: null, b: 1 } }, { kind: 'Pod', spec: { b: 1 } }],
    ['an empty patch changes nothing', {}, podWith({ containers: [{ name: 'a' }] })],
  ])('%s', (_name, patch, expected) => {
    expect(applyStrategicMergePatch(podWith({ containers: [{ name: 'a' }] }), patch)).toEqual(expected);
  });

  it('never changes its inputs and shares nothing with them', () => {
    const original = deploymentWith({ containers: [{ name: 'a', env: [{ name: 'A', value: '1' }] }, { name: 'b' }] });
    const patch = {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }],
            containers: [{ name: 'b', args: ['x'] }, { name: 'a', env: [{ name: 'A', $patch: 'delete' }] }],
          },
        },
      },
    };
    const before = structuredClone({ original, patch });
    const result = applyStrategicMergePatch(original, patch) as any;
    expect(result.spec.template.spec.containers).toEqual([{ name: 'b', args: ['x'] }, { name: 'a', env: [] }]);
    expect({ original, patch }).toEqual(before);
    result.spec.template.spec.containers[0].args.push('y');
    result.metadata.name = 'changed';
    expect({ original, patch }).toEqual(before);
  });

  it('treats __proto__ as an ordinary key', () => {
    const result = applyStrategicMergePatch({ metadata: {} }, JSON.parse('{"metadata":{"labels":{"__proto__":"x"}}}')) as any;
    expect(Object.hasOwn(result.metadata.labels, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(result.metadata.labels)).toBe(Object.prototype);
  });
});

describe('applyStrategicMergePatch: rejected patches', () => {
  const original = podWith({ containers: [{ name: 'a' }] });
  it.each<[string, unknown, string]>([
    ['a list', [{ op: 'add' }], 'a strategic merge patch must be a JSON object'],
    ['a string', 'spec', 'a strategic merge patch must be a JSON object'],
    ['null', null, 'a strategic merge patch must be a JSON object'],
    ['an unknown $patch on a map', { spec: { $patch: 'merge' } }, 'unknown patch type: "merge" in map: {"$patch":"merge"}'],
    ['an unknown $patch on a list element', { spec: { containers: [{ name: 'a', $patch: 'remove' }] } }, 'unknown patch type: "remove" in map:'],
    ['$patch: merge on a list element', { spec: { containers: [{ $patch: 'merge' }] } }, 'merging lists cannot yet be specified in the patch'],
    ['a delete element without its merge key', { spec: { containers: [{ $patch: 'delete', image: 'x' }] } }, 'does not contain declared merge key: name'],
    ['an element without its merge key', { spec: { containers: [{ image: 'x' }] } }, 'map: {"image":"x"} does not contain declared merge key: name'],
    ['a primitive in a list merged by key', { spec: { containers: ['a'] } }, 'expected a map in a list merged by key, but received "a"'],
    ['a map in a merged primitive list', { metadata: { finalizers: [{ a: 1 }] } }, 'list element types are not identical'],
    ['$setElementOrder that is not a list', { spec: { '$setElementOrder/containers': { name: 'a' } } }, 'invalid patch format of setElementOrder list'],
    ['$setElementOrder without a field', { spec: { '$setElementOrder/': [] } }, 'invalid patch format of setElementOrder list'],
    ['$setElementOrder entries without the merge key', { spec: { '$setElementOrder/containers': [{ image: 'a' }] } }, 'does not contain declared merge key: name'],
    [
      '$setElementOrder that misses a patched element',
      { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ name: 'b' }] } },
      "doesn't match $setElementOrder list",
    ],
    [
      '$setElementOrder in another order than the patch',
      { spec: { '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }], containers: [{ name: 'b' }, { name: 'a' }] } },
      "doesn't match $setElementOrder list",
    ],
    ['$deleteFromPrimitiveList that is not a list', { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } }, 'invalid patch format of primitive list'],
    ['$retainKeys that is not a list of strings', { spec: { $retainKeys: 'containers' } }, 'invalid patch format of retainKeys'],
    ['a field missing from $retainKeys', { spec: { $retainKeys: ['containers'], hostNetwork: true } }, "patch content doesn't match retainKeys list: hostNetwork"],
    ['an unknown directive', { spec: { $foo: 1 } }, 'unknown strategic merge patch directive: $foo'],
  ])('rejects %s', (_name, patch, message) => {
    expect(() => applyStrategicMergePatch(original, patch)).toThrow(PatchError);
    expect(() => applyStrategicMergePatch(original, patch)).toThrow(message);
  });
});
