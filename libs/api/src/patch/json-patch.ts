/**
 * RFC 6902 JSON patch (`application/json-patch+json`), what `kubectl patch --type json`
 * sends. Errors read like the ones kube-apiserver returns for the same mistakes.
 */
import { cloneJson, isPlainObject } from '../object.js';
import { jsonEqual } from './json-equal.js';
import { parseJsonPointer } from './json-pointer.js';
import { setOwn } from './own-fields.js';
import { PatchError } from './patch-error.js';

const operationKinds = ['add', 'remove', 'replace', 'move', 'copy', 'test'] as const;
type OperationKind = (typeof operationKinds)[number];

interface Operation {
  op: OperationKind;
  path: string;
  from: string;
  value: unknown;
}

/** Marks a pointer that leads nowhere (distinct from a JSON null that is there). */
const MISSING = Symbol('missing');

/**
 * Applies a list of JSON patch operations in order and returns the patched document.
 * The first operation that cannot apply throws PatchError; inputs are never changed.
 */
export function applyJsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) {
    throw new PatchError('a JSON patch must be a list of operations');
  }
  let document = cloneJson(target);
  for (const raw of operations) document = applyOperation(document, readOperation(raw));
  return document;
}

/** Checks one operation object's shape, with the fields its kind needs. */
function readOperation(raw: unknown): Operation {
  if (!isPlainObject(raw)) throw new PatchError(`invalid JSON patch operation: ${JSON.stringify(raw)}`);
  const op: unknown = raw.op;
  if (!isOperationKind(op)) throw new PatchError(`Unexpected kind: ${typeof op === 'string' ? op : 'unknown'}`);
  const path: unknown = raw.path;
  if (typeof path !== 'string') throw new PatchError(`${op} operation missing path field: missing value`);
  const from: unknown = raw.from;
  const needsFrom = op === 'move' || op === 'copy';
  if (needsFrom && typeof from !== 'string') {
    throw new PatchError(`${op} operation missing from field: missing value`);
  }
  if ((op === 'add' || op === 'replace' || op === 'test') && !Object.hasOwn(raw, 'value')) {
    throw new PatchError(`${op} operation missing value field: missing value`);
  }
  return { op, path, from: needsFrom ? (from as string) : '', value: raw.value };
}

function isOperationKind(value: unknown): value is OperationKind {
  return operationKinds.some((kind) => kind === value);
}

/** Applies one operation to a document this module owns; returns the (possibly new) root. */
function applyOperation(document: unknown, operation: Operation): unknown {
  const { op, path, from } = operation;
  switch (op) {
    case 'add':
      return addAt(document, path, cloneJson(operation.value), op);
    case 'remove':
      removeAt(document, path, op);
      return document;
    case 'replace':
      return replaceAt(document, path, cloneJson(operation.value));
    case 'move':
      return moveTo(document, from, path);
    case 'copy':
      return addAt(document, path, cloneJson(valueAtOrThrowFrom(document, from, op)), op);
    case 'test':
      testAt(document, path, operation.value);
      return document;
  }
}

function addAt(document: unknown, path: string, value: unknown, op: OperationKind): unknown {
  const tokens = parseJsonPointer(path);
  if (tokens.length === 0) return value;
  const parent = valueAt(document, tokens.slice(0, -1));
  const key = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : arrayIndex(key);
    if (index === undefined || index > parent.length) {
      throw new PatchError(`error in ${op} for path: "${path}": Unable to access invalid index: ${key}: invalid index referenced`);
    }
    parent.splice(index, 0, value);
  } else if (isPlainObject(parent)) {
    setOwn(parent, key, value);
  } else {
    throw missingPath(op, path);
  }
  return document;
}

function removeAt(document: unknown, path: string, op: OperationKind): unknown {
  const tokens = parseJsonPointer(path);
  if (tokens.length === 0) throw new PatchError(`${op} operation does not apply: cannot remove the document root`);
  const parent = valueAt(document, tokens.slice(0, -1));
  const key = tokens[tokens.length - 1];
  const removed = childOf(parent, key);
  if (removed === MISSING) throw missingPath(op, path);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete (parent as Record<string, unknown>)[key];
  return removed;
}

function replaceAt(document: unknown, path: string, value: unknown): unknown {
  const tokens = parseJsonPointer(path);
  if (tokens.length === 0) return value;
  const parent = valueAt(document, tokens.slice(0, -1));
  const key = tokens[tokens.length - 1];
  if (childOf(parent, key) === MISSING) throw missingPath('replace', path);
  if (Array.isArray(parent)) parent[Number(key)] = value;
  else setOwn(parent as Record<string, unknown>, key, value);
  return document;
}

function moveTo(document: unknown, from: string, path: string): unknown {
  valueAtOrThrowFrom(document, from, 'move');
  if (path === from) return document;
  if (path.startsWith(`${from}/`)) {
    throw new PatchError(`move operation does not apply: cannot move "${from}" into its own child "${path}"`);
  }
  const value = removeAt(document, from, 'move');
  return addAt(document, path, value, 'move');
}

function testAt(document: unknown, path: string, expected: unknown): void {
  const actual = valueAt(document, parseJsonPointer(path));
  if (actual === MISSING || !jsonEqual(actual, expected)) {
    throw new PatchError(`testing value ${path} failed: test failed`);
  }
}

function valueAtOrThrowFrom(document: unknown, from: string, op: OperationKind): unknown {
  const value = valueAt(document, parseJsonPointer(from));
  if (value === MISSING) {
    throw new PatchError(`${op} operation does not apply: doc is missing from path: "${from}": missing value`);
  }
  return value;
}

function valueAt(document: unknown, tokens: readonly string[]): unknown {
  let current = document;
  for (const token of tokens) {
    current = childOf(current, token);
    if (current === MISSING) return MISSING;
  }
  return current;
}

function childOf(container: unknown, token: string): unknown {
  if (Array.isArray(container)) {
    const index = arrayIndex(token);
    return index !== undefined && index < container.length ? container[index] : MISSING;
  }
  if (isPlainObject(container)) return Object.hasOwn(container, token) ? container[token] : MISSING;
  return MISSING;
}

/** An array index token as RFC 6901 allows it: digits, no leading zero, no sign. */
function arrayIndex(token: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}

function missingPath(op: OperationKind, path: string): PatchError {
  return new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
}
