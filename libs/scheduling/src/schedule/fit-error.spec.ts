import { describe, expect, it } from 'vitest';
import { fitErrorMessage } from './fit-error.js';
import { numFeasibleNodesToFind } from './nodes-to-find.js';

describe('fitErrorMessage', () => {
  it.each([
    [3, [['Insufficient cpu'], ['Insufficient cpu'], ['node(s) were unschedulable']], undefined, '0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu.'],
    [12, Array.from({ length: 10 }, () => ['b']).concat([['a'], ['a']]), undefined, '0/12 nodes are available: 10 b, 2 a.'],
    [3, [['Insufficient cpu', 'Too many pods']], 'Preemption is not helpful for scheduling', '0/3 nodes are available: 1 Insufficient cpu, 1 Too many pods, 2 Preemption is not helpful for scheduling.'],
  ])('%i nodes', (nodes, reasons, absent, expected) => {
    expect(fitErrorMessage(nodes, reasons, absent)).toBe(expected);
  });
});

describe('numFeasibleNodesToFind', () => {
  it.each([
    [3, undefined, 3],
    [99, undefined, 99],
    [100, undefined, 100],
    [1000, undefined, 420],
    [5000, undefined, 500],
    [6000, undefined, 300],
    [1000, 10, 100],
    [1000, 100, 1000],
  ])('%i nodes at %s %% → %i', (nodes, percentage, expected) => {
    expect(numFeasibleNodesToFind(nodes, percentage)).toBe(expected);
  });
});
