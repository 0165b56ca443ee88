/**
 * Turns a Kubernetes protobuf body (`application/vnd.kubernetes.protobuf`:
 * the magic `k8s\0`, then a runtime.Unknown holding apiVersion, kind and the
 * object's bytes) into the plain JSON object the same client would have sent
 * as JSON, so strict decoding, defaults, validation and admission run
 * unchanged. Driven by protobuf-fields.generated.json; Go's JSON rules are
 * applied where they differ from the wire (zero non-pointer scalars are
 * written to protobuf but omitted from JSON; a zero Time is `null`).
 */
import { badRequest, unsupportedBody } from '../status.js';
import { goDuration, rfc3339, rfc3339Micro } from './protobuf-time.js';
import { messageForKind, protoTable, scalarZero, type ProtoField, type ProtoSpecial } from './protobuf-table.js';
import { exceededMaxDepth, tooDeep } from '../wire/nesting.js';
import { ProtobufWireError, readFields, readPackedVarints, type WireField } from './protobuf-wire.js';

/** The four bytes every Kubernetes protobuf body starts with. */
export const protobufMagic = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/** Deeper than any Kubernetes object nests: a bound on the decoder's recursion. */
const maxDepth = 100;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** True when the body starts with the protobuf magic. */
export function isProtobufBody(bytes: Uint8Array): boolean {
  return bytes.length >= protobufMagic.length && protobufMagic.every((b, i) => bytes[i] === b);
}

/**
 * The JSON object of a protobuf body: `kind` and `apiVersion` from the envelope,
 * then the object's fields. 400 BadRequest for malformed bytes, 415 for a kind
 * the table does not hold.
 */
export function decodeProtobufBody(bytes: Uint8Array): JsonObject {
  try {
    return decodeEnvelope(bytes, 0);
  } catch (e) {
    if (e instanceof ProtobufWireError) throw badRequest(`the protobuf body could not be decoded: ${e.message}`);
    throw e;
  }
}

function decodeEnvelope(bytes: Uint8Array, depth: number): JsonObject {
  if (!isProtobufBody(bytes)) throw new ProtobufWireError('it does not start with the Kubernetes protobuf magic "k8s\\x00"');
  let apiVersion = '';
  let kind = '';
  let raw: Uint8Array = new Uint8Array();
  let contentEncoding = '';
  for (const field of readFields(bytes.subarray(protobufMagic.length))) {
    if (field.number === 1) {
      for (const typeMeta of readFields(bytesOf(field, 'typeMeta'))) {
        if (typeMeta.number === 1) apiVersion = text(bytesOf(typeMeta, 'typeMeta.apiVersion'));
        if (typeMeta.number === 2) kind = text(bytesOf(typeMeta, 'typeMeta.kind'));
      }
    } else if (field.number === 2) raw = bytesOf(field, 'raw');
    else if (field.number === 3) contentEncoding = text(bytesOf(field, 'contentEncoding'));
  }
  if (!kind || !apiVersion) throw new ProtobufWireError('its envelope (runtime.Unknown) names no apiVersion and kind');
  if (contentEncoding) throw unsupportedBody(`a protobuf body with contentEncoding "${contentEncoding}" is not supported; send it uncompressed or as application/json`);
  const message = messageForKind(apiVersion, kind);
  if (!message) throw unsupportedBody(`this server cannot decode ${kind} in version "${apiVersion}" from protobuf; send it as application/json`);
  return { kind, apiVersion, ...decodeMessage(raw, message, kind, depth + 1) };
}

function decodeMessage(bytes: Uint8Array, name: string, path: string, depth: number): JsonObject {
  if (depth > maxDepth) throw new ProtobufWireError(`${path}: nested more than ${maxDepth} messages deep`);
  const fields = protoTable.messages[name]?.fields;
  if (!fields) throw new Error(`the protobuf table has no message ${name}`);
  const object: JsonObject = {};
  for (const wire of readFields(bytes)) {
    const field = fields[wire.number];
    if (!field) continue;
    const where = field.json ? `${path}.${field.json}` : path;
    if (field.inline) Object.assign(object, decodeMessage(bytesOf(wire, where), field.type, where, depth + 1));
    else if (field.map) {
      const [key, value] = decodeMapEntry(wire, field, where, depth);
      // defineProperty, not assignment: a key such as "__proto__" stays an ordinary key, as in JSON.parse.
      Object.defineProperty((object[field.json!] ??= {}) as JsonObject, key, { value, enumerable: true, writable: true, configurable: true });
    } else if (field.repeated) {
      const list = (object[field.json!] ??= []) as Json[];
      list.push(...decodeRepeated(wire, field, where, depth));
    } else {
      const value = decodeValue(wire, field.type, where, depth);
      if (!(field.omitZero && isZero(value))) object[field.json!] = value;
    }
  }
  return object;
}

