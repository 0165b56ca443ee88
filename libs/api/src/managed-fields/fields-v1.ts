/**
 * The FieldsV1 encoding of a field set, as metadata.managedFields stores it: nested
 * JSON objects keyed `f:`/`k:`/`v:`/`i:`, `{}` for a leaf, and `.` for a path that is
 * owned itself and also has owned paths below it (fieldpath/serialize.go).
 */
import { isPlainObject, type Json } from '../object.js';
import { FieldSet } from './field-set.js';
import { parsePathElement, type PathElement } from './path-element.js';

type FieldsV1 = { readonly [key: string]: FieldsV1 };

/**
 * Encodes a set, with keys in structured-merge-diff's order. The result is frozen and shares its nodes with every
 * other encoding that has them (see sharedNode).
 */
export function encodeFieldsV1(set: FieldSet): FieldsV1 {
  return encodeNode(set, false);
}

/**
 * The encoding of each set encoded while it lives (a set never changes), and of each set below a member (with its `.`):
 * a manager whose fields a write left alone keeps its set, and its encoding; one whose write added a field keeps every
 * part of its set the field is not under (FieldSet's operations give back the parts they leave as they were), and their
 * encodings.
 */
const encodedSets = new WeakMap<FieldSet, FieldsV1>();
const encodedWithSelf = new WeakMap<FieldSet, FieldsV1>();

/**
 * Encoded nodes in use, by their keys and their children's ids, the most recently used last. The pods of one
 * ReplicaSet, the Events of one kubelet, own the same fields: held as a tree per object, managedFields were most of
 * what the api-server kept of 10,000 pods. Keyed by the node's own keys, never by the text of the whole tree.
 */
const sharedNodes = new Map<string, FieldsV1>();
const sharedNodesKept = 4096;
const nodeIds = new WeakMap<FieldsV1, number>();
let nextNodeId = 1;
const emptyNode: FieldsV1 = Object.freeze({});
nodeIds.set(emptyNode, 0);

/** The node equal to `node` that encodings already hold, or `node` itself, frozen, as the one to share from now on. */
function sharedNode(node: Record<string, FieldsV1>): FieldsV1 {
  const entries = Object.entries(node);
  if (entries.length === 0) return emptyNode;
  const key = entries.map(([name, child]) => `${name}\u0000${nodeIds.get(child)}`).join('\u0001');
  const found = sharedNodes.get(key);
  if (found) {
    sharedNodes.delete(key);
    sharedNodes.set(key, found);
    return found;
  }
  if (sharedNodes.size >= sharedNodesKept) sharedNodes.delete(sharedNodes.keys().next().value!);
  nodeIds.set(Object.freeze(node), nextNodeId++);
  sharedNodes.set(key, node);
  return node;
}

/** `fields` with its nodes shared as encodings share theirs; a value that is not FieldsV1 is returned as it is. */
function sharedFieldsV1(fields: unknown): unknown {
  if (!isPlainObject(fields)) return fields;
  const out: Record<string, FieldsV1> = {};
  for (const [name, child] of Object.entries(fields)) {
    const shared = sharedFieldsV1(child);
    if (name === '__proto__' || !nodeIds.has(shared as FieldsV1)) return fields;
    out[name] = shared as FieldsV1;
  }
  return sharedNode(out);
}

/**
 * Makes the managedFields of an object just read from the event log share their FieldsV1 nodes, as the ones the
 * api-server encodes do: loaded at start-up, 10,000 pods would otherwise hold a tree each again. It changes the
 * entries of `object` in place, so it is for an object nothing else holds yet.
 */
export function shareManagedFields<T extends { metadata?: { managedFields?: unknown } }>(object: T): T {
  const entries = object.metadata?.managedFields;
  if (Array.isArray(entries)) for (const entry of entries) if (isPlainObject(entry) && 'fieldsV1' in entry) entry.fieldsV1 = sharedFieldsV1(entry.fieldsV1) as Json;
  return object;
}

function encodeNode(set: FieldSet, includeSelf: boolean): FieldsV1 {
  const encodings = includeSelf ? encodedWithSelf : encodedSets;
  let encoded = encodings.get(set);
  if (!encoded) encodings.set(set, (encoded = encodeNewNode(set, includeSelf)));
  return encoded;
}

function encodeNewNode(set: FieldSet, includeSelf: boolean): FieldsV1 {
  const out: Record<string, FieldsV1> = {};
  if (includeSelf && !set.isEmpty()) out['.'] = emptyNode;
  for (const { id, member, below } of set.nodeElements()) out[id] = below.isEmpty() ? emptyNode : encodeNode(below, member);
  return sharedNode(out);
}

/**
 * The sets shared encodings were last decoded to, node by node, the most recently used last. A shared node never changes
 * (it is frozen) and stands for one set wherever it is held: a kubelet's status report decodes the pod's managedFields
 * that the report before it left, and most of their nodes are every pod's (the conditions a kubelet owns), so a set
 * decoded anew still shares them, and their encodings. Only so many: a set is a tree of maps, and kept beside every
 * pod's managedFields they took 90 MiB more of the api-server at 10,000 pods (496 against 407 MiB).
 */
const decodedNodes = new Map<FieldsV1, FieldSet>();
const decodedNodesKept = 4096;

/** Decodes FieldsV1; throws an Error saying what is wrong with it. */
export function decodeFieldsV1(fields: unknown): FieldSet {
  if (!isPlainObject(fields)) throw new Error('FieldsV1 must be a JSON object');
  return decodeNode(fields, true);
}

/** The set below one node: its keys, each a member when its node is empty or holds `.`, and a child when it holds more. */
function decodeNode(node: Record<string, unknown>, root: boolean): FieldSet {
  const shared = nodeIds.has(node as FieldsV1) && !(root && '.' in node) ? (node as FieldsV1) : undefined;
  const known = shared && decodedNodes.get(shared);
  if (known) {
    decodedNodes.delete(shared);
    decodedNodes.set(shared, known);
    return known;
  }
  const members: PathElement[] = [];
  const children: { element: PathElement; set: FieldSet }[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === '.') {
      if (root) throw new Error('`.` at the root of FieldsV1');
      continue;
    }
    if (!isPlainObject(value)) throw new Error(`expected an object for ${key}`);
    const element = parsePathElement(key);
    const keys = Object.keys(value);
    const below = keys.filter((inner) => inner !== '.').length;
    if (below < keys.length || keys.length === 0) members.push(element);
    if (below > 0) children.push({ element, set: decodeNode(value, false) });
  }
  const set = FieldSet.node(members, children);
  if (shared) {
    if (decodedNodes.size >= decodedNodesKept) decodedNodes.delete(decodedNodes.keys().next().value!);
    decodedNodes.set(shared, set);
  }
  return set;
}
