import { kubectlFor, type Kubectl } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer } from './test-server.js';

/**
 * kubectl 1.32's `create <kind>` generators send their object as protobuf;
 * `create -f` sends JSON. The same object must come out either way.
 */
describe('protobuf request bodies from the real kubectl', () => {
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  let kubectl: Kubectl;

  beforeAll(async () => {
    server = await startTestApiServer();
    kubectl = kubectlFor(server.url);
    expect((await kubectl(['create', 'namespace', 'json-path'])).stdout).toBe('namespace/json-path created\n');
  });
  afterAll(() => server?.close());

  /** Creates with the generator (protobuf) in default, and with its --dry-run=client JSON in json-path; returns both stored objects. */
  async function createBothWays(generator: string[], resource: string, name: string, namespaced = true) {
    const created = await kubectl(['create', ...generator]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const json = await kubectl(['create', '--dry-run=client', '-o', 'json', ...generator]);
    const alsoCreated = await kubectl(['create', ...(namespaced ? ['-n', 'json-path'] : []), '-f', '-'], { stdin: json.stdout });
    expect(alsoCreated.stderr).toBe('');
    const get = async (namespace: string) => JSON.parse((await kubectl(['get', resource, name, '-n', namespace, '-o', 'json'])).stdout);
    return { viaProtobuf: await get('default'), viaJson: await get('json-path') };
  }

  it('creates a deployment with --replicas and --port', async () => {
    const { viaProtobuf, viaJson } = await createBothWays(['deployment', 'web', '--image=nginx:1.14.2', '--replicas=3', '--port=80'], 'deployment', 'web');
    expect(viaProtobuf.spec.replicas).toBe(3);
    expect(viaProtobuf.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(viaProtobuf.metadata.labels).toEqual({ app: 'web' });
    expect(viaProtobuf.spec).toEqual(viaJson.spec);
  });

  it('creates a deployment with --replicas=0 (an explicit zero survives)', async () => {
    const { viaProtobuf, viaJson } = await createBothWays(['deployment', 'idle', '--image=nginx:1.14.2', '--replicas=0'], 'deployment', 'idle');
    expect(viaProtobuf.spec.replicas).toBe(0);
    expect(viaProtobuf.spec).toEqual(viaJson.spec);
  });

  it('creates a ClusterIP service', async () => {
    const { viaProtobuf, viaJson } = await createBothWays(['service', 'clusterip', 'web', '--tcp=80:8080'], 'service', 'web');
    expect(viaProtobuf.spec.ports).toEqual([{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }]);
    const withoutAddresses = (spec: Record<string, unknown>) => ({ ...spec, clusterIP: undefined, clusterIPs: undefined });
    expect(withoutAddresses(viaProtobuf.spec)).toEqual(withoutAddresses(viaJson.spec));
  });

  it('creates a job with a command', async () => {
    const { viaProtobuf, viaJson } = await createBothWays(['job', 'hello', '--image=busybox', '--', 'echo', 'hi'], 'job', 'hello');
    expect(viaProtobuf.spec.template.spec.containers[0].command).toEqual(['echo', 'hi']);
    expect(viaProtobuf.spec.template.spec.restartPolicy).toBe('Never');
    const withoutUid = (spec: any) => JSON.parse(JSON.stringify(spec).replaceAll(viaProtobuf.metadata.uid, 'UID').replaceAll(viaJson.metadata.uid, 'UID'));
    expect(withoutUid(viaProtobuf.spec)).toEqual(withoutUid(viaJson.spec));
  });

  it('creates a priorityclass and a namespace', async () => {
    const created = await kubectl(['create', 'priorityclass', 'high', '--value=1000', '--description=important']);
    expect(created.stdout).toBe('priorityclass.scheduling.k8s.io/high created\n');
    const json = await kubectl(['create', 'priorityclass', 'high', '--value=1000', '--description=important', '--dry-run=client', '-o', 'json']);
    const fromJson = await kubectl(['create', '-f', '-'], { stdin: json.stdout.replace('"name": "high"', '"name": "high-json"') });
    expect(fromJson.stdout).toBe('priorityclass.scheduling.k8s.io/high-json created\n');
    const get = async (name: string) => {
      const { metadata: _, ...rest } = JSON.parse((await kubectl(['get', 'priorityclass', name, '-o', 'json'])).stdout);
      return rest;
    };
    const viaProtobuf = await get('high');
    expect(viaProtobuf).toMatchObject({ value: 1000, description: 'important', preemptionPolicy: 'PreemptLowerPriority' });
    expect(viaProtobuf).toEqual(await get('high-json'));

    expect((await kubectl(['create', 'namespace', 'x'])).stdout).toBe('namespace/x created\n');
    const namespace = JSON.parse((await kubectl(['get', 'namespace', 'x', '-o', 'json'])).stdout);
    const jsonPath = JSON.parse((await kubectl(['get', 'namespace', 'json-path', '-o', 'json'])).stdout);
    expect(namespace.spec).toEqual(jsonPath.spec);
    expect(namespace.status).toEqual(jsonPath.status);
  });

  it('honours the protobuf DeleteOptions of drain --disable-eviction (grace period 0 deletes at once)', async () => {
    await kubectl(['create', '-f', '-'], { stdin: JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } }) });
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] } };
    expect((await kubectl(['create', '-f', '-'], { stdin: JSON.stringify(pod) })).stdout).toBe('pod/bare created\n');
    const drained = await kubectl(['drain', 'node-1', '--force', '--grace-period=0', '--disable-eviction']);
    expect(drained.stdout).toBe('node/node-1 cordoned\npod/bare deleted\nnode/node-1 drained\n');
    expect((await kubectl(['get', 'pod', 'bare'])).stderr).toContain('pods "bare" not found');
  });

  it('answers malformed protobuf with 400 and an unknown kind with 415, storing nothing', async () => {
    const url = `${server.url}/apis/apps/v1/namespaces/default/deployments`;
    const listVersion = async () => (((await (await fetch(url)).json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
    const before = await listVersion();
    const post = (body: Uint8Array) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/vnd.kubernetes.protobuf' }, body });
    const magic = [0x6b, 0x38, 0x73, 0x00];
    const typeMeta = [0x0a, 0x15, 0x0a, 0x07, ...Buffer.from('apps/v1'), 0x12, 0x0a, ...Buffer.from('Deployment')];

    const truncated = await post(Uint8Array.from([...magic, ...typeMeta, 0x12, 0x40, 0x0a, 0x03]));
    expect(truncated.status).toBe(400);
    expect(await truncated.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest', message: 'the protobuf body could not be decoded: field 2 runs past the end of its message' });

    const gizmo = [0x0a, 0x10, 0x0a, 0x07, ...Buffer.from('apps/v1'), 0x12, 0x05, ...Buffer.from('Gizmo')];
    const unknownKind = await post(Uint8Array.from([...magic, ...gizmo, 0x12, 0x00]));
    expect(unknownKind.status).toBe(415);
    expect(await unknownKind.json()).toMatchObject({ reason: 'UnsupportedMediaType', message: expect.stringContaining('Gizmo in version "apps/v1"') });

    expect(await listVersion()).toBe(before);
  });
});
