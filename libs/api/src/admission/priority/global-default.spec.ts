import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import { globalDefaultClass, secondGlobalDefaultRefusal } from './global-default.js';

const priorityClass = (name: string, value: number, globalDefault?: boolean): KubeObject => ({
  apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...(globalDefault === undefined ? {} : { globalDefault }),
});

describe('globalDefaultClass', () => {
  it.each<[string, KubeObject[], string | undefined]>([
    ['none', [priorityClass('a', 1), priorityClass('b', 2, false)], undefined],
    ['the one default', [priorityClass('a', 1), priorityClass('b', 2, true)], 'b'],
    ['the lowest of several', [priorityClass('a', 30, true), priorityClass('b', 20, true), priorityClass('c', 10)], 'b'],
  ])('finds %s', (_name, classes, expected) => {
    expect(globalDefaultClass(classes)?.metadata.name).toBe(expected);
  });
});

describe('secondGlobalDefaultRefusal', () => {
  const existing = [priorityClass('first', 10, true), priorityClass('plain', 5)];

  it.each<[string, KubeObject, KubeObject[], string | undefined]>([
    ['a second default', priorityClass('second', 20, true), existing, 'PriorityClass first is already marked as default. Only one default can exist'],
    ['an existing class made default', priorityClass('plain', 5, true), existing, 'PriorityClass first is already marked as default. Only one default can exist'],
    ['the default itself, updated', priorityClass('first', 10, true), existing, undefined],
    ['a class that is not default', priorityClass('second', 20), existing, undefined],
    ['the first default', priorityClass('first', 10, true), [], undefined],
  ])('%s', (_name, written, classes, expected) => {
    expect(secondGlobalDefaultRefusal(written, classes)).toBe(expected);
  });
});
