/**
 * Node validation (ValidateNode / ValidateNodeUpdate): names, taints, resource
 * quantities in status, and the fields that may only be set once (podCIDRs, providerID).
 */
import type { NodeSpec, NodeStatus, Taint } from 'kubernetes-types/core/v1';
import type { Node } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { duplicate, forbiddenField, invalidValue, notSupported, required } from '../../field-errors.js';
import { child, index } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { isQualifiedName, isValidLabelValue, nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { parseQuantityField, validateQuantityValue } from './resources.js';
import { semanticEqual } from './semantic-equal.js';

const META: MetaRules = { namespaced: false, name: nameIsDNSSubdomain, kubeFinalizers: true };
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validateNodeTaints; Kubernetes reports them under metadata.taints, and so do we. */
function validateTaints(taints: Taint[] | undefined): FieldError[] {
  const seen = new Set<string>();
  return listOf(taints).flatMap((taint, i) => {
    const path = index('metadata.taints', i);
    const keyName = String(taint?.key ?? '');
    const value = String(taint?.value ?? '');
    const errors = isQualifiedName(keyName).map((message) => invalidValue(child(path, 'key'), keyName, message));
    const valueErrors = isValidLabelValue(value);
    if (valueErrors.length > 0) errors.push(invalidValue(child(path, 'value'), value, valueErrors.join(';')));
    if (!taint?.effect) errors.push(required(child(path, 'effect')));
    else if (!EFFECTS.includes(taint.effect)) errors.push(notSupported(child(path, 'effect'), taint.effect, EFFECTS));
    const signature = `${taint?.effect ?? ''}/${keyName}`;
    if (seen.has(signature)) errors.push(duplicate(path, taint));
    seen.add(signature);
    return errors;
  });
}

function validateResources(status: NodeStatus | undefined): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ['capacity', 'allocatable'] as const) {
    const resources = status?.[field];
    for (const [name, value] of Object.entries(isStruct(resources) ? resources : {})) {
      const path = child('status', field, name);
      const quantity = parseQuantityField(value, path, errors);
      if (quantity) errors.push(...validateQuantityValue(name, quantity, path));
    }
  }
  return errors;
}

/** Checks a Node being created. */
export function validateNodeCreate(node: Node): FieldError[] {
  return [...validateObjectMeta(node.metadata, META), ...validateTaints(node.spec?.taints), ...validateResources(node.status)];
}

/** Checks a Node update: podCIDRs and providerID may only go from unset to set. */
export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const spec: NodeSpec = node.spec ?? {};
  const oldSpec: NodeSpec = old.spec ?? {};
  const errors = [...validateObjectMetaUpdate(node.metadata, old.metadata, META), ...validateResources(node.status)];
  const oldCIDRs = listOf(oldSpec.podCIDRs);
  if (oldCIDRs.length > 0 && !semanticEqual(spec.podCIDRs, oldCIDRs)) {
    errors.push(forbiddenField('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
  }
  if (oldSpec.providerID && oldSpec.providerID !== spec.providerID) {
    errors.push(forbiddenField('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  errors.push(...validateTaints(spec.taints));
  return errors;
}
