/**
 * validateAndParseSelector (horizontal.go): the selector of the target's scale must be
 * there, must parse, and the pods it selects must be autoscaled by this HPA alone
 * (judged with the selectors of the other HPAs of the namespace as their last syncs saw
 * them). Each refusal comes with its Warning event and ScalingActive condition.
 */
import { matchesLabels, parseLabelSelector, type LabelRequirement, type Pod } from '@kubelab/api';
import type { HpaConditionChange } from './hpa-conditions.js';
import type { HpaEvent } from './hpa-event.js';

/** The parsed selector, or the refusal: its error, event and condition. */
export type SelectorVerdict =
  | { requirements: LabelRequirement[] }
  | { error: string; event: HpaEvent; condition: HpaConditionChange };

function refusal(reason: string, eventMessage: string, conditionMessage: string): SelectorVerdict {
  return {
    error: eventMessage,
    event: { eventType: 'Warning', reason, message: eventMessage },
    condition: { type: 'ScalingActive', status: 'False', reason: 'InvalidSelector', message: conditionMessage },
  };
}

/**
 * Judges `selector` for the HPA `key` ("namespace/name"); `pods` are the namespace's pods and
 * `selectors` the last seen selector text of each HPA by key (this one's included).
 */
export function validateHpaSelector(key: string, selector: string, pods: readonly Pod[], selectors: ReadonlyMap<string, string>): SelectorVerdict {
  if (selector === '') return refusal('SelectorRequired', 'selector is required', "the HPA target's scale is missing a selector");
  let requirements: LabelRequirement[];
  try {
    requirements = parseLabelSelector(selector);
  } catch (e) {
    const message = `couldn't convert selector into a corresponding internal selector object: ${(e as Error).message}`;
    return refusal('InvalidSelector', message, message);
  }
  const namespace = key.slice(0, key.indexOf('/'));
  const others = [...selectors].filter(([other]) => other !== key && other.startsWith(`${namespace}/`)).flatMap(([other, text]) => {
    try {
      return [{ other, requirements: parseLabelSelector(text) }];
    } catch {
      return [];
    }
  });
  const controlling = new Set<string>();
  for (const pod of pods) {
    if (!matchesLabels(requirements, pod.metadata.labels ?? {})) continue;
    controlling.add(key);
    for (const { other, requirements: theirs } of others) if (matchesLabels(theirs, pod.metadata.labels ?? {})) controlling.add(other);
  }
  if (controlling.size > 1) {
    const message = `pods by selector ${selector} are controlled by multiple HPAs: [${[...controlling].sort().join(' ')}]`;
    return { error: message, event: { eventType: 'Warning', reason: 'AmbiguousSelector', message }, condition: { type: 'ScalingActive', status: 'False', reason: 'AmbiguousSelector', message } };
  }
  return { requirements };
}
