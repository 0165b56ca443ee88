/**
 * The protobuf wire format, read without a schema: a message is a run of
 * (field number, wire type, value) records. Only what proto2 messages from
 * go-to-protobuf use is accepted (varint, 64-bit, length-delimited, 32-bit);
 * groups and anything truncated or overlong are malformed input.
 */

/** Bytes that are not a well-formed protobuf message. */
export class ProtobufWireError extends Error {}

/** Wire types: 0 varint, 1 fixed 64-bit, 2 length-delimited, 5 fixed 32-bit. */
export type WireType = 0 | 1 | 2 | 5;

/** One record: a varint's value, or the bytes of the other wire types. */
export type WireField =
  | { number: number; wireType: 0; varint: bigint }
  | { number: number; wireType: 1 | 2 | 5; bytes: Uint8Array };

/** Reads a varint at `offset`: its value (up to 64 bits) and the offset after it. */
export function readVarint(bytes: Uint8Array, offset: number): { value: bigint; next: number } {
  let value = 0n;
  for (let i = 0; i < 10; i++) {
    const byte = bytes[offset + i];
    if (byte === undefined) throw new ProtobufWireError(`truncated varint at byte ${offset}`);
    value |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if ((byte & 0x80) === 0) return { value: BigInt.asUintN(64, value), next: offset + i + 1 };
  }
  throw new ProtobufWireError(`varint longer than 10 bytes at byte ${offset}`);
}

/** Every record of a message, in wire order. */
export function readFields(bytes: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const key = readVarint(bytes, offset);
    offset = key.next;
    const number = Number(key.value >> 3n);
    const wireType = Number(key.value & 7n);
    if (number < 1 || number > 0x1fffffff) throw new ProtobufWireError(`invalid field number ${key.value >> 3n}`);
    if (wireType === 0) {
      const v = readVarint(bytes, offset);
      fields.push({ number, wireType, varint: v.value });
      offset = v.next;
      continue;
    }
    let length: number;
    if (wireType === 1) length = 8;
    else if (wireType === 5) length = 4;
    else if (wireType === 2) {
      const v = readVarint(bytes, offset);
      length = Number(v.value);
      offset = v.next;
    } else throw new ProtobufWireError(`field ${number} has wire type ${wireType}, which go-to-protobuf never writes`);
    if (offset + length > bytes.length) throw new ProtobufWireError(`field ${number} runs past the end of its message`);
    fields.push({ number, wireType, bytes: bytes.subarray(offset, offset + length) });
    offset += length;
  }
  return fields;
}

/** The varints of a packed repeated field. */
export function readPackedVarints(bytes: Uint8Array): bigint[] {
  const values: bigint[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    const v = readVarint(bytes, offset);
    values.push(v.value);
    offset = v.next;
  }
  return values;
}
