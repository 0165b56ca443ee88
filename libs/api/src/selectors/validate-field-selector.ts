/**
 * Which fields each kind lets a field selector use, checked the way the api-server's
 * field label conversion functions check them (AddFieldLabelConversionFunc per group
 * version kind), with each kind's own refusal message. A conversion may also rename a
 * field: the legacy `spec.host` of pods, and events.k8s.io/v1's `regarding.*` and
 * `reportingController`, which select on the stored core Event's fields.
 */
import type { FieldRequirement } from './field-requirement.js';
import { quote } from './label-validation.js';
import { SelectorError } from './selector-error.js';

interface FieldLabels {
  /** Each accepted field and the field of the stored object it selects on. */
  fields: Readonly<Record<string, string>>;
  refusal: (field: string) => string;
}

/** The kind a selector is asked for: its API group and kind. */
export interface SelectableKind {
  group: string;
  kind: string;
}

const notSupported = (field: string) => `field label not supported: ${field}`;
const asIs = (...fields: string[]): Record<string, string> => Object.fromEntries(fields.map((f) => [f, f]));

/** Kinds without a conversion function: DefaultMetaV1FieldSelectorConversion. */
const defaultLabels: FieldLabels = {
  fields: asIs('metadata.name', 'metadata.namespace'),
  refusal: (field) => `${quote(field)} is not a known field selector: only "metadata.name", "metadata.namespace"`,
};

const coreEventFields = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
];

/** By group/kind (`Pod` for the core group, `batch/Job` otherwise). */
const kindLabels: Readonly<Record<string, FieldLabels>> = {
  Pod: {
    fields: {
      ...asIs(
        'metadata.name',
        'metadata.namespace',
        'spec.nodeName',
        'spec.restartPolicy',
        'spec.schedulerName',
        'spec.serviceAccountName',
        'spec.hostNetwork',
        'status.phase',
        'status.podIP',
        'status.podIPs',
        'status.nominatedNodeName',
      ),
      'spec.host': 'spec.nodeName',
    },
    refusal: notSupported,
  },
  Node: { fields: asIs('metadata.name', 'spec.unschedulable'), refusal: notSupported },
  Namespace: { fields: asIs('status.phase', 'metadata.name'), refusal: notSupported },
  ReplicationController: { fields: asIs('metadata.name', 'metadata.namespace', 'status.replicas'), refusal: notSupported },
  Secret: { fields: asIs('type', 'metadata.namespace', 'metadata.name'), refusal: notSupported },
  Service: { fields: asIs('metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'), refusal: notSupported },
  Event: {
    fields: asIs(...coreEventFields, 'reason', 'reportingComponent', 'source', 'type', 'metadata.namespace', 'metadata.name'),
    refusal: notSupported,
  },
  'events.k8s.io/Event': {
    fields: {
      ...Object.fromEntries(coreEventFields.map((f) => [f.replace('involvedObject.', 'regarding.'), f])),
      reportingController: 'reportingComponent',
      ...asIs('reason', 'source', 'type', 'metadata.namespace', 'metadata.name'),
    },
    refusal: notSupported,
  },
  'batch/Job': {
    fields: asIs('metadata.name', 'metadata.namespace', 'status.successful'),
    refusal: (field) => `field label ${quote(field)} not supported for Job`,
  },
  'certificates.k8s.io/CertificateSigningRequest': { fields: asIs('metadata.name', 'spec.signerName'), refusal: notSupported },
};

const labelsOf = (t: SelectableKind): FieldLabels => kindLabels[t.group ? `${t.group}/${t.kind}` : t.kind] ?? defaultLabels;

/**
 * Checks every requirement's field against the kind and returns the requirements on the
 * fields of the stored object (`spec.host` → `spec.nodeName`, `regarding.name` →
 * `involvedObject.name`). Throws a SelectorError, which the api-server answers as 400
 * BadRequest, at the first unsupported field.
 */
export function validateFieldSelector(t: SelectableKind, requirements: readonly FieldRequirement[]): FieldRequirement[] {
  const { fields, refusal } = labelsOf(t);
  return requirements.map((r) => {
    if (!Object.hasOwn(fields, r.field)) throw new SelectorError(refusal(r.field));
    return { ...r, field: fields[r.field] };
  });
}
