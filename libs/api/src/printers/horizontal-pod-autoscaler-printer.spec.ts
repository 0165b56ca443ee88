import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { horizontalPodAutoscalerPrinter } from './horizontal-pod-autoscaler-printer.js';

const now = new Date('2024-05-01T12:00:00Z');

function hpa(spec: object, status: object = {}): KubeObject {
  return {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'php-apache', namespace: 'default', creationTimestamp: '2024-05-01T11:00:00Z' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, minReplicas: 1, maxReplicas: 10, ...spec },
    status,
  };
}

const cpu50 = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } };

describe('horizontalPodAutoscalerPrinter', () => {
  it('declares NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE', () => {
    expect(horizontalPodAutoscalerPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age']);
    expect(horizontalPodAutoscalerPrinter.columns[2].description).toMatch(/^metrics contains the specifications for which to use/);
  });

  it.each<[string, KubeObject, unknown[]]>([
    ['the php-apache walkthrough under load', hpa({ metrics: [cpu50] }, { currentReplicas: 7, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 68, averageValue: '170m' } } }] }), ['php-apache', 'Deployment/php-apache', 'cpu: 68%/50%', '1', 10, 7, '60m']],
    ['metrics not collected yet', hpa({ metrics: [cpu50] }), ['php-apache', 'Deployment/php-apache', 'cpu: <unknown>/50%', '1', 10, 0, '60m']],
    ['no metrics and no minimum', hpa({ minReplicas: undefined }), ['php-apache', 'Deployment/php-apache', '<none>', '<unset>', 10, 0, '60m']],
  ])('prints %s', (_name, obj, cells) => {
    expect(horizontalPodAutoscalerPrinter.print(obj, now).cells).toEqual(cells);
  });

  it.each<[string, object[], object[], string]>([
    ['an average-value resource target', [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } }], [{ type: 'Resource', resource: { name: 'memory', current: { averageValue: '262144k' } } }], 'memory: 262144k/500Mi'],
    ['a utilization target without its number', [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }], [], 'cpu: <unknown>/<auto>'],
    ['a container resource', [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'application', target: { type: 'Utilization', averageUtilization: 60 } } }], [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'application', current: { averageUtilization: 30 } } }], 'cpu: 30%/60%'],
    ['a pods metric', [{ type: 'Pods', pods: { metric: { name: 'packets-per-second' }, target: { type: 'AverageValue', averageValue: '1k' } } }], [{ type: 'Pods', pods: { metric: { name: 'packets-per-second' }, current: { averageValue: '1500m' } } }], '1500m/1k'],
    ['an object metric by value', [{ type: 'Object', object: { metric: { name: 'requests-per-second' }, describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main-route' }, target: { type: 'Value', value: '10k' } } }], [], '<unknown>/10k'],
    ['an object metric by average', [{ type: 'Object', object: { metric: { name: 'rps' }, describedObject: { kind: 'Service', name: 's' }, target: { type: 'AverageValue', averageValue: '2' } } }], [{ type: 'Object', object: { metric: { name: 'rps' }, current: { averageValue: '3' } } }], '3/2 (avg)'],
    ['an external metric by average', [{ type: 'External', external: { metric: { name: 'queue_messages_ready' }, target: { type: 'AverageValue', averageValue: '30' } } }], [], '<unknown>/30 (avg)'],
    ['an external metric by value', [{ type: 'External', external: { metric: { name: 'queue' }, target: { type: 'Value', value: '100' } } }], [{ type: 'External', external: { metric: { name: 'queue' }, current: { value: '40' } } }], '40/100'],
    ['an unknown metric type', [{ type: 'Custom' }], [], '<unknown type>'],
    [
      'more than two metrics',
      [cpu50, { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } }, { type: 'Pods', pods: { metric: { name: 'pps' }, target: { type: 'AverageValue', averageValue: '1k' } } }],
      [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 45 } } }],
      'cpu: 45%/50%, memory: <unknown>/80% + 1 more...',
    ],
  ])('formats %s', (_name, metrics, currentMetrics, targets) => {
    expect(horizontalPodAutoscalerPrinter.print(hpa({ metrics }, { currentMetrics }), now).cells[2]).toBe(targets);
  });
});
