import { describe, expect, it } from 'vitest';
import { compareVersions, differingPaths, objectKeyOf, type Version } from './state-diff.js';

const v = (resourceVersion: number, digest: string): Version => ({ resourceVersion: String(resourceVersion), digest });
const web = objectKeyOf('Pod', 'default', 'web');
const node = objectKeyOf('Node', undefined, 'node-1');
const written = (...versions: [number, string][]) => new Map([[web, new Map(versions)]]);

describe('compareVersions: the live lists, taken after seq 10, against the log folded to seq 20', () => {
  it('finds nothing to say when the sides agree and nothing was written meanwhile', () => {
    const both = new Map([[web, v(5, 'a')], [node, v(3, 'n')]]);
    expect(compareVersions(both, new Map(both), new Map(), 10)).toEqual({ lines: [], toRead: [] });
  });

  it.each([
    ['only in the log', new Map(), new Map([[web, v(5, 'a')]]), new Map(), ['only in the log: Pod default/web (resourceVersion 5)'], []],
    ['only live', new Map([[node, v(3, 'n')]]), new Map(), new Map(), ['only live: Node node-1 (resourceVersion 3)'], []],
    ["different, not written meanwhile: read the fold's version", new Map([[web, v(5, 'a')]]), new Map([[web, v(5, 'b')]]), new Map(), [], [{ key: web, seq: 5 }]],
    ['listed at a version written meanwhile, which matches', new Map([[web, v(14, 'c')]]), new Map([[web, v(17, 'd')]]), written([14, 'c'], [17, 'd']), [], []],
    ['listed at a version written meanwhile, which does not match', new Map([[web, v(14, 'x')]]), new Map([[web, v(17, 'd')]]), written([14, 'c'], [17, 'd']), [], [{ key: web, seq: 14 }]],
    ['listed at a version the log never wrote of it', new Map([[web, v(15, 'c')]]), new Map([[web, v(17, 'd')]]), written([14, 'c'], [17, 'd']), ['differs: Pod default/web: the log wrote no version 15 of it'], []],
    ['listed before it was written again: its entry decides', new Map([[web, v(5, 'a')]]), new Map([[web, v(17, 'd')]]), written([17, 'd']), [], [{ key: web, seq: 5, digest: 'a' }]],
    ['created after its page was read', new Map(), new Map([[web, v(17, 'd')]]), written([17, 'd']), [], []],
    ['deleted after its page was read', new Map([[web, v(5, 'a')]]), new Map(), written([18, 'a']), [], [{ key: web, seq: 5, digest: 'a' }]],
  ])('%s', (_, live, replayed, changed, lines, toRead) => {
    expect(compareVersions(live, replayed, changed, 10)).toEqual({ lines, toRead });
  });
});

describe('differingPaths', () => {
  it.each([
    [{ a: 1 }, { a: 1 }, []],
    [{ a: 1 }, { a: 2 }, ['a']],
    [{ a: { b: { c: 1 } } }, { a: { b: { c: 2 } } }, ['a.b']],
    [{ a: [1] }, { a: [2] }, ['a']],
    [1, 2, ['(the whole object)']],
  ])('%j vs %j', (a, b, paths) => {
    expect(differingPaths(a, b)).toEqual(paths);
  });
});
