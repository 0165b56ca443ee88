import { describe, expect, it } from 'vitest';
import { rfc3339InZone, timeZoneError } from './zoned-time.js';

describe('rfc3339InZone', () => {
  it.each([
    { zone: undefined, time: '2025-01-01T12:05:00Z', then: '2025-01-01T12:05:00Z' },
    { zone: 'UTC', time: '2025-01-01T12:05:00Z', then: '2025-01-01T12:05:00Z' },
    { zone: 'Europe/London', time: '2025-01-01T12:05:00Z', then: '2025-01-01T12:05:00Z' },
    { zone: 'Europe/London', time: '2025-07-01T12:05:00Z', then: '2025-07-01T13:05:00+01:00' },
    { zone: 'America/New_York', time: '2025-01-01T03:30:00Z', then: '2024-12-31T22:30:00-05:00' },
    { zone: 'Asia/Kolkata', time: '2025-01-01T00:00:00Z', then: '2025-01-01T05:30:00+05:30' },
    { zone: 'Asia/Tokyo', time: '2025-01-01T15:00:00Z', then: '2025-01-02T00:00:00+09:00' },
  ])('$time in $zone → $then', ({ zone, time, then }) => {
    expect(rfc3339InZone(new Date(time), zone)).toBe(then);
  });
});

describe('timeZoneError', () => {
  it.each([
    { zone: 'Europe/Paris', then: undefined },
    { zone: 'Mars/Olympus', then: 'unknown time zone Mars/Olympus' },
  ])('$zone', ({ zone, then }) => {
    expect(timeZoneError(zone)).toBe(then);
  });
});
