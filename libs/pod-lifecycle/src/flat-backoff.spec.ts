import { describe, expect, it } from 'vitest';
import { isInBackOffSince, isInBackOffSinceUpdate, nextBackoff, type FlatBackoff } from './flat-backoff.js';
import { at } from './testing/pods.js';

describe('nextBackoff', () => {
  it('starts at 10 s and doubles to the 300 s cap', () => {
    let entry: FlatBackoff | undefined;
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      entry = nextBackoff(entry, at(i * 10), at(i * 10));
      delays.push(entry.delaySeconds);
    }
    expect(delays).toEqual([10, 20, 40, 80, 160, 300, 300, 300]);
  });

  const cases: [string, number, number][] = [
    ['an event 10 min after the last update keeps doubling', 600, 40],
    ['an event more than 10 min after the last update starts again at 10 s', 601, 10],
  ];
  it.each(cases)('%s', (_, eventSeconds, delay) => {
    const entry: FlatBackoff = { delaySeconds: 20, updatedAt: at(0).toISOString() };
    expect(nextBackoff(entry, at(eventSeconds), at(eventSeconds)).delaySeconds).toBe(delay);
  });
});

describe('isInBackOffSince / isInBackOffSinceUpdate', () => {
  const entry: FlatBackoff = { delaySeconds: 20, updatedAt: at(100).toISOString() };
  const since: [string, FlatBackoff | undefined, number, number, boolean][] = [
    ['no entry', undefined, 110, 110, false],
    ['right after the event', entry, 110, 110, true],
    ['19 s after the event', entry, 110, 129, true],
    ['20 s after the event', entry, 110, 130, false],
    ['an event long after the last update', entry, 701, 701, false],
  ];
  it.each(since)('since the event: %s', (_, backoff, eventSeconds, nowSeconds, expected) => {
    expect(isInBackOffSince(backoff, at(eventSeconds), at(nowSeconds))).toBe(expected);
  });

  const sinceUpdate: [number, boolean][] = [
    [100, true],
    [119, true],
    [120, false],
  ];
  it.each(sinceUpdate)('since the update, at %i s: %s', (nowSeconds, expected) => {
    expect(isInBackOffSinceUpdate(entry, at(nowSeconds))).toBe(expected);
  });
});