function decodeMapEntry(wire: WireField, field: ProtoField, path: string, depth: number): [string, Json] {
  let key = '';
  let value: Json | undefined;
  for (const entry of readFields(bytesOf(wire, path))) {
    if (entry.number === 1) key = text(bytesOf(entry, `${path} key`));
    if (entry.number === 2) value = decodeValue(entry, field.type, `${path}[${key}]`, depth);
  }
  return [key, value ?? zeroOf(field.type)];
}

/** A repeated varint field may come packed (one length-delimited record) or one record per value. */
function decodeRepeated(wire: WireField, field: ProtoField, path: string, depth: number): Json[] {
  if ((field.type === 'int32' || field.type === 'int64' || field.type === 'bool') && wire.wireType === 2) {
    return readPackedVarints(wire.bytes).map((v) => varintValue(v, field.type));
  }
  return [decodeValue(wire, field.type, path, depth)];
}

function decodeValue(wire: WireField, type: string, path: string, depth: number): Json {
  switch (type) {
    case 'string':
      return text(bytesOf(wire, path));
    case 'bytes':
      return Buffer.from(bytesOf(wire, path)).toString('base64');
    case 'int32':
    case 'int64':
    case 'bool':
      if (wire.wireType !== 0) throw new ProtobufWireError(`${path}: expected a varint, found wire type ${wire.wireType}`);
      return varintValue(wire.varint, type);
  }
  const special = protoTable.messages[type]?.special;
  if (special) return decodeSpecial(bytesOf(wire, path), special, path, depth);
  return decodeMessage(bytesOf(wire, path), type, path, depth + 1);
}

function varintValue(value: bigint, type: string): number | boolean {
  if (type === 'bool') return value !== 0n;
  return Number(type === 'int32' ? BigInt.asIntN(32, value) : BigInt.asIntN(64, value));
}

/** The JSON of the messages Go marshals by hand (Time, Quantity, IntOrString, …). */
function decodeSpecial(bytes: Uint8Array, special: ProtoSpecial, path: string, depth: number): Json {
  const fields = readFields(bytes);
  const varint = (n: number) => {
    const f = fields.findLast((w) => w.number === n);
    if (f && f.wireType !== 0) throw new ProtobufWireError(`${path}: expected a varint in field ${n}`);
    return f?.wireType === 0 ? f.varint : undefined;
  };
  const bytesField = (n: number) => {
    const f = fields.findLast((w) => w.number === n);
    return f ? bytesOf(f, path) : undefined;
  };
  switch (special) {
    case 'time':
    case 'microTime': {
      if (fields.length === 0) return null;
      const seconds = Number(BigInt.asIntN(64, varint(1) ?? 0n));
      return special === 'time' ? rfc3339(seconds) : rfc3339Micro(seconds, Number(BigInt.asIntN(32, varint(2) ?? 0n)));
    }
    case 'duration':
      return goDuration(BigInt.asIntN(64, varint(1) ?? 0n));
    case 'quantity': {
      const s = bytesField(1);
      return s ? text(s) : '0';
    }
    case 'intOrString': {
      const isString = varint(1) === 1n;
      if (isString) return text(bytesField(3) ?? new Uint8Array());
      return Number(BigInt.asIntN(32, varint(2) ?? 0n));
    }
    case 'rawExtension':
    case 'fieldsV1':
      return embeddedJson(bytesField(1), path, depth);
    case 'stringList':
      return fields.filter((f) => f.number === 1).map((f) => text(bytesOf(f, path)));
  }
}

/** RawExtension and FieldsV1 carry JSON, or for RawExtension possibly a nested protobuf object. */
function embeddedJson(bytes: Uint8Array | undefined, path: string, depth: number): Json {
  if (!bytes || bytes.length === 0) return null;
  if (isProtobufBody(bytes)) return decodeEnvelope(bytes, depth + 1);
  let value: Json;
  try {
    value = JSON.parse(text(bytes)) as Json;
  } catch {
    throw new ProtobufWireError(`${path}: the embedded raw bytes are neither JSON nor a protobuf object`);
  }
  const deep = tooDeep(value);
  if (deep) throw new ProtobufWireError(`${path}: ${exceededMaxDepth(deep)}`);
  return value;
}

function bytesOf(wire: WireField, path: string): Uint8Array {
  if (wire.wireType !== 2) throw new ProtobufWireError(`${path}: expected length-delimited bytes, found wire type ${wire.wireType}`);
  return wire.bytes;
}

const utf8 = new TextDecoder();

function text(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

function isZero(value: Json): boolean {
  return value === '' || value === 0 || value === false;
}

/** A map value the entry left out: Go's zero value of the type. */
function zeroOf(type: string): Json {
  if (type === 'bytes') return '';
  const scalar = scalarZero(type);
  if (scalar !== undefined) return scalar;
  const special = protoTable.messages[type]?.special;
  if (special === 'quantity') return '0';
  return special ? null : {};
}
