/**
 * flowcontrol.apiserver.k8s.io/v1 defaults (SetDefaults_FlowSchemaSpec, ..._LimitedPriorityLevelConfiguration,
 * ..._ExemptPriorityLevelConfiguration, ..._QueuingConfiguration): matchingPrecedence 1000, 30 nominal
 * shares and nothing lendable for limited levels, 64 queues, hands of 8 and queues of 50 requests.
 */
import type { FlowSchema as FlowSchemaOfTypes, PriorityLevelConfiguration as PriorityLevelConfigurationOfTypes } from 'kubernetes-types/flowcontrol/v1';
import { isPlainObject } from '../../object.js';
import type { Typed } from '../../typed-objects.js';
import { objectField } from './object-field.js';

type FlowSchema = Typed<FlowSchemaOfTypes>;
type PriorityLevelConfiguration = Typed<PriorityLevelConfigurationOfTypes>;

/** Fills a FlowSchema's defaults in place. */
export function defaultFlowSchema(flowSchema: FlowSchema): void {
  const spec = objectField(flowSchema, 'spec');
  if (!spec.matchingPrecedence) spec.matchingPrecedence = 1000;
}

/** Fills a PriorityLevelConfiguration's defaults in place. */
export function defaultPriorityLevelConfiguration(level: PriorityLevelConfiguration): void {
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
