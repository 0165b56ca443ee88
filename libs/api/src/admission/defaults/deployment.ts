/**
 * apps/v1 Deployment defaults (SetDefaults_Deployment): one replica, a 25%/25% rolling
 * update, ten kept revisions, a 600s progress deadline, and template defaults.
 */
import { isPlainObject } from '../../object.js';
import type { KubeObject } from '../../object.js';
import { defaultPodTemplate } from './pod-template.js';

/** Fills a Deployment's defaults in place. */
export function defaultDeployment(deployment: KubeObject): void {
  if (!isPlainObject(deployment.spec)) deployment.spec = {};
  const spec = deployment.spec;
  spec.replicas ??= 1;
  if (!isPlainObject(spec.strategy)) spec.strategy = {};
  spec.strategy.type ||= 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    if (!isPlainObject(spec.strategy.rollingUpdate)) spec.strategy.rollingUpdate = {};
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplate(spec.template);
  if (!isPlainObject(deployment.status)) deployment.status = {};
}
