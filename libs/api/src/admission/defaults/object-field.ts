/**
 * The step most defaulting functions start with: a field that must hold an object (a spec, a
 * strategy, a status) becomes an empty one when the request left it out or sent something else,
 * and is then filled in place. Defaulting runs before validation, so the empty object may lack
 * fields its kind requires (a Deployment's selector, a Job's template): validation reports them.
 */
import { isPlainObject } from '../../object.js';

/** `holder[field]`, replaced by `{}` first unless it already is a plain object. */
export function objectField<T extends object, K extends keyof T>(holder: T, field: K): NonNullable<T[K]> {
  if (!isPlainObject(holder[field])) holder[field] = {} as NonNullable<T[K]>;
  return holder[field] as NonNullable<T[K]>;
}
