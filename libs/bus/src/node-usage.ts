/**
 * The nodes' resource use lives in a NATS KV bucket, as the heartbeats do: every metrics resolution each agent puts
 * its nodes' usage reports (one key per node, which only that node's agent may write), and the api-server follows the
 * bucket to serve the resource metrics API. Never in the event log: usage is no domain event.
 */
import type { NodeUsageReport } from '@kubelab/api';
import type { KV, NatsConnection } from 'nats';
import { labBucket, watchLabBucket } from './nats-servers.js';

export const nodeUsageBucket = 'kubelab-node-usage';

/** The bucket: the api-server creates it (with `replicas` copies: bucketReplicas); an agent's user may only bind to it, so it fails until the api-server has. */
export function nodeUsage(nc: NatsConnection, replicas = 1): Promise<KV> {
  return labBucket(nc, nodeUsageBucket, replicas);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Puts a node's report under the node's name. */
export async function putNodeUsage(kv: KV, report: NodeUsageReport): Promise<void> {
  await kv.put(report.node, encoder.encode(JSON.stringify(report)));
}

/**
 * Follows the bucket: `reports` holds each node's latest report, from the stored ones on. An entry that is no JSON
 * report, or is filed under another node's key, is left out. Returns a function that stops following.
 */
export async function followNodeUsage(kv: KV, reports: Map<string, NodeUsageReport>): Promise<() => void> {
  const updates = await watchLabBucket(kv, nodeUsageBucket);
  void (async () => {
    for await (const entry of updates) {
      const report = entry.operation === 'PUT' ? parseReport(entry.value) : undefined;
      if (report?.node === entry.key) reports.set(entry.key, report);
      else reports.delete(entry.key);
    }
  })();
  return () => updates.stop();
}

function parseReport(value: Uint8Array): NodeUsageReport | undefined {
  try {
    const report = JSON.parse(decoder.decode(value)) as NodeUsageReport;
    return typeof report?.node === 'string' && Array.isArray(report.pods) && typeof report.expires === 'string' ? report : undefined;
  } catch {
    return undefined;
  }
}
