import { describe, expect, it } from 'vitest';
import { statefulSetPrinter } from './stateful-set-printer.js';

const now = new Date('2024-05-01T12:00:00Z');
const metadata = { name: 'web', namespace: 'default', creationTimestamp: '2024-05-01T11:58:00Z' };
const template = { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };

describe('statefulSetPrinter', () => {
  it('declares NAME READY AGE and wide CONTAINERS IMAGES', () => {
    expect(statefulSetPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual(['Name:0', 'Ready:0', 'Age:0', 'Containers:1', 'Images:1']);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown> | undefined, unknown[]]>([
    ['a new stateful set', { replicas: 3, template }, undefined, ['web', '0/3', '2m', 'nginx', 'nginx:1.27']],
    ['a ready one', { replicas: 2, template }, { replicas: 2, readyReplicas: 2 }, ['web', '2/2', '2m', 'nginx', 'nginx:1.27']],
    ['one scaled to zero', { replicas: 0, template }, { replicas: 0 }, ['web', '0/0', '2m', 'nginx', 'nginx:1.27']],
  ])('prints %s', (_name, spec, status, cells) => {
    expect(statefulSetPrinter.print({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata, spec, status }, now).cells).toEqual(cells);
  });
});
