/**
 * kube-apiserver's Node authorizer (plugin/pkg/auth/authorizer/node), which runs before RBAC
 * (`--authorization-mode=Node,RBAC`): a kubelet, `system:node:NAME` in `system:nodes`, may read
 * a Secret, ConfigMap, PersistentVolumeClaim or PersistentVolume only when a pod bound to its
 * node uses it, ask for a token only for a ServiceAccount such a pod runs as, touch only its
 * own Lease, and otherwise do what the `system:node` ClusterRole's rules say. It never denies:
 * an answer of no opinion leaves the request to RBAC, with the reason kept for the 403.
 */
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../object.js';
import type { PersistentVolumeClaim, Pod } from '../typed-objects.js';
import { ruleAllows } from './rule-allows.js';
import type { PolicyRule, RequestAttributes, UserInfo } from './types.js';

/** The name of the node a user is the kubelet of (nodeidentifier's rule), or undefined when the user is no node. */
export function nodeOfUser(user: UserInfo): string | undefined {
  if (!user.groups.includes('system:nodes')) return undefined;
  return user.username.startsWith('system:node:') ? user.username.slice('system:node:'.length) : undefined;
}

/** What the authorizer reads of a pod bound to the node: its namespace and the objects it names (podReferences). */
export interface PodOnNode {
  readonly namespace: string;
  readonly references: PodReferences;
}

/** What the authorizer reads of the store: the pods bound to a node, and PersistentVolumeClaims. */
export interface NodeGraph {
  podsOn(node: string): readonly PodOnNode[];
  claim(namespace: string, name: string): KubeObject | undefined;
}

/** Allowed, or no opinion with the reason kube-apiserver keeps (appended to a 403 when RBAC does not allow either). */
export type NodeDecision = { decision: 'allow' } | { decision: 'no-opinion'; reason: string };

const allow: NodeDecision = { decision: 'allow' };
const noOpinion = (reason: string): NodeDecision => ({ decision: 'no-opinion', reason });
const noRelationship = (node: string) => noOpinion(`no relationship found between node '${node}' and this object`);

/** The Node authorizer's answer for `user`; undefined when the user is not a node (the authorizer has nothing to say). */
export function authorizeNode(user: UserInfo, attrs: RequestAttributes, nodeRules: readonly PolicyRule[], graph: NodeGraph): NodeDecision | undefined {
  const node = nodeOfUser(user);
  if (node === undefined) return undefined;
  if (attrs.resourceRequest) {
    const related = (kind: Related) => relatedNames(graph, node, kind, attrs.namespace ?? '').has(attrs.name ?? '');
    const graphDecision = (kind: Related) => (!attrs.name ? noOpinion('No Object name found') : related(kind) ? allow : noRelationship(node));
    const key = `${attrs.apiGroup}/${attrs.resource}`;
    switch (key) {
      case '/secrets':
      case '/configmaps':
        if (!['get', 'list', 'watch'].includes(attrs.verb)) return noOpinion('can only read resources of this type');
        if (attrs.subresource) return noOpinion('cannot read subresource');
        if (!attrs.namespace) return noOpinion('can only read namespaced object of this type');
        return graphDecision(attrs.resource === 'secrets' ? 'secret' : 'configmap');
      case '/persistentvolumeclaims':
        if (attrs.subresource === 'status') {
          return ['update', 'patch'].includes(attrs.verb) ? graphDecision('claim') : noOpinion('can only get/update/patch this type');
        }
        return getOnly(attrs) ?? graphDecision('claim');
      case '/persistentvolumes':
        return getOnly(attrs) ?? graphDecision('volume');
      case '/serviceaccounts':
        if (attrs.verb !== 'create' || !attrs.name) return noOpinion('can only create tokens for individual service accounts');
        if (attrs.subresource !== 'token') return noOpinion('can only create token subresource of serviceaccount');
        return related('serviceaccount') ? allow : noRelationship(node);
      case 'coordination.k8s.io/leases':
        if (!['get', 'create', 'update', 'patch', 'delete'].includes(attrs.verb)) return noOpinion('can only get, create, update, patch, or delete a node lease');
        if (attrs.namespace !== 'kube-node-lease') return noOpinion('can only access leases in the "kube-node-lease" system namespace');
        if (attrs.verb !== 'create' && attrs.name !== node) return noOpinion('can only access node lease with the same name as the requesting node');
        return allow;
    }
  }
  return nodeRules.some((rule) => ruleAllows(attrs, rule)) ? allow : noOpinion('');
}

