import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClockOffset, formatClockDuration, labClockObject, labClockOffsetOf, parseClockDuration } from './clock-offset.js';

const day = 86_400_000;

describe('the machines\' clock offset', () => {
  afterEach(() => vi.useRealTimers());

  it.each([
    ['400d', 400 * day], ['8760h', 365 * day], ['1d12h30m', day + 12.5 * 3_600_000], ['90s', 90_000], [' 2d ', 2 * day],
  ])('reads %j as a duration', (text, ms) => {
    expect(parseClockDuration(text)).toBe(ms);
  });

  it.each(['', '1y', '-5d', '3', '1.5d', 'd'])('refuses %j with what to write instead', (text) => {
    expect(parseClockDuration(text)).toEqual({ error: `invalid duration "${text}": write it as a number of days, hours, minutes or seconds, such as 400d, 8760h or 1d12h` });
  });

  it('writes an offset in the largest units first, and 0s for none', () => {
    expect(formatClockDuration(400 * day)).toBe('400d');
    expect(formatClockDuration(day + 12.5 * 3_600_000 + 5000)).toBe('1d12h30m5s');
    expect(formatClockDuration(0)).toBe('0s');
  });

  it('keeps the offset in the ConfigMap kube-system/kubelab-clock, and reads 0 from none or from one that is not a duration', () => {
    const object = labClockObject(400 * day);
    expect(object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'kube-system', name: 'kubelab-clock' }, data: { offset: '400d' } });
    expect(labClockOffsetOf(object)).toBe(400 * day);
    expect(labClockOffsetOf(undefined)).toBe(0);
    expect(labClockOffsetOf({ ...object, data: { offset: 'a year' } })).toBe(0);
  });

  it('tells the host\'s time moved on by what its ConfigMap last said, and whether that moved it', () => {
    vi.useFakeTimers({ now: new Date('2026-11-25T00:00:00Z') });
    const clock = new ClockOffset();
    expect(clock.now().toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect(clock.observe(labClockObject(400 * day))).toBe(true);
    expect(clock.observe(labClockObject(400 * day))).toBe(false);
    expect(clock.now().toISOString()).toBe('2027-12-30T00:00:00.000Z');
    expect(clock.observe(undefined)).toBe(true);
    expect(clock.now().toISOString()).toBe('2026-11-25T00:00:00.000Z');
  });
});
