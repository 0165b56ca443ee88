import { describe, expect, it } from 'vitest';
import { orderMergedList } from './element-order.js';

const same = (item: unknown) => item;

describe('orderMergedList', () => {
  it.each([
    ['patch order wins, server-only items keep their place', ['a', 'b', 'c'], ['c', 'a'], ['a', 'b', 'c'], ['b', 'c', 'a']],
    ['server-only items stay before later patch items', ['a', 'b', 'c'], ['a', 'c'], ['a', 'b', 'c'], ['a', 'b', 'c']],
    ['new patch items come before trailing server-only items', ['a', 'x', 'c'], ['a', 'c'], ['a', 'x'], ['a', 'c', 'x']],
    ['no patch items keeps the server order', ['b', 'a'], [], ['a', 'b'], ['a', 'b']],
    ['only new items keep the patch order', ['z', 'y'], ['y', 'z'], [], ['y', 'z']],
  ])('%s', (_name, merged, patchOrder, serverOrder, expected) => {
    expect(orderMergedList(merged, patchOrder, serverOrder, same)).toEqual(expected);
  });

  it('compares maps by their merge key', () => {
    const name = (item: unknown) => (item as { name: string }).name;
    const merged = [{ name: 'sidecar' }, { name: 'app', image: 'x' }];
    expect(orderMergedList(merged, [{ name: 'app' }], [{ name: 'sidecar' }, { name: 'app' }], name)).toEqual([
      { name: 'sidecar' },
      { name: 'app', image: 'x' },
    ]);
  });
});
