import { describe, expect, it } from 'vitest';
import { agentLane, LaneTally, laneOf, lanesOf, podLane, routingLane } from './event-lanes.js';

describe('lanesOf', () => {
  it.each([
    { title: 'a bound pod\'s event goes on its node\'s lane', summary: { type: 'PodStatusReported', kind: 'Pod', nodeNames: ['node-2'] }, lanes: [podLane('node-2')] },
    { title: 'an unscheduled pod\'s on none: no kubelet caches it', summary: { type: 'PodCreated', kind: 'Pod', nodeNames: [] }, lanes: [] },
    { title: 'a kind agents cache on the agents\' lane', summary: { type: 'ServiceCreated', kind: 'Service', nodeNames: [] }, lanes: [agentLane] },
    { title: 'a route the host ports follow on the routing lane', summary: { type: 'EndpointSliceUpdated', kind: 'EndpointSlice', nodeNames: [] }, lanes: [routingLane] },
    { title: 'a Gateway API route on the routing lane', summary: { type: 'HTTPRouteCreated', kind: 'HTTPRoute.gateway.networking.k8s.io', nodeNames: [] }, lanes: [routingLane] },
    { title: 'a kind neither agents nor host ports cache on none', summary: { type: 'EventCreated', kind: 'Event', nodeNames: [] }, lanes: [] },
    { title: 'a refusal on none', summary: { type: 'Refused', kind: 'Pod', nodeNames: ['node-2'] }, lanes: [] },
  ])('$title', ({ summary, lanes }) => {
    expect(lanesOf(summary)).toEqual(lanes);
  });

  it('agrees with laneOf, which tells a replayed event\'s lane from its object', () => {
    expect([laneOf('Pod', 'node-2'), laneOf('Pod', undefined), laneOf('Secret', undefined), laneOf('Ingress', undefined), laneOf('ReplicaSet', undefined)])
      .toEqual([podLane('node-2'), undefined, agentLane, routingLane, undefined]);
  });
});

describe('LaneTally', () => {
  it('names each lane\'s change before, and before a lane\'s first the seq before the first change it was told of', () => {
    const tally = new LaneTally();
    expect([tally.count(11, ['a']), tally.count(12, ['b']), tally.count(13, []), tally.count(14, ['a', 'b']), tally.count(15, ['b'])]).toEqual([[10], [10], [], [11, 12], [14]]);
  });

  it('gives a beacon for each lane that had changes since the last beacons, or for every lane, with its last seq', () => {
    const tally = new LaneTally();
    tally.count(1, ['a']);
    tally.count(2, ['b']);
    tally.count(3, ['a']);
    expect(tally.beacons()).toEqual([['a', 3], ['b', 2]]);
    tally.count(4, ['b']);
    expect(tally.beacons()).toEqual([['b', 4]]);
    expect(tally.beacons()).toEqual([]);
    expect(tally.beacons(true)).toEqual([['a', 3], ['b', 4]]);
  });

  it('counts anew when told of a change that does not follow the last: for every lane it names the seq before it', () => {
    const tally = new LaneTally();
    tally.count(1, ['a']);
    tally.count(2, ['b']);
    expect([tally.count(6, ['b']), tally.count(7, ['a']), tally.count(8, ['b'])]).toEqual([[5], [5], [6]]);
    expect(tally.beacons(true)).toEqual([['b', 8], ['a', 7]]);
  });
});
