import { describe, expect, it } from 'vitest';
import { agentLane, LaneTally, laneOf, lanesOf, podLane } from './event-lanes.js';

describe('lanesOf', () => {
  it.each([
    { title: 'a bound pod\'s event goes on its node\'s lane', summary: { type: 'PodStatusReported', kind: 'Pod', nodeNames: ['node-2'] }, lanes: [podLane('node-2')] },
    { title: 'an unscheduled pod\'s on none: no kubelet caches it', summary: { type: 'PodCreated', kind: 'Pod', nodeNames: [] }, lanes: [] },
    { title: 'a kind agents cache on the agents\' lane', summary: { type: 'ServiceCreated', kind: 'Service', nodeNames: [] }, lanes: [agentLane] },
    { title: 'a kind no agent caches on none', summary: { type: 'EventCreated', kind: 'Event', nodeNames: [] }, lanes: [] },
    { title: 'a refusal on none', summary: { type: 'Refused', kind: 'Pod', nodeNames: ['node-2'] }, lanes: [] },
  ])('$title', ({ summary, lanes }) => {
    expect(lanesOf(summary)).toEqual(lanes);
  });

  it('agrees with laneOf, which tells a replayed event\'s lane from its object', () => {
    expect([laneOf('Pod', 'node-2'), laneOf('Pod', undefined), laneOf('Secret', undefined), laneOf('ReplicaSet', undefined)]).toEqual([podLane('node-2'), undefined, agentLane, undefined]);
  });
});

describe('LaneTally', () => {
  it('names each lane\'s event before, and before a lane\'s first the seq before the first event it counted', () => {
    const tally = new LaneTally();
    expect([tally.next('a', 11), tally.next('b', 12), tally.next('a', 14), tally.next('b', 15)]).toEqual([10, 10, 11, 12]);
  });

  it('gives a beacon for each lane that had events since the last beacons, or for every lane, with its last seq', () => {
    const tally = new LaneTally();
    tally.next('a', 1);
    tally.next('b', 2);
    tally.next('a', 3);
    expect(tally.beacons()).toEqual([['a', 3], ['b', 2]]);
    tally.next('b', 4);
    expect(tally.beacons()).toEqual([['b', 4]]);
    expect(tally.beacons()).toEqual([]);
    expect(tally.beacons(true)).toEqual([['a', 3], ['b', 4]]);
  });

  it('once it forgot, names for each lane the seq it was told the changes after which it counts come', () => {
    const tally = new LaneTally();
    tally.next('a', 1);
    tally.next('b', 2);
    tally.forget(5);
    expect(tally.beacons()).toEqual([]);
    expect([tally.next('b', 7), tally.next('a', 8), tally.next('b', 9)]).toEqual([5, 5, 7]);
  });
});
