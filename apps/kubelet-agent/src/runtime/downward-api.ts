/**
 * The downward API: the pod's own fields and its containers' resources, as environment
 * values and as the files of downwardAPI volumes (and projected downwardAPI sources).
 * Worded as the kubelet writes them: a whole label or annotation map is `key="value"`
 * lines in key order (fieldpath.FormatMap), a resource is rounded up to its divisor
 * (ExtractContainerResourceValue), and an unset limit is the node's allocatable.
 */
import { parseQuantity } from '@kubelab/api';
import type { Pod } from '@kubelab/api';
import type { Container, DownwardAPIVolumeFile } from 'kubernetes-types/core/v1';

/** The node's allocatable resources, which stand in for a container limit left unset. */
export type Allocatable = Readonly<Record<string, string | number>>;

/** Go's %q for the strings labels and annotations hold. */
const quoted = (value: string) => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** `key="value"` lines in key order, without a final newline (fieldpath.FormatMap). */
export function formatMap(map: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(map ?? {}).sort().map((k) => `${k}=${quoted(map![k])}`).join('\n');
}

/** metadata.name, metadata.labels['app'], status.podIP … of the pod; undefined for a path the API does not offer. */
export function podField(pod: Pod, path: string): string | undefined {
  if (path === 'metadata.labels' || path === 'metadata.annotations') return formatMap(pod.metadata[path.slice('metadata.'.length) as 'labels' | 'annotations']);
  const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (label) return pod.metadata[label[1] as 'labels' | 'annotations']?.[label[2]] ?? '';
  const simple: Record<string, unknown> = {
    'metadata.name': pod.metadata.name, 'metadata.namespace': pod.metadata.namespace, 'metadata.uid': pod.metadata.uid,
    'spec.nodeName': pod.spec?.nodeName, 'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.hostIP': pod.status?.hostIP, 'status.hostIPs': pod.status?.hostIP, 'status.podIP': pod.status?.podIP, 'status.podIPs': pod.status?.podIP,
  };
  return path in simple ? String(simple[path] ?? '') : undefined;
}

/**
 * A container's `limits.cpu`, `requests.memory` … divided by the divisor and rounded up;
 * CPU counts in millicores so that `divisor: 1m` gives whole millicores.
 */
export function resourceFieldValue(container: Partial<Container>, ref: { resource: string; divisor?: string | number }, allocatable: Allocatable): string | undefined {
  const [kind, resource] = ref.resource.split('.', 2) as ['limits' | 'requests', string];
  if ((kind !== 'limits' && kind !== 'requests') || !/^(cpu|memory|ephemeral-storage|hugepages-.+)$/.test(resource ?? '')) return undefined;
  const resources = container?.resources ?? {};
  const fallback = kind === 'limits' ? allocatable[resource] : resources.limits?.[resource];
  const value = resources[kind]?.[resource] ?? fallback ?? 0;
  const divisor = ref.divisor ?? 1;
  try {
    if (resource === 'cpu') return String(Math.ceil(Math.round(parseQuantity(value) * 1000) / Math.round(parseQuantity(divisor) * 1000)));
    return String(Math.ceil(parseQuantity(value) / parseQuantity(divisor)));
  } catch {
    return undefined;
  }
}

/** The files of a downwardAPI volume's items, or the first item the kubelet could not write. */
export function downwardApiFiles(pod: Pod, items: readonly DownwardAPIVolumeFile[], allocatable: Allocatable): { ok: true; value: Record<string, string> } | { ok: false; message: string } {
  const files: Record<string, string> = {};
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  for (const item of items) {
    if (item.fieldRef) {
      const value = podField(pod, item.fieldRef.fieldPath);
      if (value === undefined) return { ok: false, message: `unsupported fieldPath: ${item.fieldRef.fieldPath}` };
      files[item.path] = value;
      continue;
    }
    const ref = item.resourceFieldRef;
    const container = containers.find((c) => c.name === ref?.containerName);
    if (!ref || !container) return { ok: false, message: `container ${ref?.containerName ?? ''} not found` };
    const value = resourceFieldValue(container, ref, allocatable);
    if (value === undefined) return { ok: false, message: `unsupported container resource : ${ref.resource}` };
    files[item.path] = value;
  }
  return { ok: true, value: files };
}
