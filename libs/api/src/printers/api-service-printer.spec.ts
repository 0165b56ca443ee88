import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { apiServicePrinter } from './api-service-printer.js';
import { creationTimestampDescription, nameDescription } from './columns.js';

const now = new Date('2024-05-01T12:00:00Z');

describe('apiServicePrinter', () => {
  it('declares NAME SERVICE AVAILABLE AGE', () => {
    expect(apiServicePrinter.columns.map((c) => [c.name, c.description])).toEqual([
      ['Name', nameDescription],
      ['Service', 'The reference to the service that hosts this API endpoint.'],
      ['Available', 'Whether this service is available.'],
      ['Age', creationTimestampDescription],
    ]);
  });

  it.each<[string, object, object, unknown[]]>([
    ['a local group version', { group: 'apps', version: 'v1', groupPriorityMinimum: 17800, versionPriority: 15 }, { conditions: [{ type: 'Available', status: 'True', reason: 'Local', message: 'Local APIServices are always available' }] }, ['v1.apps', 'Local', 'True', '60m']],
    [
      'metrics-server without endpoints',
      { group: 'metrics.k8s.io', version: 'v1beta1', service: { namespace: 'kube-system', name: 'metrics-server', port: 443 }, insecureSkipTLSVerify: true, groupPriorityMinimum: 100, versionPriority: 100 },
      { conditions: [{ type: 'Available', status: 'False', reason: 'MissingEndpoints', message: 'endpoints for service/metrics-server in "kube-system" have no addresses' }] },
      ['v1.apps', 'kube-system/metrics-server', 'False (MissingEndpoints)', '60m'],
    ],
    ['an unknown condition without reason', { group: 'x.io', version: 'v1' }, { conditions: [{ type: 'Available', status: 'Unknown' }] }, ['v1.apps', 'Local', 'Unknown', '60m']],
    ['no conditions yet', { group: 'x.io', version: 'v1' }, {}, ['v1.apps', 'Local', 'Unknown', '60m']],
  ])('prints %s', (_name, spec, status, cells) => {
    const obj = { apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: 'v1.apps', creationTimestamp: '2024-05-01T11:00:00Z' }, spec, status } as KubeObject;
    expect(apiServicePrinter.print(obj, now).cells).toEqual(cells);
  });
});
