import { describe, expect, it } from 'vitest';
import { e2eOrder } from './longest-first.js';

describe('the e2e run order', () => {
  const files = [
    { name: 'own-short', seconds: 10, shared: false },
    { name: 'shared-long', seconds: 50, shared: true },
    { name: 'own-long', seconds: 270, shared: false },
    { name: 'shared-new', seconds: Number.POSITIVE_INFINITY, shared: true },
    { name: 'shared-short', seconds: 2, shared: true },
    { name: 'own-new', seconds: Number.POSITIVE_INFINITY, shared: false },
  ];
  const order = (list: typeof files) => e2eOrder(list, (f) => f.seconds, (f) => f.shared).map((f) => f.name);

  it('hands out every file on the shared lab before any other, so a worker past them never needs its shared lab again', () => {
    expect(order(files)).toEqual(['shared-new', 'shared-long', 'shared-short', 'own-new', 'own-long', 'own-short']);
  });

  it('keeps the longest first within each part, whatever order the files came in', () => {
    expect(order([...files].reverse())).toEqual(order(files));
  });
});
