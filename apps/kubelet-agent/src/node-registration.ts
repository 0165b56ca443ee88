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

/** Tries of a status update that met a newer version of the Node (the kubelet's nodeStatusUpdateRetry). */
const statusUpdateTries = 5;

const conflict = (e: unknown) => e instanceof ApiRequestError && e.code === 409;

/**
 * Creates the Node, or reports the existing one Ready again; returns the stored Node. An update that meets a version the
 * node controller wrote meanwhile (a lab started again marks its old nodes NotReady) reads the Node again and retries.
 */
export async function registerNode(client: ApiClient, id: NodeIdentity): Promise<Node> {
  const now = kubeNow();
  try {
    return await client.create<Node>(nodes, '', nodeObject(id, now));
  } catch (e) {
    if (!conflict(e)) throw e;
  }
  for (let attempt = 1; ; attempt++) {
    const existing = await client.get<Node>(nodes, '', id.name);
    try {
      return await client.updateStatus<Node>(nodes, '', { ...existing, status: { ...existing.status, ...nodeStatus(id, now) } });
    } catch (e) {
      if (!conflict(e) || attempt === statusUpdateTries) throw e;
    }
  }
}
