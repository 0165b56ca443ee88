/**
 * core/v1 ReplicationController defaults (SetDefaults_ReplicationController): an empty
 * selector and empty object labels are taken from the template's labels, one replica,
 * and the pod template defaults.
 */
import { isPlainObject } from '../../object.js';
import type { ReplicationController } from '../../typed-objects.js';
import { objectField } from './object-field.js';
import { defaultPodTemplate } from './pod-template.js';

const isEmptyMap = (value: unknown) => !isPlainObject(value) || Object.keys(value).length === 0;

/** Fills a ReplicationController's defaults in place. */
export function defaultReplicationController(controller: ReplicationController): void {
  const spec = objectField(controller, 'spec');
  const labels = isPlainObject(spec.template) && isPlainObject(spec.template.metadata) ? spec.template.metadata.labels : undefined;
  if (isPlainObject(labels)) {
    if (isEmptyMap(spec.selector)) spec.selector = { ...labels };
    if (isEmptyMap(controller.metadata.labels)) controller.metadata.labels = { ...labels };
  }
  spec.replicas ??= 1;
  defaultPodTemplate(spec.template);
  if (!isPlainObject(controller.status)) controller.status = { replicas: 0 };
}
