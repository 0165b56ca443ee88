/**
 * flowcontrol.apiserver.k8s.io/v1 defaults (SetDefaults_FlowSchemaSpec, ..._LimitedPriorityLevelConfiguration,
 * ..._ExemptPriorityLevelConfiguration, ..._QueuingConfiguration): matchingPrecedence 1000, 30 nominal
 * shares and nothing lendable for limited levels, 64 queues, hands of 8 and queues of 50 requests.
 */
import { isPlainObject } from '../../object.js';
import type { KubeObject } from '../../object.js';

/** Fills a FlowSchema's defaults in place. */
export function defaultFlowSchema(flowSchema: KubeObject): void {
  if (!isPlainObject(flowSchema.spec)) flowSchema.spec = {};
  if (!flowSchema.spec.matchingPrecedence) flowSchema.spec.matchingPrecedence = 1000;
}

/** Fills a PriorityLevelConfiguration's defaults in place. */
export function defaultPriorityLevelConfiguration(level: KubeObject): void {
  const spec = level.spec;
  if (isPlainObject(spec?.limited)) {
    spec.limited.nominalConcurrencyShares ??= 30;
    spec.limited.lendablePercent ??= 0;
    const queuing = spec.limited.limitResponse?.queuing;
    if (isPlainObject(queuing)) {
      if (!queuing.handSize) queuing.handSize = 8;
      if (!queuing.queues) queuing.queues = 64;
      if (!queuing.queueLengthLimit) queuing.queueLengthLimit = 50;
    }
  }
  if (isPlainObject(spec?.exempt)) {
    spec.exempt.nominalConcurrencyShares ??= 0;
    spec.exempt.lendablePercent ??= 0;
  }
}
