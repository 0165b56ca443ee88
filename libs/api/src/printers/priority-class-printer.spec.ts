import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { priorityClassPrinter } from './priority-class-printer.js';

const now = new Date('2024-05-01T12:00:00Z');
const priorityClass = (name: string, body: object): KubeObject => ({
  apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name, creationTimestamp: '2024-05-01T09:00:00Z' }, ...body,
});

describe('priorityClassPrinter', () => {
  it('declares NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY with their types', () => {
    expect(priorityClassPrinter.columns.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Value', 'integer', 0],
      ['Global-Default', 'boolean', 0],
      ['Age', 'string', 0],
      ['PreemptionPolicy', 'string', 0],
    ]);
  });

  it.each<[string, KubeObject, unknown[]]>([
    ['a built-in class', priorityClass('system-node-critical', { value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' }), ['system-node-critical', 2000001000, false, '3h', 'PreemptLowerPriority']],
    ['a global default that never preempts', priorityClass('low', { value: -10, globalDefault: true, preemptionPolicy: 'Never' }), ['low', -10, true, '3h', 'Never']],
    ['a class with no policy', priorityClass('bare', { value: 0 }), ['bare', 0, false, '3h', '']],
  ])('prints %s', (_name, obj, cells) => {
    expect(priorityClassPrinter.print(obj, now).cells).toEqual(cells);
  });
});
