/**
 * Each agent acts only as the kubelet of its own nodes: a lab of several nodes, and node-1's own NATS
 * credentials (its nkey seed) used to write what belongs to node-2. NATS refuses a request sent on
 * node-2's subject (a publish violation, in nats-server's log); the api-server, which reads the
 * sender from the subject, refuses node-1's writes to node-2's pod, Node and secrets with the
 * Node authorizer's and NodeRestriction's words, and nothing changes. NATS also keeps node-1
 * off node-2's disk in the volume data bucket.
 */
import type { Pod } from '@kubelab/api';
import { ApiClient, ApiRequestError, encodeVolumeEntry, volumeData, volumeDataKey } from '@kubelab/bus';
import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pods = { group: '', version: 'v1', plural: 'pods' };
const secrets = { group: '', version: 'v1', plural: 'secrets' };
const nodes = { group: '', version: 'v1', plural: 'nodes' };

/** The Status a refused request answers. */
async function refusal(request: Promise<unknown>): Promise<{ code: number; message: string }> {
  const e = await request.then(() => undefined, (error: unknown) => error);
  expect(e).toBeInstanceOf(ApiRequestError);
  return { code: (e as ApiRequestError).code, message: (e as ApiRequestError).status.message ?? '' };
}

describe('an agent\'s credentials act only for its own node (node-1 and node-2, the real NATS users)', () => {
  let lab: TestLab;
  let node1: ApiClient;
  let victim: { name: string; uid: string; status: unknown };

  beforeAll(async () => {
    lab = await sharedLab('node-identity');
    const pod = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'on-node-2' },
      spec: { nodeSelector: { 'kubernetes.io/hostname': 'node-2' }, containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] },
    };
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify(pod) })).stderr).toBe('');
    expect((await lab.kubectl(['create', 'secret', 'generic', 'node-2-only', '--from-literal=k=v'])).stderr).toBe('');
    await waitFor(async () => (await lab.kubectl(['get', 'pod', 'on-node-2', '-o', 'jsonpath={.status.phase}'])).stdout === 'Running', 'the pod to run on node-2', 30_000, 200);
    node1 = await ApiClient.connect(lab.state().natsUrl, 'kubelet/node-1', { kind: 'kubelet', nodes: ['node-1'] }, lab.natsUser('kubelet-agent', ['--node-name', 'node-1']), 3_000);
    const got = await node1.get(pods, lab.namespace, 'on-node-2');
    victim = { name: got.metadata.name!, uid: got.metadata.uid!, status: got.status };
  }, 120_000);
  afterAll(async () => {
    await node1?.close();
    lab?.stop();
  });

  it('cannot speak for node-2 at all: NATS refuses node-1\'s user the subject of node-2\'s kubelet', async () => {
    await expect(node1.forNode('node-2').delete(pods, lab.namespace, 'on-node-2', 0)).rejects.toThrow();
    const natsLog = join(lab.dataDir, 'logs', 'nats.log');
    await waitFor(() => /Publish Violation - Nkey "U[A-Z2-7]+", Subject "kubelab\.api\.request\.node\.node-2"/.test(readFileSync(natsLog, 'utf8')), 'the violation in nats.log', 10_000, 100);
  });

  it('may ask the api-server, with its own NATS user, for the events it missed, as it may read the stream they were on', async () => {
    const reply = await node1.replay({ after: 0, kind: 'Pod', namespace: lab.namespace, fieldSelectors: ['metadata.name=on-node-2'] });
    expect(reply.expired).toBeFalsy();
    const events = reply.expired ? [] : reply.events;
    expect(events.slice(0, 2).map((e) => [e.type, e.name])).toEqual([['PodCreated', 'on-node-2'], ['PodBound', 'on-node-2']]);
    expect(events.every((e) => e.name === 'on-node-2')).toBe(true);
  });

  it('is refused, in NodeRestriction\'s words, every write to node-2\'s pod and Node through its own subject', async () => {
    // Unconditional (no resourceVersion): the agent's own status reports may change the pod meanwhile.
    const { metadata: { resourceVersion: _, ...metadata }, ...current } = await node1.get<Pod>(pods, lab.namespace, 'on-node-2');
    expect(await refusal(node1.updateStatus(pods, lab.namespace, { ...current, metadata, status: { ...current.status, phase: 'Failed' } }))).toEqual({
      code: 403, message: 'pods "on-node-2" is forbidden: node "node-1" can only update pod status for pods with spec.nodeName set to itself',
    });
    expect(await refusal(node1.delete(pods, lab.namespace, 'on-node-2', 0))).toEqual({
      code: 403, message: 'pods "on-node-2" is forbidden: node "node-1" can only delete pods with spec.nodeName set to itself',
    });
    expect(await refusal(node1.create(pods, lab.namespace, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'sneaky' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'busybox' }] } }))).toEqual({
      code: 403, message: 'pods "sneaky" is forbidden: pod does not have "kubernetes.io/config.mirror" annotation, node "node-1" can only create mirror pods',
    });
    const { metadata: { resourceVersion: __, ...nodeMetadata }, ...other } = await node1.get(nodes, '', 'node-2');
    expect(await refusal(node1.updateStatus(nodes, '', { ...other, metadata: nodeMetadata }))).toEqual({ code: 403, message: 'nodes "node-2" is forbidden: node "node-1" is not allowed to modify node "node-2"' });
  });

  it('writes its own disk in the volume data bucket, but NATS refuses it node-2\'s', async () => {
    const bucket = await volumeData(node1.connection);
    const value = encodeVolumeEntry({ kind: 'file', modified: new Date(), content: 'x' });
    const own = volumeDataKey({ kind: 'node', node: 'node-1' }, '/tmp/identity-check');
    await bucket.put(own, value);
    await bucket.delete(own);
    await expect(bucket.put(volumeDataKey({ kind: 'node', node: 'node-2' }, '/etc/passwd'), value)).rejects.toThrow();
    const natsLog = join(lab.dataDir, 'logs', 'nats.log');
    await waitFor(() => /Publish Violation - Nkey "U[A-Z2-7]+", Subject "\$KV\.kubelab-volumes\.node\.node-2\./.test(readFileSync(natsLog, 'utf8')), 'the violation in nats.log', 10_000, 100);
  });

  it('cannot read a secret no pod of node-1 uses: the Node authorizer finds no relationship', async () => {
    expect(await refusal(node1.get(secrets, lab.namespace, 'node-2-only'))).toEqual({
      code: 403,
      message: `secrets "node-2-only" is forbidden: User "system:node:node-1" cannot get resource "secrets" in API group "" in the namespace "${lab.namespace}": no relationship found between node 'node-1' and this object`,
    });
  });

  it('is logged: each refusal is an audit entry naming node-1\'s kubelet, what it tried and why', async () => {
    const events = lab.kubelab(['events', '--type', 'Refused']);
    expect(events.status).toBe(0);
    for (const why of [
      'node "node-1" can only update pod status for pods with spec.nodeName set to itself',
      'node "node-1" can only delete pods with spec.nodeName set to itself',
      'node "node-1" is not allowed to modify node "node-2"',
      'no relationship found between node \'node-1\' and this object',
    ]) {
      expect(events.stdout.split('\n').some((row) => row.includes('system:node:node-1') && row.includes(why))).toBe(true);
    }
  });

  it('left node-2\'s pod as it was', async () => {
    const after = await lab.kubectl(['get', 'pod', 'on-node-2', '-o', 'json']);
    const pod = JSON.parse(after.stdout);
    expect(pod.metadata.uid).toBe(victim.uid);
    expect(pod.status.phase).toBe('Running');
    expect(pod.metadata.deletionTimestamp).toBeUndefined();
  });
});
