import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import type { ResourceType } from '../registry.js';
import { resourceTypes } from '../registry.js';
import { creationTimestampDescription, nameDescription } from './columns.js';
import { printTable } from './print-table.js';

const now = new Date('2024-05-01T12:00:00Z');
const typeOf = (kind: string) => resourceTypes.find((t) => t.kind === kind)!;

const lease: KubeObject = {
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: {
    name: 'node-1',
    namespace: 'kube-node-lease',
    uid: 'u-1',
    resourceVersion: '42',
    creationTimestamp: '2024-05-01T11:00:00Z',
    labels: { a: 'b' },
    managedFields: [{ manager: 'kubelet', operation: 'Update' }],
  },
  spec: { holderIdentity: 'node-1' },
};

describe('printTable', () => {
  it('builds a meta.k8s.io/v1 Table with PartialObjectMetadata rows by default', () => {
    const table = printTable(typeOf('Lease'), [lease], now, 'Metadata', { resourceVersion: '57' });
    expect(table).toEqual({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '57' },
      columnDefinitions: [
        { name: 'Name', type: 'string', format: 'name', description: nameDescription, priority: 0 },
        {
          name: 'Holder',
          type: 'string',
          format: '',
          description:
            'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.',
          priority: 0,
        },
        { name: 'Age', type: 'string', format: '', description: creationTimestampDescription, priority: 0 },
      ],
      rows: [
        {
          cells: ['node-1', 'node-1', '60m'],
          object: {
            kind: 'PartialObjectMetadata',
            apiVersion: 'meta.k8s.io/v1',
            metadata: {
              name: 'node-1',
              namespace: 'kube-node-lease',
              uid: 'u-1',
              resourceVersion: '42',
              creationTimestamp: '2024-05-01T11:00:00Z',
              labels: { a: 'b' },
            },
          },
        },
      ],
    });
  });

  it.each([
    ['None', undefined],
    ['Object', lease],
  ] as const)('carries includeObject=%s', (include, object) => {
    const [row] = printTable(typeOf('Lease'), [lease], now, include).rows;
    expect(row.object).toEqual(object);
  });

  it('never shares or changes the stored object', () => {
    const table = printTable(typeOf('Lease'), [lease], now, 'Object');
    expect(table.rows[0].object).not.toBe(lease);
    const partial = printTable(typeOf('Lease'), [lease], now, 'Metadata').rows[0].object!;
    partial.metadata.name = 'changed';
    expect(lease.metadata.name).toBe('node-1');
    expect(lease.metadata.managedFields).toHaveLength(1);
  });

  it('passes the continue token and leaves resourceVersion out when unknown', () => {
    expect(printTable(typeOf('Lease'), [], now, 'None', { resourceVersion: '9', continue: 'abc' }).metadata).toEqual({
      resourceVersion: '9',
      continue: 'abc',
    });
    const empty = printTable(typeOf('Lease'), [], now, 'None');
    expect(empty.metadata).toEqual({});
    expect(empty.rows).toEqual([]);
    expect(empty.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Holder', 'Age']);
  });

  it.each([
    ['Pod', ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']],
    ['Service', ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector']],
    ['Endpoints', ['Name', 'Endpoints', 'Age']],
    ['Event', ['Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name']],
    ['LimitRange', ['Name', 'Created At']],
    ['Namespace', ['Name', 'Status', 'Age']],
    ['Node', ['Name', 'Status', 'Roles', 'Age', 'Version', 'Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime']],
    ['Deployment', ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']],
    ['ReplicaSet', ['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers', 'Images', 'Selector']],
    ['Job', ['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers', 'Images', 'Selector']],
    ['Lease', ['Name', 'Holder', 'Age']],
  ])('dispatches %s to its printer', (kind, columns) => {
    const table = printTable(typeOf(kind), [], now, 'None');
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(columns);
  });

  it('prints every served kind with one cell per column', () => {
    for (const type of resourceTypes) {
      const obj: KubeObject = { apiVersion: 'v1', kind: type.kind, metadata: { name: 'x', creationTimestamp: '2024-05-01T11:59:00Z' } };
      const table = printTable(type, [obj], now, 'None');
      expect(table.rows[0].cells, type.kind).toHaveLength(table.columnDefinitions.length);
    }
  });

  it('prints LimitRanges the default way, with an RFC 3339 creation time', () => {
    const limits: KubeObject = {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'limits', namespace: 'default', creationTimestamp: '2024-04-30T08:15:30.250Z' },
      spec: { limits: [] },
    };
    const table = printTable(typeOf('LimitRange'), [limits], now, 'None');
    expect(table.columnDefinitions[1]).toEqual({
      name: 'Created At',
      type: 'date',
      format: '',
      description: creationTimestampDescription,
      priority: 0,
    });
    expect(table.rows[0].cells).toEqual(['limits', '2024-04-30T08:15:30Z']);
    const undated = { ...limits, metadata: { name: 'limits' } };
    expect(printTable(typeOf('LimitRange'), [undated], now, 'None').rows[0].cells).toEqual(['limits', '0001-01-01T00:00:00Z']);
  });

  it('falls back to NAME AGE for a kind without a printer', () => {
    const widgets: ResourceType = { ...typeOf('Lease'), kind: 'Widget', plural: 'widgets', singular: 'widget' };
    const widget: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', creationTimestamp: '2024-05-01T11:58:00Z' } };
    const table = printTable(widgets, [widget], now, 'None');
    expect(table.columnDefinitions.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Age', 0],
    ]);
    expect(table.rows).toEqual([{ cells: ['w', '2m'] }]);
  });

  it('keeps pod row conditions next to the object', () => {
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'done' }, spec: { containers: [] }, status: { phase: 'Succeeded' } };
    const [row] = printTable(typeOf('Pod'), [pod], now, 'None').rows;
    expect(row.conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
  });
});
