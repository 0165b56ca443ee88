/**
 * ControllerRevisions as pkg/controller/history writes them for StatefulSets and
 * DaemonSets: the pod template frozen as a patch (`{"spec":{"template":{…,"$patch":"replace"}}}`),
 * named "<owner>-<hash>", owned by its workload, numbered by `revision`.
 */
import { cloneJson, isPlainObject, type ControllerRevision, type KubeObject } from '@kubelab/api';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { computePodTemplateHash } from '../deployment/pod-template-hash.js';
import { controllerOf, controllerRefTo } from '../replicaset/owner-refs.js';
import { semanticEqual } from '../replicaset/semantic-equal.js';

/** The label history.NewControllerRevision puts the hash under. */
export const HISTORY_HASH_LABEL = 'controller.kubernetes.io/hash';

/** A ControllerRevision as the controllers handle it. */
export type Revision = ControllerRevision;

/** A frozen pod template: replaced whole when the revision is applied as a patch. */
type FrozenTemplate = PodTemplateSpec & { $patch?: 'replace' };

/** getPatch of the StatefulSet and DaemonSet controllers: what a revision stores. */
export function revisionData(template: PodTemplateSpec | undefined): { spec: { template: FrozenTemplate } } {
  return { spec: { template: { ...cloneJson(template ?? {}), $patch: 'replace' } } };
}

/** The pod template a revision froze (ApplyRevision's result for spec.template). */
export function templateOf(revision: Revision): PodTemplateSpec {
  const data: unknown = revision.data;
  const spec: unknown = isPlainObject(data) ? data.spec : undefined;
  // What revisionData stored, read back from the log.
  const template = cloneJson((isPlainObject(spec) ? spec.template : undefined) ?? {}) as FrozenTemplate;
  delete template.$patch;
  return template;
}

/** history.EqualRevision: the same frozen template. */
export function equalRevision(a: Revision, b: Revision): boolean {
  return semanticEqual(a.data, b.data);
}

/** The revisions `owner` controls, oldest revision number first (history.SortControllerRevisions). */
export function ownedRevisions(owner: KubeObject, revisions: readonly Revision[]): Revision[] {
  return revisions
    .filter((r) => controllerOf(r)?.uid === owner.metadata.uid)
    .sort((a, b) => a.revision - b.revision || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
}

/** The settings of one workload kind's revisions. */
export interface RevisionKind {
  /** Label keyed to the hash on the revision (and, for DaemonSets, on its pods). */
  hashLabel: string;
}

/**
 * history.NewControllerRevision: a revision of `owner` freezing `template`, its name
 * changed by every collision met so far. The hash is controller.ComputeHash of the data.
 * The owner's annotations are copied onto it (the StatefulSet's newRevision and the
 * DaemonSet's snapshot do so), which is where `kubectl rollout history` finds each
 * revision's kubernetes.io/change-cause.
 */
export function newRevision(owner: KubeObject, template: PodTemplateSpec | undefined, revision: number, collisionCount: number, kind: RevisionKind): Revision {
  const data = revisionData(template);
  const hash = computePodTemplateHash(data, collisionCount);
  const labels: Record<string, string> = { ...template?.metadata?.labels, [kind.hashLabel]: hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${(owner.metadata.name ?? '').slice(0, 223)}-${hash}`,
      namespace: owner.metadata.namespace,
      labels,
      ...(Object.keys(owner.metadata.annotations ?? {}).length ? { annotations: { ...owner.metadata.annotations } } : {}),
      ownerReferences: [controllerRefTo(owner)],
    },
    data,
    revision,
  };
}

/** The hash a revision was named with. */
export function hashOf(revision: Revision, kind: RevisionKind): string {
  return revision.metadata.labels?.[kind.hashLabel] ?? '';
}
