/**
 * The inverse of decode-protobuf.ts: a JSON object of a built-in kind written as the
 * Kubernetes protobuf body kubectl would send (`k8s\0`, then a runtime.Unknown around the
 * object's bytes), driven by the same protobuf-fields.generated.json. It writes what the
 * object holds and nothing more, so decoding its output gives the object back; clients and
 * tests that speak protobuf to the api-server build their bodies with it.
 */
import { protobufMagic } from './decode-protobuf.js';
import { messageForKind, protoTable, type ProtoField, type ProtoSpecial } from './protobuf-table.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** A value the table's field cannot hold (a string where an int32 goes). */
export class ProtobufEncodeError extends Error {}

function varint(value: bigint): number[] {
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? byte | 0x80 : byte);
  } while (v > 0n);
  return out;
}

const tag = (field: number, wireType: number) => varint(BigInt((field << 3) | wireType));
const delimited = (field: number, content: number[]) => [...tag(field, 2), ...varint(BigInt(content.length)), ...content];
const varintField = (field: number, value: bigint) => [...tag(field, 0), ...varint(value)];
const utf8 = (text: string) => [...Buffer.from(text, 'utf8')];

/**
 * The protobuf body of `object` (its apiVersion and kind name the message), or undefined
 * when the table has no message for that kind (custom resources are JSON only).
 */
export function encodeProtobufBody(object: JsonObject): Uint8Array | undefined {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const message = messageForKind(apiVersion, kind);
  if (!message) return undefined;
  const envelope = [...delimited(1, [...delimited(1, utf8(apiVersion)), ...delimited(2, utf8(kind))]), ...delimited(2, encodeMessage(object, message, kind))];
  return Uint8Array.from([...protobufMagic, ...envelope]);
}

function encodeMessage(object: Json, name: string, path: string): number[] {
  if (!isObject(object)) throw new ProtobufEncodeError(`${path}: expected an object`);
  const fields = protoTable.messages[name]?.fields ?? {};
  const out: number[] = [];
  for (const [number, field] of Object.entries(fields)) {
    const n = Number(number);
    if (field.inline) {
      out.push(...delimited(n, encodeMessage(object, field.type, path)));
      continue;
    }
    const value = object[field.json!];
    const where = `${path}.${field.json}`;
    if (value === undefined || value === null) continue;
    if (field.map) {
      if (!isObject(value)) throw new ProtobufEncodeError(`${where}: expected an object`);
      for (const [key, v] of Object.entries(value)) out.push(...delimited(n, [...delimited(1, utf8(key)), ...encodeValue(2, v, field, `${where}[${key}]`)]));
    } else if (field.repeated) {
      if (!Array.isArray(value)) throw new ProtobufEncodeError(`${where}: expected an array`);
      for (const item of value) out.push(...encodeValue(n, item, field, where));
    } else out.push(...encodeValue(n, value, field, where));
  }
  return out;
}

function encodeValue(n: number, value: Json, field: ProtoField, path: string): number[] {
  switch (field.type) {
    case 'string':
      return delimited(n, utf8(expect(value, 'string', path)));
    case 'bytes':
      return delimited(n, [...Buffer.from(expect(value, 'string', path), 'base64')]);
    case 'bool':
      return varintField(n, expect(value, 'boolean', path) ? 1n : 0n);
    case 'int32':
    case 'int64': {
      const number = expect(value, 'number', path);
      if (!Number.isInteger(number)) throw new ProtobufEncodeError(`${path}: expected an integer`);
      return varintField(n, BigInt(number));
    }
  }
  const special = protoTable.messages[field.type]?.special;
  return delimited(n, special ? encodeSpecial(value, special, path) : encodeMessage(value, field.type, path));
}

/** The messages Go marshals to JSON by hand, back to their fields. */
function encodeSpecial(value: Json, special: ProtoSpecial, path: string): number[] {
  switch (special) {
    case 'time':
    case 'microTime': {
      const ms = Date.parse(expect(value, 'string', path));
      if (Number.isNaN(ms)) throw new ProtobufEncodeError(`${path}: expected an RFC 3339 time`);
      const seconds = Math.floor(ms / 1000);
      const nanos = special === 'microTime' ? (ms - seconds * 1000) * 1_000_000 : 0;
      return [...varintField(1, BigInt(seconds)), ...(nanos ? varintField(2, BigInt(nanos)) : [])];
    }
    case 'quantity':
      return delimited(1, utf8(typeof value === 'number' ? String(value) : expect(value, 'string', path)));
    case 'intOrString':
      return typeof value === 'number' ? [...varintField(1, 0n), ...varintField(2, BigInt(value))] : [...varintField(1, 1n), ...delimited(3, utf8(expect(value, 'string', path)))];
    case 'rawExtension':
    case 'fieldsV1':
      return delimited(1, utf8(JSON.stringify(value)));
    case 'stringList':
      if (!Array.isArray(value)) throw new ProtobufEncodeError(`${path}: expected an array`);
      return value.flatMap((s) => delimited(1, utf8(expect(s, 'string', path))));
    case 'duration':
      throw new ProtobufEncodeError(`${path}: durations are not written`);
  }
}

function expect<T extends 'string' | 'number' | 'boolean'>(value: Json, type: T, path: string): T extends 'string' ? string : T extends 'number' ? number : boolean {
  if (typeof value !== type) throw new ProtobufEncodeError(`${path}: expected a ${type}`);
  return value as never;
}

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
