import { describe, expect, it } from 'vitest';
import { goDuration, rfc3339, rfc3339Micro } from './protobuf-time.js';

describe('goDuration', () => {
  const cases: Array<[bigint, string]> = [
    [0n, '0s'],
    [1n, '1ns'],
    [1_500n, '1.5µs'],
    [20_000_000n, '20ms'],
    [1_000_000_000n, '1s'],
    [1_500_000_000n, '1.5s'],
    [60_000_000_000n, '1m0s'],
    [3_600_000_000_000n, '1h0m0s'],
    [3_723_500_000_000n, '1h2m3.5s'],
    [-90_000_000_000n, '-1m30s'],
  ];
  it.each(cases)('%s ns is %s', (nanos, text) => expect(goDuration(nanos)).toBe(text));
});

describe('rfc3339', () => {
  it('writes seconds in UTC without a fraction', () => {
    expect(rfc3339(1767323045)).toBe('2026-01-02T03:04:05Z');
    expect(rfc3339(0)).toBe('1970-01-01T00:00:00Z');
  });

  it('writes MicroTime with six fractional digits', () => {
    expect(rfc3339Micro(1767323045, 123_456_789)).toBe('2026-01-02T03:04:05.123456Z');
    expect(rfc3339Micro(1767323045, 0)).toBe('2026-01-02T03:04:05.000000Z');
  });
});
