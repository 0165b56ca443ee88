/**
 * ResourceList defaulting (SetDefaults_ResourceList plus the API's canonical printing):
 * every quantity rounded up to milli precision and spelled as Kubernetes returns it.
 */
import { isPlainObject } from '../../object.js';
import { formatQuantity, quantityError, roundUpToMilli, toQuantity } from '../quantity.js';

/** Rewrites the parseable quantities of a resource list in place (others are left for validation to report). */
export function canonicalizeResourceList(list: unknown): void {
  if (!isPlainObject(list)) return;
  for (const [name, value] of Object.entries(list)) {
    if (quantityError(value) === undefined) list[name] = formatQuantity(roundUpToMilli(toQuantity(value)));
  }
}
