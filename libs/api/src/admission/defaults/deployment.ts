/**
 * apps/v1 Deployment defaults (SetDefaults_Deployment): one replica, a 25%/25% rolling
 * update, ten kept revisions, a 600s progress deadline, and template defaults.
 */
import { isPlainObject } from '../../object.js';
import type { Deployment } from '../../typed-objects.js';
import { objectField } from './object-field.js';
import { defaultPodTemplate } from './pod-template.js';

/** Fills a Deployment's defaults in place. */
export function defaultDeployment(deployment: Deployment): void {
  const spec = objectField(deployment, 'spec');
  spec.replicas ??= 1;
  const strategy = objectField(spec, 'strategy');
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = objectField(strategy, 'rollingUpdate');
    rollingUpdate.maxUnavailable ??= '25%';
    rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplate(spec.template);
  if (!isPlainObject(deployment.status)) deployment.status = {};
}
