/**
 * Ownership bookkeeping of server-side apply (structured-merge-diff's merge.Updater and
 * kube-apiserver's managers around it), as pure functions of the live object, the new
 * object or applied config, and the managers:
 *
 * - An Update (create, PUT, non-apply PATCH) takes the fields it added or changed from
 *   everyone else, never conflicts, and adds them to its own entry; removed fields leave
 *   every entry.
 * - An Apply owns exactly the fields of its config. Fields it applied last time and no
 *   longer applies are pruned from the object unless another manager owns them. Fields it
 *   changes that other managers own are conflicts, unless forced, which moves them.
 */
import { jsonEqual } from '../patch/json-equal.js';
import { compareObjects } from './compare-objects.js';
import { FieldSet } from './field-set.js';
import type { TypeNode } from './field-types.js';
import { identityOf, type ManagerEntry, type ManagerId, type Managers } from './managers.js';
import { mergeObjects } from './merge-objects.js';
import { withNamedFieldsAsMembers } from './named-fields.js';
import type { FieldPath } from './path-element.js';
import { removeFields } from './remove-fields.js';
import { toFieldSet } from './to-field-set.js';

/** What the write is and where it may not own anything (the strategy's reset fields). */
export interface Write {
  type: TypeNode;
  ignored: FieldSet;
  now: string;
}

/** One field another manager owns that the apply would change. */
export interface Conflict {
  manager: string;
  path: FieldPath;
}

/** Thrown when an apply conflicts and is not forced. */
export class ApplyConflicts extends Error {
  constructor(readonly conflicts: readonly Conflict[]) {
    super(`${conflicts.length} conflicts`);
  }
}

/** Fields no manager ever owns: identity and server-set metadata (stripmeta.go). */
const stripped = FieldSet.of(
  [['apiVersion'], ['kind'], ['metadata'], ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((f) => ['metadata', f])].map(
    (path) => path.map((field) => ({ field })),
  ),
);

/** The managers after an Update by `who` that turned `live` into `next`. */
export function recordUpdate(live: unknown, next: unknown, managers: Managers, who: ManagerId, write: Write): Map<string, ManagerEntry> {
  const comparison = compareObjects(live, next, write.type);
  const changed = comparison.added.union(comparison.modified).recursiveDifference(write.ignored);
  const removed = comparison.removed.recursiveDifference(write.ignored);
  const result = takeFromOthers(managers, undefined, changed, removed);
  const taken = changed.difference(stripped);
  if (taken.isEmpty()) return result;
  const id = identityOf(who);
  const previous = result.get(id)?.set ?? FieldSet.empty;
  result.set(id, { ...who, set: previous.union(taken), time: write.now });
  return result;
}

/** The result of an Apply: the new object (the live one when nothing changed) and the managers. */
export interface Applied {
  object: unknown;
  managers: Map<string, ManagerEntry>;
  changed: boolean;
}

/** Applies `config` for `who` over `live`; throws ApplyConflicts unless `force`. */
export function recordApply(live: unknown, config: unknown, managers: Managers, who: ManagerId, force: boolean, write: Write): Applied {
  const id = identityOf(who);
  const merged = mergeObjects(live, config, write.type);
  const last = managers.get(id);
  const owned = toFieldSet(config, write.type).recursiveDifference(write.ignored);
  const withApplier = new Map(managers).set(id, { ...who, set: owned, time: last?.time });
  const object = prune(merged, withApplier, last?.set ?? FieldSet.empty, write.type) ?? {};
  const comparison = compareObjects(live, object, write.type);
  const changedFields = comparison.added.union(comparison.modified).recursiveDifference(write.ignored);
  const conflicts = conflictsWith(withApplier, id, changedFields);
  if (conflicts.length > 0 && !force) throw new ApplyConflicts(conflicts);
  const result = takeFromOthers(withApplier, id, changedFields, comparison.removed.recursiveDifference(write.ignored));
  const changed = !jsonEqual(live, object);
  const set = owned.difference(stripped);
  if (set.isEmpty()) result.delete(id);
  else result.set(id, { ...who, set, time: changed ? write.now : last?.time });
  return { object: changed ? object : live, managers: result, changed };
}

function conflictsWith(managers: Managers, applier: string, changed: FieldSet): Conflict[] {
  return [...managers.entries()]
    .filter(([id]) => id !== applier)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([id, entry]) => entry.set.intersection(changed).paths().map((path) => ({ manager: id, path })));
}

/** Other managers lose what the writer changed and everything that was removed; empty entries go. */
function takeFromOthers(managers: Managers, writer: string | undefined, changed: FieldSet, removed: FieldSet): Map<string, ManagerEntry> {
  const result = new Map<string, ManagerEntry>();
  for (const [id, entry] of managers) {
    const set = id === writer ? entry.set : entry.set.difference(entry.set.intersection(changed)).difference(removed);
    if (!set.isEmpty()) result.set(id, { ...entry, set });
  }
  return result;
}

/**
 * Removes what the applier applied last time and no longer applies, unless someone
 * (the applier's new config included) owns it, or it was never the applier's.
 */
function prune(merged: unknown, managers: Managers, last: FieldSet, type: TypeNode): unknown {
  if (last.isEmpty()) return merged;
  const named = (set: FieldSet) => withNamedFieldsAsMembers(set, type);
  const fieldsOf = (value: unknown) => named(value === undefined ? FieldSet.empty : toFieldSet(value, type));
  const lastNamed = named(last);
  const owned = named([...managers.values()].reduce((all, m) => all.union(m.set), FieldSet.empty));
  const mergedFields = fieldsOf(merged);
  const pruned = removeFields(merged, lastNamed, type);
  const ownedBack = removeFields(merged, mergedFields.difference(fieldsOf(pruned).union(owned)), type);
  return removeFields(merged, mergedFields.difference(fieldsOf(ownedBack)).intersection(lastNamed), type);
}
