/** The PriorityClass kind: no generation, and the Priority plugin's validating half allows at most one globalDefault class. */
import { secondGlobalDefaultRefusal } from '../../admission/priority/global-default.js';
import type { KubeObject } from '../../object.js';
import { forbidden } from '../../status.js';
import { strategy, type KindStrategy, type KindWrite } from '../strategy.js';

function checkGlobalDefault(priorityClass: KubeObject, w: KindWrite): void {
  const refusal = secondGlobalDefaultRefusal(priorityClass, w.view.list('PriorityClass'));
  if (refusal) throw forbidden(w.resource, priorityClass.metadata.name ?? priorityClass.metadata.generateName ?? '', refusal);
}

/** The PriorityClass kind's strategy. */
export const priorityClassStrategy: KindStrategy = strategy({
  generation: false,
  checkCreate: checkGlobalDefault,
  checkUpdate: (next, _current, w) => checkGlobalDefault(next, w),
});
