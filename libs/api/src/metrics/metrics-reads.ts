/**
 * Reads of the resource metrics API as metrics-server answers them: the nodes or pods are looked up first (with the
 * label selector, and a field selector on metadata.name and metadata.namespace only), then each gets the metrics its
 * node's report holds; those without (too young, their node silent) are left out of a list, and a get of one is a 404
 * of its own. Lists come sorted by namespace and name.
 */
import type { FieldRequirement, LabelRequirement } from '../selectors/index.js';
import { matchesFields, matchesLabels } from '../selectors/index.js';
import type { KubeObject } from '../object.js';
import type { ResourceType } from '../registry.js';
import { resourceNotFound } from '../status.js';
import { isCurrentReport, nodeMetrics, podMetrics, podUsageOf } from './metrics-objects.js';
import type { NodeUsageReports } from './node-usage-report.js';

/** What the reads look at: the agents' reports by node, and the cluster's nodes and pods. */
export interface MetricsSource {
  readonly reports: NodeUsageReports;
  /** The pods of a namespace (undefined: of all). */
  pods(namespace: string | undefined): readonly KubeObject[];
  nodes(): readonly KubeObject[];
}

/** The selectors of a list. */
export interface MetricsSelectors {
  readonly labels: readonly LabelRequirement[];
  readonly fields: readonly FieldRequirement[];
}

const metricsGroup = 'metrics.k8s.io';

/** The object metrics-server's field selector sees: metadata.name and metadata.namespace, nothing else. */
function metadataFields(object: KubeObject): KubeObject {
  const { name, namespace } = object.metadata;
  return { apiVersion: object.apiVersion, kind: object.kind, metadata: { name, ...(namespace ? { namespace } : {}) } };
}

function selected(object: KubeObject, selectors: MetricsSelectors): boolean {
  return matchesLabels([...selectors.labels], object.metadata.labels ?? {}) && matchesFields(selectors.fields, metadataFields(object));
}

const byKey = (a: KubeObject, b: KubeObject) => {
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** The metrics of the selected nodes or pods (of `namespace`, or all), sorted. */
export function listMetrics(t: ResourceType, namespace: string | undefined, selectors: MetricsSelectors, source: MetricsSource, now: Date): KubeObject[] {
  if (t.kind === 'NodeMetrics') {
    return source.nodes().filter((n) => selected(n, selectors)).sort(byKey).flatMap((node) => {
      const report = source.reports.get(node.metadata.name!);
      return report && isCurrentReport(report, now) ? [nodeMetrics(node, report, now)] : [];
    });
  }
  return source.pods(namespace).filter((p) => selected(p, selectors)).sort(byKey).flatMap((pod) => {
    const found = podUsageOf(pod, source.reports, now);
    return found ? [podMetrics(pod, found.usage, found.report, now)] : [];
  });
}

/**
 * The metrics of one node or pod. A node or pod that does not exist is the lister's 404 (`pods "web" not found`); one
 * without metrics is metrics-server's own (`podmetrics.metrics.k8s.io "default/web" not found`).
 */
export function getMetrics(t: ResourceType, namespace: string, name: string, source: MetricsSource, now: Date): KubeObject {
  if (t.kind === 'NodeMetrics') {
    const node = source.nodes().find((n) => n.metadata.name === name);
    if (!node) throw resourceNotFound('', 'nodes', name);
    const report = source.reports.get(name);
    if (!report || !isCurrentReport(report, now)) throw resourceNotFound(metricsGroup, 'nodemetrics', name);
    return nodeMetrics(node, report, now);
  }
  const pod = source.pods(namespace).find((p) => p.metadata.name === name);
  if (!pod) throw resourceNotFound('', 'pods', name);
  const found = podUsageOf(pod, source.reports, now);
  if (!found) throw resourceNotFound(metricsGroup, 'podmetrics', `${namespace}/${name}`);
  return podMetrics(pod, found.usage, found.report, now);
}
