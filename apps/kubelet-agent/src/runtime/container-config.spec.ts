import type { ConfigMap, Pod, Secret } from '@kubelab/api';
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { expandVariables, resolveEnv, resolveVolumeFiles, type ConfigLookup } from './container-config.js';

const configMaps: Record<string, ConfigMap> = {
  app: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { color: 'blue', size: '2' }, binaryData: { logo: 'PHN2Zz4=' } },
};
const secrets: Record<string, Secret> = {
  db: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, type: 'Opaque', data: { password: 'czNjcmV0' } },
};
const lookup: ConfigLookup = { configMap: (_ns, name) => configMaps[name], secret: (_ns, name) => secrets[name] };
const pod = (spec: Partial<PodSpec> = {}): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'u-1', labels: { app: 'web' } },
  spec: { nodeName: 'node-2', containers: [], ...spec }, status: { podIP: '10.244.2.7', hostIP: '172.18.0.3' },
});
const env = (container: Omit<Container, 'name'>) => resolveEnv(container as Container, pod(), { PATH: '/bin' }, lookup);

describe('resolveEnv', () => {
  it('takes values, ConfigMap and Secret keys, whole ConfigMaps with a prefix, and the pod\'s own fields', () => {
    expect(env({
      envFrom: [{ configMapRef: { name: 'app' }, prefix: 'APP_' }],
      env: [
        { name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'app', key: 'color' } } },
        { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'TIER', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'URL', value: 'http://$(IP):80/$(COLOR)/$$(COLOR)/$(MISSING)' },
      ],
    })).toEqual({
      ok: true,
      value: {
        PATH: '/bin', APP_color: 'blue', APP_size: '2', APP_logo: '<svg>', COLOR: 'blue', PASSWORD: 's3cret', POD: 'web', TIER: 'web', IP: '10.244.2.7',
        URL: 'http://10.244.2.7:80/blue/$(COLOR)/$(MISSING)',
      },
    });
  });

  it.each([
    [{ env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'x' } } }] }, 'configmap "nope" not found'],
    [{ env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'app', key: 'shape' } } }] }, "couldn't find key shape in ConfigMap default/app"],
    [{ env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'vault', key: 'x' } } }] }, 'secret "vault" not found'],
    [{ env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'db', key: 'user' } } }] }, "couldn't find key user in Secret default/db"],
    [{ envFrom: [{ secretRef: { name: 'vault' } }] }, 'secret "vault" not found'],
  ])('refuses %j: %s', (container, message) => {
    expect(env(container)).toEqual({ ok: false, message });
  });

  it('skips what is optional and missing', () => {
    expect(env({ envFrom: [{ configMapRef: { name: 'nope', optional: true } }], env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'app', key: 'shape', optional: true } } }] }))
      .toEqual({ ok: true, value: { PATH: '/bin' } });
  });
});

describe('expandVariables', () => {
  it.each([
    ['$(A)-$(B)', 'a-$(B)'],
    ['$$(A)', '$(A)'],
    ['cost: $5', 'cost: $5'],
  ])('%s → %s', (text, expected) => {
    expect(expandVariables(text, { A: 'a' })).toBe(expected);
  });
});

describe('resolveVolumeFiles', () => {
  it('writes every key, or the listed items at their paths, for configMap, secret and projected volumes', () => {
    const resolved = resolveVolumeFiles(pod({
      volumes: [
        { name: 'cfg', configMap: { name: 'app' } },
        { name: 'one', configMap: { name: 'app', items: [{ key: 'color', path: 'settings/color.txt' }] } },
        { name: 'creds', secret: { secretName: 'db' } },
        { name: 'all', projected: { sources: [{ configMap: { name: 'app', items: [{ key: 'size', path: 'size' }] } }, { secret: { name: 'db' } }] } },
        { name: 'scratch', emptyDir: {} },
      ],
    }), lookup);
    expect(resolved.ok && Object.fromEntries(resolved.value)).toEqual({
      cfg: { color: 'blue', size: '2', logo: '<svg>' },
      one: { 'settings/color.txt': 'blue' },
      creds: { password: 's3cret' },
      all: { size: '2', password: 's3cret' },
    });
  });

  it('names the volume that cannot be mounted, and leaves out an optional one', () => {
    expect(resolveVolumeFiles(pod({ volumes: [{ name: 'cfg', configMap: { name: 'nope' } }] }), lookup)).toEqual({ ok: false, message: 'configmap "nope" not found', volume: 'cfg' });
    expect(resolveVolumeFiles(pod({ volumes: [{ name: 'cfg', configMap: { name: 'app', items: [{ key: 'shape', path: 's' }] } }] }), lookup))
      .toEqual({ ok: false, message: 'configmap references non-existent config key: shape', volume: 'cfg' });
    const optional = resolveVolumeFiles(pod({ volumes: [{ name: 'cfg', secret: { secretName: 'vault', optional: true } }] }), lookup);
    expect(optional.ok && Object.fromEntries(optional.value)).toEqual({ cfg: {} });
  });

  it('writes downwardAPI volumes, and projected downwardAPI and serviceAccountToken sources', () => {
    const resolved = resolveVolumeFiles(pod({
      containers: [{ name: 'app', resources: { limits: { memory: '64Mi' } } }],
      volumes: [
        { name: 'podinfo', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'mem', resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } }] } },
        { name: 'kube-api-access', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3607 } }, { configMap: { name: 'app', items: [{ key: 'color', path: 'ca.crt' }] } }, { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } }] } },
      ],
    }), lookup, { allocatable: { memory: '8Gi' }, serviceAccountToken: (volume, path) => (volume === 'kube-api-access' && path === 'token' ? 'header.claims.signature' : undefined) });
    expect(resolved.ok && Object.fromEntries(resolved.value)).toEqual({
      podinfo: { labels: 'app="web"', mem: '64' },
      'kube-api-access': { token: 'header.claims.signature', 'ca.crt': 'blue', namespace: 'default' },
    });
    expect(resolveVolumeFiles(pod({ volumes: [{ name: 'podinfo', downwardAPI: { items: [{ path: 'x', fieldRef: { fieldPath: 'spec.nope' } }] } }] }), lookup))
      .toEqual({ ok: false, message: 'unsupported fieldPath: spec.nope', volume: 'podinfo' });
  });
});

describe('resolveEnv with resourceFieldRef', () => {
  it('gives the container\'s own resources, or a named container\'s, rounded up to the divisor', () => {
    const sidecar = { name: 'sidecar', resources: { requests: { cpu: '125m' } } };
    const container = { name: 'app', resources: { limits: { cpu: '500m' } }, env: [
      { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
      { name: 'SIDECAR_CPU', valueFrom: { resourceFieldRef: { containerName: 'sidecar', resource: 'requests.cpu', divisor: '1m' } } },
      { name: 'MEM_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
    ] };
    expect(resolveEnv(container, pod({ containers: [container, sidecar] }), {}, lookup, { memory: '1Ki' }))
      .toEqual({ ok: true, value: { CPU_LIMIT: '500', SIDECAR_CPU: '125', MEM_LIMIT: '1024' } });
  });
});
