/**
 * The Table metrics-server answers for `kubectl get nodes.metrics.k8s.io` / `pods.metrics.k8s.io`: Name, one quantity
 * column per measured resource (cpu, memory; a pod's summed over its containers) and Window.
 */
import { partialObjectMetadata } from '../printers/partial-object-metadata.js';
import type { IncludeObject, Table, TableColumnDefinition, TableRow } from '../printers/table.js';
import type { KubeObject } from '../object.js';
import { cpuQuantity, memoryQuantity, type NodeMetrics, type PodMetrics } from './metrics-objects.js';
import { toQuantity } from '../admission/quantity.js';

const columns: TableColumnDefinition[] = [
  { name: 'Name', type: 'string', format: 'name', description: 'Name of the resource', priority: 0 },
  { name: 'cpu', type: 'string', format: 'quantity', description: '', priority: 0 },
  { name: 'memory', type: 'string', format: 'quantity', description: '', priority: 0 },
  { name: 'Window', type: 'string', format: 'duration', description: '', priority: 0 },
];

/** A NodeMetrics' usage, or a PodMetrics' summed over its containers, in nano-units. */
function usageOf(metrics: NodeMetrics | PodMetrics): { cpu: bigint; memory: bigint } {
  const { usage, containers } = metrics as Partial<NodeMetrics & PodMetrics>;
  const usages = usage ? [usage] : (containers ?? []).map((c) => c.usage);
  return usages.reduce((sum, u) => ({ cpu: sum.cpu + toQuantity(u.cpu).nanos, memory: sum.memory + toQuantity(u.memory).nanos }), { cpu: 0n, memory: 0n });
}

function row(metrics: NodeMetrics | PodMetrics, include: IncludeObject): TableRow {
  const usage = usageOf(metrics);
  const cells = [metrics.metadata.name ?? '', cpuQuantity(Number(usage.cpu)), memoryQuantity(Number(usage.memory / 1_000_000_000n)), metrics.window];
  if (include === 'None') return { cells };
  return { cells, object: include === 'Object' ? metrics : partialObjectMetadata(metrics) };
}

/** The Table of NodeMetrics or PodMetrics objects (none: no columns, as metrics-server sends). */
export function metricsTable(items: readonly KubeObject[], include: IncludeObject): Table {
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: {}, columnDefinitions: items.length ? columns.map((c) => ({ ...c })) : [], rows: items.map((m) => row(m as NodeMetrics | PodMetrics, include)) };
}
