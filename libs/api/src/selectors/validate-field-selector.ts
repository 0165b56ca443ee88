/**
 * Which fields each kind lets a field selector use, checked the way the api-server's
 * field label conversion functions check them, with each kind's own refusal message.
 */
import type { FieldRequirement } from './field-requirement.js';
import { quote } from './label-validation.js';
import { SelectorError } from './selector-error.js';

interface FieldLabels {
  supported: readonly string[];
  /** Old names the conversion rewrites to current ones. */
  aliases?: Readonly<Record<string, string>>;
  refusal: (field: string) => string;
}

const notSupported = (field: string) => `field label not supported: ${field}`;

const defaultLabels: FieldLabels = {
  supported: ['metadata.name', 'metadata.namespace'],
  refusal: (field) => `${quote(field)} is not a known field selector: only "metadata.name", "metadata.namespace"`,
};

const kindLabels: Readonly<Record<string, FieldLabels>> = {
  Pod: {
    supported: [
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
    ],
    aliases: { 'spec.host': 'spec.nodeName' },
    refusal: notSupported,
  },
  Node: { supported: ['metadata.name', 'spec.unschedulable'], refusal: notSupported },
  Namespace: { supported: ['status.phase', 'metadata.name'], refusal: notSupported },
  Event: {
    supported: [
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'source',
      'type',
      'metadata.namespace',
      'metadata.name',
    ],
    refusal: notSupported,
  },
  Job: {
    supported: ['metadata.name', 'metadata.namespace', 'status.successful'],
    refusal: (field) => `field label ${quote(field)} not supported for Job`,
  },
};

/**
 * Checks every requirement's field against the kind and returns the requirements with old
 * field names rewritten (`spec.host` → `spec.nodeName`). Throws a SelectorError, which the
 * api-server answers as 400 BadRequest, at the first unsupported field.
 */
export function validateFieldSelector(kind: string, requirements: readonly FieldRequirement[]): FieldRequirement[] {
  const labels = kindLabels[kind] ?? defaultLabels;
  return requirements.map((r) => {
    const field = labels.aliases?.[r.field] ?? r.field;
    if (!labels.supported.includes(field)) throw new SelectorError(labels.refusal(r.field));
    return { ...r, field };
  });
}
