import { describe, expect, it } from 'vitest';
import { TextTemplate } from './text-template.js';

const pod = (name: string, ip: string, extra: Record<string, unknown> = {}) => JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop', labels: { app: 'web' }, annotations: { note: 'say "hi"\\ there' }, ...extra },
  spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx:1.27' }] },
  status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null }], message: '' },
});

describe('a text template', () => {
  const template = new TextTemplate(pod('web-1', '10.244.1.5'));

  it.each([
    ['itself', pod('web-1', '10.244.1.5')],
    ['a pod of the same shape', pod('web-22', '10.244.3.17')],
    ['one that differs in its first and last pieces', pod('web-1', '10.244.1.5').replace('{"apiVersion', '{"apiversion').replace(/}$/, ' }')],
    ['one whose values hold escaped quotes and backslashes', pod('web-2', '10.244.1.6').replace('say \\"hi\\"', 'say \\"bye\\"')],
  ])('gives back %s exactly', (_title, json) => {
    const delta = template.delta(json)!;
    expect(template.expand(delta)).toBe(json);
  });

  it('holds a pod of its shape as the values that differ and references to the rest', () => {
    const delta = template.delta(pod('web-22', '10.244.3.17'))!;
    expect(delta.split('"').filter((item) => !item.startsWith('\u0001'))).toEqual(['web-22', '10.244.3.17', '10.244.3.17']);
    expect(delta.length).toBeLessThan(60);
    expect(template.delta(pod('web-1', '10.244.1.5'))).toBe(`\u00010,${template.text.split('"').length.toString(36)}`);
  });

  it('refuses a text of another shape, and one holding its reference mark', () => {
    expect(template.delta(pod('web-3', '10.244.1.7', { finalizers: ['x'] }))).toBeUndefined();
    expect(template.delta(pod('web-3', '10.244.1.7').replace('node-1', 'node\u00011'))).toBeUndefined();
  });
});
