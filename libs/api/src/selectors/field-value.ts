/**
 * The selectable fields of each kind and their values, as the registries' GetAttrs
 * (ToSelectableFields) compute them; field selectors filter lists and watches on these.
 */
import type { Event, Namespace, Node, Pod, ReplicationController, Secret, Service } from 'kubernetes-types/core/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { CertificateSigningRequest } from 'kubernetes-types/certificates/v1';
import type { KubeObject } from '../object.js';
import { resourceTypes } from '../registry.js';

type FieldSet = Record<string, string>;

function podFields(pod: Pod): FieldSet {
  const { spec = { containers: [] }, status = {} } = pod;
  return {
    'spec.nodeName': spec.nodeName ?? '',
    'spec.restartPolicy': spec.restartPolicy ?? '',
    'spec.schedulerName': spec.schedulerName ?? '',
    'spec.serviceAccountName': spec.serviceAccountName || spec.serviceAccount || '',
    'spec.hostNetwork': String(spec.hostNetwork === true),
    'status.phase': status.phase ?? '',
    'status.podIP': status.podIP || status.podIPs?.[0]?.ip || '',
    'status.nominatedNodeName': status.nominatedNodeName ?? '',
  };
}

function eventFields(event: Event): FieldSet {
  const involved = event.involvedObject ?? {};
  return {
    'involvedObject.kind': involved.kind ?? '',
    'involvedObject.namespace': involved.namespace ?? '',
    'involvedObject.name': involved.name ?? '',
    'involvedObject.uid': involved.uid ?? '',
    'involvedObject.apiVersion': involved.apiVersion ?? '',
    'involvedObject.resourceVersion': involved.resourceVersion ?? '',
    'involvedObject.fieldPath': involved.fieldPath ?? '',
    reason: event.reason ?? '',
    reportingComponent: event.reportingComponent ?? '',
    source: event.source?.component || event.reportingComponent || '',
    type: event.type ?? '',
  };
}

/** A kind's fields; `never` lets one table hold each kind's function, and `fieldValue` hands each only its key's kind. */
type KindFields = (obj: never) => FieldSet;

/** By group/kind (`Pod` for the core group, `batch/Job` otherwise), as the stored objects are. */
const kindFields: Record<string, KindFields> = {
  Pod: podFields,
  Event: eventFields,
  Node: (node: Node) => ({ 'spec.unschedulable': String(node.spec?.unschedulable === true) }),
  Namespace: (namespace: Namespace) => ({ 'status.phase': namespace.status?.phase ?? '' }),
  ReplicationController: (rc: ReplicationController) => ({ 'status.replicas': String(rc.status?.replicas ?? 0) }),
  Secret: (secret: Secret) => ({ type: secret.type ?? '' }),
  Service: (service: Service) => ({ 'spec.clusterIP': service.spec?.clusterIP ?? '', 'spec.type': service.spec?.type ?? '' }),
  'batch/Job': (job: Job) => ({ 'status.successful': String(job.status?.succeeded ?? 0) }),
  'certificates.k8s.io/CertificateSigningRequest': (csr: CertificateSigningRequest) => ({ 'spec.signerName': csr.spec?.signerName ?? '' }),
};

function groupKindOf(obj: KubeObject): string {
  const slash = (obj.apiVersion ?? '').indexOf('/');
  return slash < 0 ? obj.kind : `${obj.apiVersion!.slice(0, slash)}/${obj.kind}`;
}

/** Whether a kind is namespaced, by the first of its types in the registry. */
const namespacedKinds = new Map<string, boolean>();
for (const t of resourceTypes) if (!namespacedKinds.has(t.kind)) namespacedKinds.set(t.kind, t.namespaced);

function isNamespaced(obj: KubeObject): boolean {
  return namespacedKinds.get(obj.kind) ?? obj.metadata.namespace !== undefined;
}

/** Every field a field selector may name for the object's kind, with its value. */
export function selectableFields(obj: KubeObject): Readonly<FieldSet> {
  const fields: FieldSet = kindFields[groupKindOf(obj)]?.(obj as never) ?? {};
  fields['metadata.name'] = obj.metadata.name ?? '';
  if (isNamespaced(obj)) fields['metadata.namespace'] = obj.metadata.namespace ?? '';
  return fields;
}

/** The value a field selector compares for `field`, or undefined when the kind has no such field. */
export function fieldValue(obj: KubeObject, field: string): string | undefined {
  const fields = selectableFields(obj);
  return Object.hasOwn(fields, field) ? fields[field] : undefined;
}
