/** The ReplicationController kind: a new one starts with an empty status, and its Scale's selector is its plain label map as text. */
import type { KubeObject } from '../../object.js';
import type { ReplicationController } from '../../typed-objects.js';
import { emptyStatus, strategy, type KindStrategy } from '../strategy.js';

function labelMapSelector(obj: KubeObject): string {
  const selector = (obj as ReplicationController).spec?.selector;
  if (!selector) return '';
  return Object.entries(selector).map(([k, v]) => `${k}=${v}`).sort().join(',');
}

/** The ReplicationController kind's strategy. */
export const replicationControllerStrategy: KindStrategy = strategy({ prepareForCreate: emptyStatus, scaleSelector: labelMapSelector });