function getOnly(attrs: Extract<RequestAttributes, { resourceRequest: true }>): NodeDecision | undefined {
  if (attrs.verb !== 'get') return noOpinion('can only get individual resources of this type');
  if (attrs.subresource) return noOpinion('cannot get subresource');
  return undefined;
}

type Related = 'secret' | 'configmap' | 'claim' | 'volume' | 'serviceaccount';

/** The names of objects of `kind` in `namespace` that the node's pods use (the graph's edges into the node). */
function relatedNames(graph: NodeGraph, node: string, kind: Related, namespace: string): Set<string> {
  const names = new Set<string>();
  for (const { namespace: podNamespace, references } of graph.podsOn(node)) {
    // A vertex of the node graph, not an object kind: PersistentVolumes are reached through the pods' claims, cluster-wide.
    if (kind === 'volume') {
      for (const claimName of references.claim) {
        const volume = (graph.claim(podNamespace, claimName) as PersistentVolumeClaim | undefined)?.spec?.volumeName;
        if (volume) names.add(volume);
      }
    } else if (podNamespace === namespace) {
      for (const name of references[kind]) names.add(name);
    }
  }
  return names;
}

/** The names of the objects of each kind a pod uses. */
export type PodReferences = Readonly<Record<Exclude<Related, 'volume'>, readonly string[]>>;

/** The objects a pod names: its ServiceAccount, and the Secrets, ConfigMaps and claims (ephemeral ones too) of its volumes, env and pull secrets. */
export function podReferences(pod: KubeObject): PodReferences {
  const spec: Partial<PodSpec> = (pod as Pod).spec ?? {};
  const refs = { secret: [] as string[], configmap: [] as string[], claim: [] as string[], serviceaccount: [] as string[] };
  if (spec.serviceAccountName) refs.serviceaccount.push(spec.serviceAccountName);
  for (const s of spec.imagePullSecrets ?? []) if (s?.name) refs.secret.push(s.name);
  for (const v of spec.volumes ?? []) {
    if (v.secret?.secretName) refs.secret.push(v.secret.secretName);
    if (v.configMap?.name) refs.configmap.push(v.configMap.name);
    if (v.persistentVolumeClaim?.claimName) refs.claim.push(v.persistentVolumeClaim.claimName);
    // A generic ephemeral volume's claim, which the ephemeral volume controller names after the pod and the volume.
    if (v.ephemeral && pod.metadata.name && v.name) refs.claim.push(`${pod.metadata.name}-${v.name}`);
    for (const source of v.projected?.sources ?? []) {
      if (source.secret?.name) refs.secret.push(source.secret.name);
      if (source.configMap?.name) refs.configmap.push(source.configMap.name);
    }
    for (const secretRef of [v.cephfs?.secretRef, v.cinder?.secretRef, v.flexVolume?.secretRef, v.iscsi?.secretRef, v.rbd?.secretRef, v.scaleIO?.secretRef, v.storageos?.secretRef, v.csi?.nodePublishSecretRef]) {
      if (secretRef?.name) refs.secret.push(secretRef.name);
    }
    if (v.azureFile?.secretName) refs.secret.push(v.azureFile.secretName);
  }
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])]) {
    for (const from of c.envFrom ?? []) {
      if (from.secretRef?.name) refs.secret.push(from.secretRef.name);
      if (from.configMapRef?.name) refs.configmap.push(from.configMapRef.name);
    }
    for (const e of c.env ?? []) {
      if (e.valueFrom?.secretKeyRef?.name) refs.secret.push(e.valueFrom.secretKeyRef.name);
      if (e.valueFrom?.configMapKeyRef?.name) refs.configmap.push(e.valueFrom.configMapKeyRef.name);
    }
  }
  return refs;
}
