import { describe, expect, it } from 'vitest';
import { WatchDeliveries } from './watch-deliveries.js';

describe('WatchDeliveries', () => {
  it('counts watches and deliveries, and keeps each delivery not above the one before it on its watch', () => {
    const deliveries = new WatchDeliveries();
    const pods = deliveries.open('pods in default', 10);
    const nodes = deliveries.open('nodes', 3);
    pods(11);
    nodes(12);
    pods(14);
    pods(13);
    nodes(12);
    expect(deliveries.summary()).toEqual({
      watches: 2, delivered: 5, outOfOrderCount: 2,
      outOfOrder: [{ watch: 1, path: 'pods in default', previous: 14, sent: 13 }, { watch: 2, path: 'nodes', previous: 12, sent: 12 }],
    });
  });

  it('judges a watch resumed from a version against that version', () => {
    const deliveries = new WatchDeliveries();
    deliveries.open('pods', 20)(20);
    expect(deliveries.summary().outOfOrder).toEqual([{ watch: 1, path: 'pods', previous: 20, sent: 20 }]);
  });
});
