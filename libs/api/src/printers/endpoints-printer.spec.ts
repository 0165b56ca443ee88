import type { EndpointSubset } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { endpointsPrinter } from './endpoints-printer.js';

const now = new Date('2024-05-01T12:00:00Z');

function endpoints(subsets?: EndpointSubset[]): KubeObject {
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-05-01T11:59:30Z' }, subsets };
}

const addresses = (...ips: string[]) => ips.map((ip) => ({ ip }));

describe('endpointsPrinter', () => {
  it.each<[string, EndpointSubset[] | undefined, string]>([
    ['no subsets', undefined, '<none>'],
    ['an empty subset list', [], '<none>'],
    ['two addresses on one port', [{ addresses: addresses('10.244.1.5', '10.244.2.3'), ports: [{ port: 80 }] }], '10.244.1.5:80,10.244.2.3:80'],
    ['addresses without ports', [{ addresses: addresses('10.244.1.5') }], '10.244.1.5'],
    ['an IPv6 address', [{ addresses: addresses('fd00::5'), ports: [{ port: 80 }] }], '[fd00::5]:80'],
    [
      'more than three entries',
      [
        { addresses: addresses('10.0.0.1', '10.0.0.2'), ports: [{ port: 80 }, { port: 443 }] },
        { addresses: addresses('10.0.1.1'), ports: [{ port: 80 }] },
      ],
      '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 2 more...',
    ],
    ['only not-ready addresses', [{ notReadyAddresses: addresses('10.0.0.1'), ports: [{ port: 80 }] }], ''],
  ])('ENDPOINTS with %s is %j', (_name, subsets, expected) => {
    expect(endpointsPrinter.print(endpoints(subsets), now).cells).toEqual(['web', expected, '30s']);
  });
});
