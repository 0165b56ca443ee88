import { sharedLab, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A Deployment whose strategy and volume source change between the two applies. */
const deployment = (strategy: object, volume: object) => JSON.stringify({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'switcher' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'switcher' } },
    strategy,
    template: {
      metadata: { labels: { app: 'switcher' } },
      spec: {
        containers: [{ name: 'web', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
        volumes: [{ name: 'data', ...volume }],
      },
    },
  },
});

describe('the OpenAPI kubectl computes patches from, and /openapi/v2', () => {
  let lab: TestLab;

  beforeAll(async () => {
    lab = await sharedLab('openapi-patch');
  });
  afterAll(() => lab?.stop());

  it('lets apply switch a union member: kubectl sends $retainKeys and the old member goes', async () => {
    // Created without apply, so the last-applied annotation cannot tell kubectl what to remove:
    // only the OpenAPI's retainKeys can, as on a cluster.
    const created = await lab.kubectl(['create', '-f', '-'], { stdin: deployment({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }, { emptyDir: {} }) });
    expect(created.stderr).toBe('');
    const applied = await lab.kubectl(['apply', '-f', '-', '-v=9'], { stdin: deployment({ type: 'Recreate' }, { hostPath: { path: '/tmp/switcher' } }) });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('deployment.apps/switcher configured');
    expect(applied.stderr).toContain('\\"$retainKeys\\":[\\"type\\"]');
    expect(applied.stderr).toContain('\\"$retainKeys\\":[\\"hostPath\\",\\"name\\"]');
    const spec = JSON.parse((await lab.kubectl(['get', 'deployment', 'switcher', '-o', 'json'])).stdout).spec;
    expect(spec.strategy).toEqual({ type: 'Recreate' });
    expect(spec.template.spec.volumes).toEqual([{ name: 'data', hostPath: { path: '/tmp/switcher', type: '' } }]);
  });

  it('takes the same directives through kubectl patch --type strategic', async () => {
    const patch = JSON.stringify({
      spec: {
        strategy: { $retainKeys: ['type', 'rollingUpdate'], type: 'RollingUpdate', rollingUpdate: { maxSurge: 2 } },
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'side' }],
            containers: [{ name: 'side', image: 'busybox:1.36', command: ['sleep', '3600'] }, { name: 'web', $patch: 'delete' }],
            volumes: [{ $retainKeys: ['name', 'emptyDir'], name: 'data', emptyDir: {} }],
          },
        },
      },
      metadata: { finalizers: ['example.com/a', 'example.com/b'] },
    });
    const patched = await lab.kubectl(['patch', 'deployment', 'switcher', '--type', 'strategic', '-p', patch]);
    expect(patched.stderr).toBe('');
    const removeFinalizer = JSON.stringify({ metadata: { '$deleteFromPrimitiveList/finalizers': ['example.com/a'] } });
    expect((await lab.kubectl(['patch', 'deployment', 'switcher', '--type', 'strategic', '-p', removeFinalizer])).stderr).toBe('');
    const { metadata, spec } = JSON.parse((await lab.kubectl(['get', 'deployment', 'switcher', '-o', 'json'])).stdout);
    expect(spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: '25%' } });
    expect(spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['side']);
    expect(spec.template.spec.volumes).toEqual([{ name: 'data', emptyDir: {} }]);
    expect(metadata.finalizers).toEqual(['example.com/b']);
    expect((await lab.kubectl(['patch', 'deployment', 'switcher', '--type', 'merge', '-p', '{"metadata":{"finalizers":null}}'])).stderr).toBe('');
  });

  it('serves /openapi/v2 as JSON, with the kinds kubectl looks up', async () => {
    const raw = await lab.kubectl(['get', '--raw', '/openapi/v2']);
    expect(raw.stderr).toBe('');
    const doc = JSON.parse(raw.stdout);
    expect(doc.swagger).toBe('2.0');
    expect(doc.definitions['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(doc.definitions['io.k8s.api.apps.v1.DeploymentSpec'].properties.strategy).toMatchObject({
      $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentStrategy',
      'x-kubernetes-patch-strategy': 'retainKeys',
    });
  });

  it('serves /openapi/v2 as protobuf, which kubectl explain reads, with an ETag a client can revalidate', async () => {
    const explained = await lab.kubectl(['explain', 'deployment.spec.strategy', '--output=plaintext-openapiv2']);
    expect(explained.stderr).toBe('');
    expect(explained.stdout).toContain('RESOURCE: strategy <Object>');
    expect(explained.stdout).toContain('rollingUpdate\t<Object>');
    const proto = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
    const first = await lab.fetch(`${lab.apiUrl}/openapi/v2`, { headers: { Accept: proto } });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    expect((await first.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9A-F]{128}"$/);
    const again = await lab.fetch(`${lab.apiUrl}/openapi/v2`, { headers: { Accept: proto, 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect((await lab.fetch(`${lab.apiUrl}/openapi/v2`, { headers: { Accept: 'text/html' } })).status).toBe(406);
  });
});
