import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { jsonPathValues } from './json-path.js';
import { customResourcePrinter } from './printer.js';

const now = new Date('2026-01-01T00:10:00Z');
const crontab: KubeObject = {
  apiVersion: 'stable.example.com/v1', kind: 'CronTab',
  metadata: { name: 'my-new-cron-object', creationTimestamp: '2026-01-01T00:05:00Z' },
  spec: { cronSpec: '* * * * */5', replicas: 3 },
  status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Synced', status: 'False' }] },
};

describe('custom resource printer', () => {
  it('prints NAME AGE when the CRD has no columns', () => {
    const printer = customResourcePrinter([]);
    expect(printer.columns.map((c) => c.name)).toEqual(['Name', 'Age']);
    expect(printer.print(crontab, now).cells).toEqual(['my-new-cron-object', '5m']);
  });

  it('prints the additionalPrinterColumns by type, <none> when the path finds nothing', () => {
    const printer = customResourcePrinter([
      { name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' },
      { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas', priority: 1 },
      { name: 'Image', type: 'string', jsonPath: '.spec.image' },
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ]);
    expect(printer.columns.map((c) => [c.name, c.priority])).toEqual([['Name', 0], ['Spec', 0], ['Replicas', 1], ['Image', 0], ['Ready', 0], ['Age', 0]]);
    expect(printer.print(crontab, now).cells).toEqual(['my-new-cron-object', '* * * * */5', 3, '<none>', 'True', '5m']);
  });

  it('reads indexes and wildcards', () => {
    expect(jsonPathValues(crontab, '.status.conditions[1].type')).toEqual(['Synced']);
    expect(jsonPathValues(crontab, '{.status.conditions[*].status}')).toEqual(['True', 'False']);
  });
});
