/** `kubectl get priorityclasses`: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY. */
import type { PriorityClass } from '../typed-objects.js';
import { ageColumn, column, nameColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';

/** Prints PriorityClasses, with the column set and descriptions of kube-apiserver 1.32. */
export const priorityClassPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column(
      'Value',
      'value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.',
      { type: 'integer' },
    ),
    column(
      'Global-Default',
      'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class. Only one PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses exists with their `globalDefault` field set to true, the smallest value of such global default PriorityClasses will be used as the default priority.',
      { type: 'boolean' },
    ),
    ageColumn,
    column(
      'PreemptionPolicy',
      'preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.',
    ),
  ],
  print(obj, now) {
    const priorityClass = obj as PriorityClass;
    return {
      cells: [
        priorityClass.metadata?.name ?? '',
        priorityClass.value ?? 0,
        priorityClass.globalDefault ?? false,
        ageSince(priorityClass.metadata?.creationTimestamp, now),
        priorityClass.preemptionPolicy ?? '',
      ],
    };
  },
};
