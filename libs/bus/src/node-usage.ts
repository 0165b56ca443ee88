/**
 * The nodes' resource use lives in a NATS KV bucket, as the heartbeats do: every metrics resolution each agent puts
 * its nodes' usage reports (one key per node, which only that node's agent may write), and the api-server follows the
 * bucket to serve the resource metrics API. Never in the event log: usage is no domain event.
 */
import type { NodeUsageReport, NodeUsageReports } from '@kubelab/api';
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
 * Each node's latest report as its agent put it, parsed when first read: a thousand nodes put theirs every metrics
 * resolution and mostly nobody asks, so parsing each as it arrives would keep the api-server busy for nothing. A value
 * that is no JSON report, or is filed under another node's key, reads as no report.
 */
export class FollowedNodeUsage implements NodeUsageReports {
  private readonly entries = new Map<string, { value: Uint8Array; report?: NodeUsageReport | null }>();

  put(node: string, value: Uint8Array): void {
    this.entries.set(node, { value });
  }

  delete(node: string): void {
    this.entries.delete(node);
  }

  get(node: string): NodeUsageReport | undefined {
    const entry = this.entries.get(node);
    if (!entry) return undefined;
    if (entry.report === undefined) {
      const report = parseReport(entry.value);
      entry.report = report?.node === node ? report : null;
    }
    return entry.report ?? undefined;
  }
}

/** Follows the bucket into `reports`, from the stored reports on. Returns a function that stops following. */
export async function followNodeUsage(kv: KV, reports: FollowedNodeUsage): Promise<() => void> {
  const updates = await watchLabBucket(kv, nodeUsageBucket);
  void (async () => {
    for await (const entry of updates) {
      if (entry.operation === 'PUT') reports.put(entry.key, entry.value);
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
