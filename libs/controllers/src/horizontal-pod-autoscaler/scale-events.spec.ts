import type { HPAScalingRules } from 'kubernetes-types/autoscaling/v2';
import { describe, expect, it } from 'vitest';
import { emptyHpaHistory, type ScaleEvent } from './hpa-history.js';
import { NOW } from './hpa-fixtures.testing.js';
import { replicasChangePerPeriod, storeScaleEvent } from './scale-events.js';

const now = NOW.getTime();
const clock = { now: NOW, timeScale: 1 };
const event = (change: number, secondsAgo: number, outdated = false): ScaleEvent => ({ change, at: now - secondsAgo * 1000, outdated });
const rules = (podsPeriod: number, percentPeriod: number): HPAScalingRules => ({
  selectPolicy: 'Max', stabilizationWindowSeconds: 0,
  policies: [{ type: 'Pods', value: 10, periodSeconds: podsPeriod }, ...(percentPeriod ? [{ type: 'Percent', value: 100, periodSeconds: percentPeriod }] : [])],
});

// TestStoreScaleEvents of horizontal_test.go, for both directions.
describe('storeScaleEvent', () => {
  it.each([
    { name: 'empty entries with default behavior', previous: [], rules: undefined, stored: [], changeIn60s: 0 },
    { name: 'empty entries with two-policy-behavior', previous: [], rules: rules(60, 60), stored: [[5, false]], changeIn60s: 0 },
    { name: 'one outdated entry to be kept untouched without behavior', previous: [event(7, 61)], rules: undefined, stored: [[7, false]], changeIn60s: 0 },
    { name: 'one outdated entry to be replaced with behavior', previous: [event(7, 61)], rules: rules(60, 60), stored: [[5, false]], changeIn60s: 0 },
    { name: 'one actual entry to be not touched with behavior', previous: [event(7, 58)], rules: rules(60, 60), stored: [[7, false], [5, false]], changeIn60s: 7 },
    { name: 'two entries, one of them to be replaced', previous: [event(7, 61), event(6, 59)], rules: rules(60, 0), stored: [[5, false], [6, false]], changeIn60s: 6 },
    {
      name: 'replace one entry, use policies with different periods', previous: [event(8, 29), event(6, 59), event(7, 61), event(9, 61)], rules: rules(60, 30),
      stored: [[8, false], [6, false], [7, true], [5, false]], changeIn60s: 14,
    },
    { name: 'two entries, both actual', previous: [event(7, 58), event(6, 59)], rules: rules(120, 30), stored: [[7, false], [6, false], [5, false]], changeIn60s: 13 },
  ])('$name', ({ previous, rules: given, stored, changeIn60s }) => {
    expect(replicasChangePerPeriod(60, previous, clock)).toBe(changeIn60s);
    const up = storeScaleEvent({ ...emptyHpaHistory(), scaleUpEvents: previous }, given && { scaleUp: given }, 10, 15, clock);
    expect(up.scaleUpEvents.map((e) => [e.change, e.outdated])).toEqual(given ? stored : previous.map((e) => [e.change, e.outdated]));
    const down = storeScaleEvent({ ...emptyHpaHistory(), scaleDownEvents: previous }, given && { scaleDown: given }, 10, 5, clock);
    expect(down.scaleDownEvents.map((e) => [e.change, e.outdated])).toEqual(given ? stored : previous.map((e) => [e.change, e.outdated]));
  });
});
