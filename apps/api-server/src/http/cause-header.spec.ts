import { describe, expect, it } from 'vitest';
import { causeOf } from './kube-http.js';

describe('causeOf (the kubelab-cause header of a write)', () => {
  it('is null without the header, and the seq it names', () => {
    expect(causeOf({ headers: {} })).toBeNull();
    expect(causeOf({ headers: { 'kubelab-cause': '42' } })).toBe(42);
  });

  it.each(['0', '-3', '4.5', 'seq 3', '', '12345678901234567'])('refuses %j with a 400 that says what it must be', (given) => {
    expect(() => causeOf({ headers: { 'kubelab-cause': given } })).toThrow(expect.objectContaining({
      status: expect.objectContaining({ code: 400, reason: 'BadRequest', message: `the kubelab-cause header must be the seq of an entry of the event log (a positive whole number), got ${JSON.stringify(given)}` }),
    }));
  });
});
