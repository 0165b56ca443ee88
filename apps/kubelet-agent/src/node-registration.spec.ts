import type { Node } from '@kubelab/api';
import { ApiRequestError, type ApiClient } from '@kubelab/bus';
import { describe, expect, it } from 'vitest';
import { registerNode } from './node-registration.js';

const id = { name: 'node-1', index: 1, cpu: '4', memory: '8Gi', maxPods: 110, labels: {}, taints: [] };
const conflict = () => new ApiRequestError(409, { reason: 'Conflict', message: 'Operation cannot be fulfilled on nodes "node-1": the object has been modified' });

/** The API with node-1 stored, whose status updates meet a newer version `conflicts` times first. */
function api(conflicts: number) {
  const calls: string[] = [];
  const client = {
    create: async () => {
      calls.push('create');
      throw conflict();
    },
    get: async () => (calls.push('get'), { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', resourceVersion: String(calls.length) }, status: {} } as Node),
    updateStatus: async (_r: unknown, _ns: string, node: Node) => {
      calls.push('update');
      if (calls.filter((c) => c === 'update').length <= conflicts) throw conflict();
      return node;
    },
  } as unknown as ApiClient;
  return { client, calls };
}

describe('a node registering again after a restart', () => {
  it('reads the Node again and retries when the node controller wrote a newer version meanwhile', async () => {
    const { client, calls } = api(2);
    expect((await registerNode(client, id)).metadata.name).toBe('node-1');
    expect(calls).toEqual(['create', 'get', 'update', 'get', 'update', 'get', 'update']);
  });

  it('gives up after five conflicts in a row, as the kubelet does', async () => {
    const { client } = api(5);
    await expect(registerNode(client, id)).rejects.toThrow('the object has been modified');
  });
});
