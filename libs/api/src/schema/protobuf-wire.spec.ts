import { describe, expect, it } from 'vitest';
import { ProtobufWireError, readFields, readPackedVarints, readVarint } from './protobuf-wire.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('readVarint', () => {
  const cases: Array<[string, number[], bigint]> = [
    ['zero', [0x00], 0n],
    ['one byte', [0x7f], 127n],
    ['two bytes (300)', [0xac, 0x02], 300n],
    ['int32 -1, sign-extended to ten bytes', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], 0xffffffffffffffffn],
    ['2^63', [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], 1n << 63n],
  ];
  it.each(cases)('%s', (_, input, value) => {
    expect(readVarint(bytes(...input), 0)).toEqual({ value, next: input.length });
  });

  it('refuses a truncated or overlong varint', () => {
    expect(() => readVarint(bytes(0x80, 0x80), 0)).toThrow(ProtobufWireError);
    expect(() => readVarint(bytes(...Array(11).fill(0x80), 0x01), 0)).toThrow('longer than 10 bytes');
  });
});

describe('readFields', () => {
  it('reads varint, length-delimited, fixed64 and fixed32 records in order', () => {
    const message = bytes(0x08, 0x96, 0x01, 0x12, 0x02, 0x68, 0x69, 0x19, 1, 2, 3, 4, 5, 6, 7, 8, 0x25, 9, 9, 9, 9);
    expect(readFields(message)).toEqual([
      { number: 1, wireType: 0, varint: 150n },
      { number: 2, wireType: 2, bytes: bytes(0x68, 0x69) },
      { number: 3, wireType: 1, bytes: bytes(1, 2, 3, 4, 5, 6, 7, 8) },
      { number: 4, wireType: 5, bytes: bytes(9, 9, 9, 9) },
    ]);
  });

  it('reads a field number above 15 (two-byte key)', () => {
    expect(readFields(bytes(0x80, 0x01, 0x01))).toEqual([{ number: 16, wireType: 0, varint: 1n }]);
  });

  const malformed: Array<[string, number[], string]> = [
    ['length past the end', [0x12, 0x05, 0x68], 'runs past the end'],
    ['a length of 2^64 - 1', [0x12, ...Array(9).fill(0xff), 0x01], 'runs past the end'],
    ['group wire type', [0x0b], 'wire type 3'],
    ['field number zero', [0x00, 0x01], 'invalid field number 0'],
    ['truncated fixed64', [0x09, 1, 2], 'runs past the end'],
  ];
  it.each(malformed)('refuses %s', (_, input, message) => {
    expect(() => readFields(bytes(...input))).toThrow(message);
  });
});

describe('readPackedVarints', () => {
  it('reads consecutive varints', () => {
    expect(readPackedVarints(bytes(0x01, 0xac, 0x02, 0x00))).toEqual([1n, 300n, 0n]);
  });
});
