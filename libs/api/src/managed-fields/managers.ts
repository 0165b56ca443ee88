/**
 * metadata.managedFields in memory and on the wire. Each entry is one manager: the
 * same name with another operation or subresource (or, for Update, another apiVersion)
 * is another manager, as BuildManagerIdentifier makes it.
 */
import { isPlainObject } from '../object.js';
import { FieldSet } from './field-set.js';
import { decodeFieldsV1, encodeFieldsV1 } from './fields-v1.js';

export type Operation = 'Apply' | 'Update';

/** Who wrote: the manager name, its operation, and the subresource it wrote through. */
export interface ManagerId {
  manager: string;
  operation: Operation;
  apiVersion: string;
  subresource?: string;
}

/** One manager's owned fields, with the time it last changed something. */
export interface ManagerEntry extends ManagerId {
  set: FieldSet;
  time?: string;
}

/** All managers of an object, keyed by identity (see identityOf). */
export type Managers = ReadonlyMap<string, ManagerEntry>;

/** The identity of a manager: Apply entries ignore the apiVersion, so one applier stays one entry. */
export function identityOf(id: ManagerId): string {
  return JSON.stringify({
    manager: id.manager,
    operation: id.operation,
    ...(id.operation === 'Update' ? { apiVersion: id.apiVersion } : {}),
    ...(id.subresource ? { subresource: id.subresource } : {}),
  });
}

/** The wire form of managedFields as kube-apiserver writes it: field order and entry order included. */
export function encodeManagedFields(managers: Managers): Record<string, unknown>[] | undefined {
  const entries = [...managers.values()].filter((m) => !m.set.isEmpty());
  if (entries.length === 0) return undefined;
  entries.sort(
    (p, q) =>
      compare(p.operation, q.operation) ||
      compare(seconds(p.time), seconds(q.time)) ||
      compare(p.manager, q.manager) ||
      compare(p.apiVersion, q.apiVersion) ||
      compare(p.subresource ?? '', q.subresource ?? ''),
  );
  return entries.map((m) => ({
    manager: m.manager,
    operation: m.operation,
    apiVersion: m.apiVersion,
    ...(m.time ? { time: m.time } : {}),
    fieldsType: 'FieldsV1',
    fieldsV1: encodeFieldsV1(m.set),
    ...(m.subresource ? { subresource: m.subresource } : {}),
  }));
}

const compare = <T extends string | number>(a: T, b: T) => (a < b ? -1 : a > b ? 1 : 0);
const seconds = (time: string | undefined) => (time ? Math.floor(Date.parse(time) / 1000) : 0);

/** Reads managedFields; throws an Error for an entry kube-apiserver could not decode. */
export function decodeManagedFields(entries: unknown): Map<string, ManagerEntry> {
  const managers = new Map<string, ManagerEntry>();
  if (entries === undefined || entries === null) return managers;
  if (!Array.isArray(entries)) throw new Error('managedFields must be a list');
  entries.forEach((entry: unknown, i) => {
    if (!isPlainObject(entry)) throw new Error(`managed fields entry ${i} is not an object`);
    const { manager = '', operation, apiVersion, fieldsType, fieldsV1, subresource, time } = entry;
    if (operation !== 'Apply' && operation !== 'Update') throw new Error('operation must be `Apply` or `Update`');
    if (typeof apiVersion !== 'string' || apiVersion.length < 1) throw new Error('apiVersion must not be empty');
    if (fieldsType === undefined || fieldsType === '') throw new Error(`missing fieldsType in managed fields entry ${i}`);
    if (fieldsType !== 'FieldsV1') throw new Error(`invalid fieldsType ${JSON.stringify(fieldsType)} in managed fields entry ${i}`);
    const id: ManagerId = { manager: String(manager), operation, apiVersion, ...(subresource ? { subresource: String(subresource) } : {}) };
    const set = fieldsV1 === undefined || fieldsV1 === null ? FieldSet.empty : decodeFieldsV1(fieldsV1);
    managers.set(identityOf(id), { ...id, set, ...(typeof time === 'string' ? { time } : {}) });
  });
  return managers;
}

/**
 * True when a write asks to drop all tracking: an empty list, or a list of one empty
 * entry (`[{}]`), as kube-apiserver's isResetManagedFields reads it.
 */
export function isResetManagedFields(entries: unknown): boolean {
  if (!Array.isArray(entries)) return false;
  if (entries.length === 0) return true;
  return entries.length === 1 && isPlainObject(entries[0]) && Object.keys(entries[0]).length === 0;
}
