/**
 * apps/v1 DaemonSet defaults (SetDefaults_DaemonSet): a RollingUpdate strategy replacing one
 * pod at a time without surge, ten kept revisions, and template defaults.
 */
import { isPlainObject } from '../../object.js';
import type { DaemonSet } from '../../typed-objects.js';
import { objectField } from './object-field.js';
import { defaultPodTemplate } from './pod-template.js';

/** Fills a DaemonSet's defaults in place. */
export function defaultDaemonSet(daemonSet: DaemonSet): void {
  const spec = objectField(daemonSet, 'spec');
  const strategy = objectField(spec, 'updateStrategy');
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = objectField(strategy, 'rollingUpdate');
    rollingUpdate.maxUnavailable ??= 1;
    rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(spec.template);
  if (!isPlainObject(daemonSet.status)) {
    daemonSet.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
  }
}
