/**
 * Registers a node with the api-server, or takes an existing Node object back after
 * a restart of the agent, and reports it Ready.
 */
import { kubeTime } from '@kubelab/api';
import type { Node } from '@kubelab/api';
import { ApiRequestError, type ApiClient } from '@kubelab/bus';
import { nodeObject, nodeStatus, type NodeIdentity } from './node-object.js';

const nodes = { group: '', version: 'v1', plural: 'nodes' };

const kubeNow = () => kubeTime(new Date());

/** Creates the Node, or reports the existing one Ready again; returns the stored Node. */
export async function registerNode(client: ApiClient, id: NodeIdentity): Promise<Node> {
  const now = kubeNow();
  try {
    return await client.create<Node>(nodes, '', nodeObject(id, now));
  } catch (e) {
    if (!(e instanceof ApiRequestError && e.code === 409)) throw e;
  }
  const existing = await client.get<Node>(nodes, '', id.name);
  return client.updateStatus<Node>(nodes, '', { ...existing, status: { ...existing.status, ...nodeStatus(id, now) } });
}
