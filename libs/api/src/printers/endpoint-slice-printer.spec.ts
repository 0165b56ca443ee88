import { describe, expect, it } from 'vitest';
import { formatSliceEndpoints, formatSlicePorts } from './endpoint-slice-printer.js';

describe('endpoint slice cells', () => {
  it.each([
    { ports: undefined, text: '<unset>' },
    { ports: [{ port: 80 }], text: '80' },
    { ports: [{ name: 'http' }, {}], text: 'http,*' },
    { ports: [{ port: 1 }, { port: 2 }, { port: 3 }, { port: 4 }, { port: 5 }], text: '1,2,3 + 2 more...' },
  ])('ports $text', ({ ports, text }) => {
    expect(formatSlicePorts(ports)).toBe(text);
  });

  it.each([
    { endpoints: null, text: '<unset>' },
    { endpoints: [{ addresses: ['10.244.0.1'] }, { addresses: ['10.244.0.2'] }], text: '10.244.0.1,10.244.0.2' },
    { endpoints: [1, 2, 3, 4].map((i) => ({ addresses: [`10.0.0.${i}`] })), text: '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...' },
  ])('endpoints $text', ({ endpoints, text }) => {
    expect(formatSliceEndpoints(endpoints)).toBe(text);
  });
});
