import { describe, expect, it } from 'vitest';
import { daemonSetPrinter } from './daemon-set-printer.js';

const now = new Date('2024-05-01T12:00:00Z');
const metadata = { name: 'fluentd', namespace: 'kube-system', creationTimestamp: '2024-04-30T12:00:00Z' };
const containers = [{ name: 'fluentd', image: 'fluentd:v1' }];

describe('daemonSetPrinter', () => {
  it('declares its columns as printDaemonSet does, counts as integers', () => {
    expect(daemonSetPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'Desired:0', 'Current:0', 'Ready:0', 'Up-to-date:0', 'Available:0', 'Node Selector:0', 'Age:0', 'Containers:1', 'Images:1', 'Selector:1',
    ]);
    expect(daemonSetPrinter.columns.slice(1, 6).every((c) => c.type === 'integer')).toBe(true);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown> | undefined, unknown[]]>([
    [
      'a daemon set on every node',
      { selector: { matchLabels: { app: 'fluentd' } }, template: { spec: { containers } } },
      { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
      ['fluentd', 3, 3, 2, 3, 2, '<none>', '24h', 'fluentd', 'fluentd:v1', 'app=fluentd'],
    ],
    [
      'one with a node selector and no status yet',
      { selector: { matchLabels: { app: 'fluentd' } }, template: { spec: { containers, nodeSelector: { 'kubernetes.io/os': 'linux', disk: 'ssd' } } } },
      undefined,
      ['fluentd', 0, 0, 0, 0, 0, 'disk=ssd,kubernetes.io/os=linux', '24h', 'fluentd', 'fluentd:v1', 'app=fluentd'],
    ],
  ])('prints %s', (_name, spec, status, cells) => {
    expect(daemonSetPrinter.print({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata, spec, status }, now).cells).toEqual(cells);
  });
});
