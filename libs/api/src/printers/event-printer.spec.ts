import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { eventPrinter } from './event-printer.js';

const now = new Date('2024-05-01T12:00:00Z');

function event(fields: Partial<Event>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'web.17c', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
    ...fields,
  } as KubeObject;
}

describe('eventPrinter', () => {
  it('declares the 1.32 event columns in kube-apiserver order', () => {
    expect(eventPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Last Seen:0',
      'Type:0',
      'Reason:0',
      'Object:0',
      'Subobject:1',
      'Source:1',
      'Message:0',
      'First Seen:1',
      'Count:1',
      'Name:1',
    ]);
  });

  it('prints a core/v1 event', () => {
    const obj = event({
      type: 'Normal',
      reason: 'Pulled',
      message: '  Successfully pulled image "nginx"\n',
      involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{app}' },
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: '2024-05-01T11:50:00Z',
      lastTimestamp: '2024-05-01T11:59:15Z',
      count: 4,
    });
    expect(eventPrinter.print(obj, now).cells).toEqual([
      '45s',
      'Normal',
      'Pulled',
      'pod/web',
      'spec.containers{app}',
      'kubelet, node-1',
      'Successfully pulled image "nginx"',
      '10m',
      4,
      'web.17c',
    ]);
  });

  it('prints an events.k8s.io event from eventTime, series and the reporting controller', () => {
    const obj = event({
      type: 'Warning',
      reason: 'FailedScheduling',
      message: '0/1 nodes are available',
      involvedObject: { kind: 'Pod', name: 'web' },
      eventTime: '2024-05-01T11:58:00.000000Z',
      series: { count: 7, lastObservedTime: '2024-05-01T11:59:50.000000Z' },
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-node-1',
    });
    expect(eventPrinter.print(obj, now).cells).toEqual([
      '10s',
      'Warning',
      'FailedScheduling',
      'pod/web',
      '',
      'default-scheduler, default-scheduler-node-1',
      '0/1 nodes are available',
      '2m',
      7,
      'web.17c',
    ]);
  });

  it.each<[Partial<Event>, unknown[]]>([
    [{ involvedObject: { kind: 'Node' } }, ['<unknown>', '', '', 'node', '', '', '', '<unknown>', 1, 'web.17c']],
    [
      { involvedObject: { kind: 'Deployment', name: 'api' }, firstTimestamp: '2024-05-01T11:00:00Z', source: { component: 'deployment-controller' } },
      ['60m', '', '', 'deployment/api', '', 'deployment-controller', '', '60m', 1, 'web.17c'],
    ],
  ])('fills gaps the way printEvent does for %j', (fields, cells) => {
    expect(eventPrinter.print(event(fields), now).cells).toEqual(cells);
  });
});
