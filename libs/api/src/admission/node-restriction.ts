/**
 * The NodeRestriction admission plugin (plugin/pkg/admission/noderestriction): a kubelet may
 * write only what concerns its own node. It creates only mirror pods bound to itself and owned
 * by its Node, deletes, evicts and reports the status of only the pods bound to it, modifies
 * only its own Node (never its taints or node-restriction labels), requests tokens only for pods
 * bound to it, and touches only its own Lease. The answer is the reason of the 403, worded as
 * upstream words it, or undefined when the write may go on.
 */
import type { TokenRequest as TokenRequestOfTypes } from 'kubernetes-types/authentication/v1';
import type { Container, EphemeralContainer, PodSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../object.js';
import { isPlainObject } from '../object.js';
import type { Node, Pod, Typed } from '../typed-objects.js';

export type NodeWriteOperation = 'CREATE' | 'UPDATE' | 'DELETE';

/** One write by the kubelet of `node`, as admission sees it. */
export interface NodeWrite {
  node: string;
  operation: NodeWriteOperation;
  group: string;
  resource: string;
  subresource?: string;
  namespace: string;
  name: string;
  /** The object as the write leaves it (create, update; for a token request, the TokenRequest). */
  object?: KubeObject;
  /** The object before the write (update, delete, eviction). */
  oldObject?: KubeObject;
  /** The writer's Node, when it exists (the owner of its mirror pods). */
  nodeObject?: KubeObject;
  /** For a token request: the pod it names, when it exists. */
  boundPod?: KubeObject;
}

const mirrorAnnotation = 'kubernetes.io/config.mirror';

/** The node a pod is bound to; the write's objects are pods wherever this is asked. */
const nodeNameOf = (pod: KubeObject | undefined) => (pod as Pod | undefined)?.spec?.nodeName;

/** Why NodeRestriction refuses `w`, or undefined when it admits it. */
export function nodeRestrictionRefusal(w: NodeWrite): string | undefined {
  switch (`${w.group}/${w.resource}`) {
    case '/pods':
      if (!w.subresource) return podRefusal(w);
      if (w.subresource === 'status') return podStatusRefusal(w);
      if (w.subresource === 'eviction') {
        return w.oldObject && nodeNameOf(w.oldObject) !== w.node ? `node ${w.node} can only evict pods with spec.nodeName set to itself` : undefined;
      }
      return `unexpected pod subresource "${w.subresource}", only 'status' and 'eviction' are allowed`;
    case '/nodes':
      return nodeRefusal(w);
    case '/persistentvolumeclaims':
      return w.subresource === 'status' ? undefined : 'may only update PVC status';
    case '/serviceaccounts':
      return w.operation === 'CREATE' && w.subresource === 'token' ? tokenRefusal(w) : undefined;
    case 'coordination.k8s.io/leases':
      if (w.namespace !== 'kube-node-lease') return 'can only access leases in the "kube-node-lease" system namespace';
      return w.name !== w.node ? 'can only access node lease with the same name as the requesting node' : undefined;
    default:
      return undefined;
  }
}

function podRefusal(w: NodeWrite): string | undefined {
  if (w.operation === 'DELETE') {
    return w.oldObject && nodeNameOf(w.oldObject) !== w.node ? `node "${w.node}" can only delete pods with spec.nodeName set to itself` : undefined;
  }
  if (w.operation !== 'CREATE') return `unexpected operation "${w.operation}", node "${w.node}" can only create and delete mirror pods`;
  const pod = (w.object ?? { apiVersion: 'v1', kind: 'Pod', metadata: {} }) as Pod;
  if (pod.metadata.annotations?.[mirrorAnnotation] === undefined) return `pod does not have "${mirrorAnnotation}" annotation, node "${w.node}" can only create mirror pods`;
  if (pod.spec?.nodeName !== w.node) return `node "${w.node}" can only create pods with spec.nodeName set to itself`;
  const owners = pod.metadata.ownerReferences ?? [];
  if (owners.length > 1) return `node "${w.node}" can only create pods with a single owner reference set to itself`;
  const [owner] = owners;
  if (!owner || owner.apiVersion !== 'v1' || owner.kind !== 'Node' || owner.name !== w.node) return `node "${w.node}" can only create pods with an owner reference set to itself`;
  if (owner.controller !== true) return `node "${w.node}" can only create pods with a controller owner reference set to itself`;
  if (owner.blockOwnerDeletion === true) return `node "${w.node}" must not set blockOwnerDeletion on an owner reference`;
  if (w.nodeObject && owner.uid !== w.nodeObject.metadata.uid) return `node ${w.node} UID mismatch: expected ${w.nodeObject.metadata.uid} got ${owner.uid}`;
  return referenceRefusal(w.node, pod);
}

/** A mirror pod may name no other API object: the node could read it through the pod otherwise. */
function referenceRefusal(node: string, pod: Pod): string | undefined {
  const spec: Partial<PodSpec> = pod.spec ?? {};
  if (spec.serviceAccountName) return `node "${node}" can not create pods that reference a service account`;
  const containers: (Container | EphemeralContainer)[] = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
  const valueSources = containers.flatMap((c) => (c.env ?? []).map((e) => e.valueFrom ?? {}));
  const fromSources = containers.flatMap((c) => c.envFrom ?? []);
  const volumes = spec.volumes ?? [];
  const projected = volumes.flatMap((v) => v.projected?.sources ?? []);
  const sourceNamesSecret = (source: unknown) => isPlainObject(source) && (source.secretRef || source.nodePublishSecretRef);
  const secrets = (spec.imagePullSecrets ?? []).length > 0 || valueSources.some((e) => e.secretKeyRef) || fromSources.some((e) => e.secretRef)
    || volumes.some((v) => v.secret || Object.values(v).some(sourceNamesSecret)) || projected.some((s) => s.secret);
  if (secrets) return `node "${node}" can not create pods that reference secrets`;
  if (valueSources.some((e) => e.configMapKeyRef) || fromSources.some((e) => e.configMapRef) || volumes.some((v) => v.configMap) || projected.some((s) => s.configMap)) {
    return `node "${node}" can not create pods that reference configmaps`;
  }
  if (projected.some((s) => s.clusterTrustBundle)) return `node "${node}" can not create pods that reference clustertrustbundles`;
  if (volumes.some((v) => v.persistentVolumeClaim)) return `node "${node}" can not create pods that reference persistentvolumeclaims`;
  return undefined;
}

function podStatusRefusal(w: NodeWrite): string | undefined {
  if (w.operation !== 'UPDATE') return `unexpected operation "${w.operation}"`;
  if (nodeNameOf(w.oldObject) !== w.node) return `node "${w.node}" can only update pod status for pods with spec.nodeName set to itself`;
  if (!sameMap(w.oldObject?.metadata.labels, w.object?.metadata.labels)) return `node "${w.node}" cannot update labels through pod status`;
  return undefined;
}

function nodeRefusal(w: NodeWrite): string | undefined {
  if (w.name !== w.node) return `node "${w.node}" is not allowed to modify node "${w.name}"`;
  const labels = w.object?.metadata.labels;
  const next = w.object as Node | undefined;
  const previous = w.oldObject as Node | undefined;
  if (w.operation === 'CREATE') {
    if (next?.spec?.configSource) return `node "${w.node}" is not allowed to create pods with a non-nil configSource`;
    const forbidden = forbiddenLabels(changedKeys(labels, undefined));
    return forbidden.length > 0 ? `node "${w.node}" is not allowed to set the following labels: ${forbidden.join(', ')}` : undefined;
  }
  if (w.operation === 'UPDATE') {
    const configSource = next?.spec?.configSource;
    if (configSource && JSON.stringify(configSource) !== JSON.stringify(previous?.spec?.configSource)) {
      return `node "${w.node}" is not allowed to update configSource to a new non-nil configSource`;
    }
    if (JSON.stringify(next?.spec?.taints ?? []) !== JSON.stringify(previous?.spec?.taints ?? [])) return `node "${w.node}" is not allowed to modify taints`;
    const forbidden = forbiddenLabels(changedKeys(labels, w.oldObject?.metadata.labels));
    if (forbidden.length > 0) return `is not allowed to modify labels: ${forbidden.join(', ')}`;
  }
  return undefined;
}

function tokenRefusal(w: NodeWrite): string | undefined {
  const ref = (w.object as Typed<TokenRequestOfTypes> | undefined)?.spec?.boundObjectRef;
  if (!ref || ref.apiVersion !== 'v1' || ref.kind !== 'Pod' || !ref.name) return 'node requested token not bound to a pod';
  if (!ref.uid) return 'node requested token with a pod binding without a uid';
  if (!w.boundPod) return undefined;
  if (ref.uid !== w.boundPod.metadata.uid) {
    return `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`;
  }
  return nodeNameOf(w.boundPod) !== w.node ? 'node requested token bound to a pod scheduled on a different node' : undefined;
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  return changedKeys(a, b).length === 0;
}

function changedKeys(a: Record<string, string> | undefined, b: Record<string, string> | undefined): string[] {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  return [...keys].filter((k) => a?.[k] !== b?.[k]);
}

/** The labels the kubelet reports about itself (kubeletapis.IsKubeletLabel). */
const kubeletLabels = new Set([
  'kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region', 'beta.kubernetes.io/instance-type', 'node.kubernetes.io/instance-type', 'kubernetes.io/os',
  'kubernetes.io/arch', 'beta.kubernetes.io/os', 'beta.kubernetes.io/arch',
]);
const kubeletLabelNamespaces = ['kubelet.kubernetes.io', 'node.kubernetes.io'];

/** The changed labels a node may not set: node-restriction ones, and kubernetes.io / k8s.io ones the kubelet does not own. */
function forbiddenLabels(changed: string[]): string[] {
  const namespaceOf = (key: string) => (key.includes('/') ? key.slice(0, key.indexOf('/')) : '');
  const within = (ns: string, domain: string) => ns === domain || ns.endsWith(`.${domain}`);
  return changed.filter((key) => {
    const ns = namespaceOf(key);
    if (within(ns, 'node-restriction.kubernetes.io')) return true;
    const kubernetesLabel = within(ns, 'kubernetes.io') || within(ns, 'k8s.io');
    return kubernetesLabel && !kubeletLabels.has(key) && !kubeletLabelNamespaces.some((d) => within(ns, d));
  }).sort();
}
