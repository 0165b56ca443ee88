/**
 * The Priority admission plugin's global default: the class pods without a
 * priorityClassName get, and the rule that only one class may claim it.
 */
import type { KubeObject } from '../../object.js';
import type { PriorityClass } from '../../typed-objects.js';

/** The globalDefault class; if a race left several, the lowest value wins, as in Kubernetes. */
export function globalDefaultClass(classes: readonly KubeObject[]): PriorityClass | undefined {
  return (classes as readonly PriorityClass[])
    .filter((c) => c.globalDefault === true)
    .reduce<PriorityClass | undefined>((lowest, c) => (lowest === undefined || Number(lowest.value) > Number(c.value) ? c : lowest), undefined);
}

/**
 * Why a class may not be written as globalDefault while another class already is
 * (undefined when it may); the class itself may stay the default on update.
 */
export function secondGlobalDefaultRefusal(priorityClass: KubeObject, classes: readonly KubeObject[]): string | undefined {
  if ((priorityClass as PriorityClass).globalDefault !== true) return undefined;
  const existing = globalDefaultClass(classes);
  if (!existing || existing.metadata.name === priorityClass.metadata.name) return undefined;
  return `PriorityClass ${existing.metadata.name} is already marked as default. Only one default can exist`;
}
