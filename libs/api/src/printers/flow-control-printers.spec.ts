import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { resourceTypes } from '../registry.js';
import { flowSchemaPrinter, priorityLevelConfigurationPrinter } from './flow-control-printers.js';
import { printTable } from './print-table.js';

const now = new Date('2024-05-01T12:00:00Z');
const meta = (name: string) => ({ name, creationTimestamp: '2024-04-01T12:00:00Z' });

function flowSchema(name: string, matchingPrecedence: number, extra: { spec?: object; status?: object } = {}): KubeObject {
  return {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: meta(name),
    spec: { priorityLevelConfiguration: { name: 'workload-low' }, matchingPrecedence, ...extra.spec },
    status: extra.status ?? {},
  };
}

describe('flowSchemaPrinter', () => {
  it('declares the columns, MISSINGPL after AGE', () => {
    expect(flowSchemaPrinter.columns.map((c) => c.name)).toEqual(['Name', 'PriorityLevel', 'MatchingPrecedence', 'DistinguisherMethod', 'Age', 'MissingPL']);
  });

  it.each<[string, KubeObject, unknown[]]>([
    [
      'the service-accounts schema of a fresh cluster',
      flowSchema('service-accounts', 9000, { spec: { distinguisherMethod: { type: 'ByUser' } }, status: { conditions: [{ type: 'Dangling', status: 'False', reason: 'Found' }] } }),
      ['service-accounts', 'workload-low', 9000, 'ByUser', '30d', 'False'],
    ],
    ['a schema the controller has not looked at', flowSchema('exempt', 1), ['exempt', 'workload-low', 1, '<none>', '30d', '?']],
  ])('prints %s', (_name, obj, cells) => {
    expect(flowSchemaPrinter.print(obj, now).cells).toEqual(cells);
  });

  it('lists schemas by matching precedence, then by name', () => {
    const type = { ...resourceTypes[0], kind: 'FlowSchema' };
    const table = printTable(type, [flowSchema('global-default', 9900), flowSchema('system-nodes', 500), flowSchema('kube-system', 500), flowSchema('exempt', 1)], now, 'None');
    expect(table.rows.map((r) => r.cells[0])).toEqual(['exempt', 'kube-system', 'system-nodes', 'global-default']);
  });
});

describe('priorityLevelConfigurationPrinter', () => {
  it.each<[string, object, unknown[]]>([
    ['the exempt level', { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } }, ['level', 'Exempt', '<none>', '<none>', '<none>', '<none>', '30d']],
    [
      'a queuing level (workload-low)',
      { type: 'Limited', limited: { nominalConcurrencyShares: 100, lendablePercent: 90, limitResponse: { type: 'Queue', queuing: { queues: 128, handSize: 6, queueLengthLimit: 50 } } } },
      ['level', 'Limited', 100, 128, 6, 50, '30d'],
    ],
    ['a level that rejects (catch-all)', { type: 'Limited', limited: { nominalConcurrencyShares: 5, limitResponse: { type: 'Reject' } } }, ['level', 'Limited', 5, '<none>', '<none>', '<none>', '30d']],
  ])('prints %s', (_name, spec, cells) => {
    const obj = { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: meta('level'), spec } as KubeObject;
    expect(priorityLevelConfigurationPrinter.print(obj, now).cells).toEqual(cells);
  });
});
