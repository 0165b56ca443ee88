/**
 * What apiextensions-apiserver's naming, establishing and finalizing controllers write into
 * a CRD's status: acceptedNames and NamesAccepted (no other CRD of the group holds the
 * plural, singular, short names or kind), Established once the names are accepted,
 * Terminating while the CRD's objects are deleted. Pure: the CRD and its peers in, the
 * status out; the api-server writes it when it differs.
 */
import type { CustomResourceDefinitionCondition, CustomResourceDefinitionNames } from 'kubernetes-types/apiextensions/v1';
import type { KubeObject } from '../object.js';
import { resourceTypes } from '../registry.js';
import type { CustomResourceDefinition } from '../typed-objects.js';

/** The finalizer that holds a deleted CRD until its objects are gone. */
export const crdCleanupFinalizer = 'customresourcecleanup.apiextensions.k8s.io';

/** Names another CRD of the same group (or a built-in type of that group) already serves. */
function takenNames(crd: CustomResourceDefinition, others: readonly CustomResourceDefinition[]): Set<string> {
  const group = crd.spec?.group;
  const taken = new Set<string>();
  for (const other of others) {
    if (other.metadata.name === crd.metadata.name || other.spec?.group !== group) continue;
    const n: Partial<CustomResourceDefinitionNames> = other.status?.acceptedNames ?? {};
    [n.plural, n.singular, n.kind, n.listKind, ...(n.shortNames ?? [])].filter((name): name is string => Boolean(name)).forEach((name) => taken.add(name));
  }
  for (const t of resourceTypes) if (t.group === group) [t.plural, t.singular, t.kind, t.listKind, ...t.shortNames].forEach((n) => taken.add(n));
  return taken;
}

function nameConflict(crd: CustomResourceDefinition, others: readonly CustomResourceDefinition[]): string | undefined {
  const names: Partial<CustomResourceDefinitionNames> = crd.spec?.names ?? {};
  const taken = takenNames(crd, others);
  const isTaken = (name: string | undefined) => name !== undefined && taken.has(name);
  if (isTaken(names.plural)) return `"${names.plural}" is already in use`;
  if (names.singular && taken.has(names.singular)) return `"${names.singular}" is already in use`;
  const short = (names.shortNames ?? []).find((s) => taken.has(s));
  if (short) return `"${short}" is already in use`;
  if (isTaken(names.kind)) return `"${names.kind}" is already in use`;
  if (names.listKind && taken.has(names.listKind)) return `"${names.listKind}" is already in use`;
  return undefined;
}

/** A condition that keeps its lastTransitionTime while its status does not change. */
function condition(crd: CustomResourceDefinition, type: string, status: 'True' | 'False', reason: string, message: string, now: string): CustomResourceDefinitionCondition {
  const before = (crd.status?.conditions ?? []).find((c) => c.type === type);
  const lastTransitionTime = before && before.status === status ? before.lastTransitionTime : now;
  return { type, status, lastTransitionTime, reason, message };
}

/** The status the CRD controllers would write now (`now`: RFC 3339 time for new transitions). */
export function crdStatus(given: KubeObject, otherObjects: readonly KubeObject[], now: string): Record<string, unknown> {
  const crd = given as CustomResourceDefinition;
  const others = otherObjects as readonly CustomResourceDefinition[];
  const status = crd.status ?? {};
  const conflict = nameConflict(crd, others);
  const accepted = conflict === undefined;
  const names: Partial<CustomResourceDefinitionNames> = crd.spec?.names ?? {};
  const acceptedNames = accepted ? { ...names, singular: names.singular ?? names.kind?.toLowerCase(), listKind: names.listKind ?? `${names.kind}List` } : (status.acceptedNames ?? { plural: '', kind: '' });
  const wasEstablished = (status.conditions ?? []).some((c) => c.type === 'Established' && c.status === 'True');
  const conditions = [
    accepted
      ? condition(crd, 'NamesAccepted', 'True', 'NoConflicts', 'no conflicts found', now)
      : condition(crd, 'NamesAccepted', 'False', 'NameConflict', conflict, now),
    accepted || wasEstablished
      ? condition(crd, 'Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted', now)
      : condition(crd, 'Established', 'False', 'NotAccepted', 'not all names are accepted', now),
    ...(crd.metadata.deletionTimestamp ? [condition(crd, 'Terminating', 'True', 'InstanceDeletionInProgress', 'CustomResource deletion is in progress', now)] : []),
  ];
  return { ...status, conditions, acceptedNames };
}
