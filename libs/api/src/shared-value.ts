/**
 * One copy of the small values a cache of many objects holds over and over: the labels, owner
 * reference and container requests of a ReplicaSet's thousand pods, parsed from a thousand events,
 * are a thousand equal objects until shared, and JSON.parse gives each pod its own copy of every
 * string ("IfNotPresent", "node.kubernetes.io/not-ready", its node's IP). Bounded, so values
 * nothing uses any more are forgotten.
 */

/**
 * Values by key in two generations: one found in the older is carried into the newer; once the
 * newer is full it becomes the older and the older is forgotten. What is in use stays, at the cost
 * of two map reads, without the reordering of an LRU on every hit.
 */
class Pool<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly kept: number) {}

  /** The value kept under `key`, or `value`, kept from now on. */
  shared(key: string, value: V, keep: (value: V) => V = (v) => v): V {
    const young = this.young.get(key);
    if (young !== undefined) return young;
    const found = this.old.get(key) ?? keep(value);
    if (this.young.size >= this.kept) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, found);
    return found;
  }
}

const sharedValues = new Pool<unknown>(4096);
const sharedStrings = new Pool<string>(16384);
/** Longer strings (an annotation's JSON, a certificate) are seldom repeated and would make long keys. */
const sharedStringMaxLength = 256;

/** `value` without its undefined members: what a shared value is made of (its key is its JSON, which drops them). */
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

/**
 * The value equal to `value` (as JSON: no member may be undefined) that was shared before, or `value`
 * itself, deeply frozen, as the one to share from now on. Whoever holds a shared value must not change
 * it: it is frozen so that a change throws instead of reaching every object that holds it.
 */
export function sharedValue<T>(value: T): T {
  if (value === undefined || value === null) return value;
  const key = typeof value === 'string' ? `s${value}` : `j${JSON.stringify(value)}`;
  return sharedValues.shared(key, value, deepFreeze) as T;
}

/**
 * Replaces, in place, every string of a freshly parsed object by an equal one already in use: equal
 * strings cannot be told apart, so whoever reads or changes the object sees no difference. A frozen
 * value inside it is left as it is: it is one already shared (sharedValue, shared managedFields).
 */
export function shareStrings<T>(object: T): T {
  if (object === null || typeof object !== 'object' || Object.isFrozen(object)) return object;
  if (Array.isArray(object)) {
    for (let i = 0; i < object.length; i++) object[i] = shareMember(object[i]);
  } else {
    const record = object as Record<string, unknown>;
    for (const key in record) record[key] = shareMember(record[key]);
  }
  return object;
}

function shareMember(value: unknown): unknown {
  if (typeof value === 'string') return value.length <= sharedStringMaxLength ? sharedStrings.shared(value, value) : value;
  return typeof value === 'object' ? shareStrings(value) : value;
}

/**
 * `object` (changed in place, as shareStrings) with each condition of its status replaced by the equal one in use,
 * shared and frozen as sharedValue shares: a pod's five conditions differ from another's only by the second of their
 * lastTransitionTime, so the pods that started in the same second hold one set instead of five objects each.
 */
export function shareConditions<T extends object>(object: T): T {
  const { status } = object as { status?: { conditions?: unknown } };
  if (status && Array.isArray(status.conditions)) status.conditions = status.conditions.map((condition: unknown) => sharedValue(condition));
  return object;
}
