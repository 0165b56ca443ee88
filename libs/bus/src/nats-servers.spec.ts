import { describe, expect, it, vi } from 'vitest';
import { bucketReplicas, natsServers, untilNatsAnswers } from './nats-servers.js';

describe('natsServers', () => {
  it.each([
    ['nats://127.0.0.1:4222', ['nats://127.0.0.1:4222']],
    ['nats://a:4222,nats://b:4223', ['nats://a:4222', 'nats://b:4223']],
    [' nats://a:4222 , nats://b:4223 ,', ['nats://a:4222', 'nats://b:4223']],
    ['nats:4222', ['nats:4222']],
    ['tls://nats.example:4222,nats://10.0.0.2:4222', ['tls://nats.example:4222', 'nats://10.0.0.2:4222']],
  ])('%s names %j', (url, servers) => {
    expect(natsServers(url)).toEqual(servers);
  });

  it.each([
    ['', /must name a NATS server/],
    [' , ', /must name a NATS server/],
    ['nats://a:4222,http://[bad', /"http:\/\/\[bad" is none/],
  ])('refuses %j', (url, message) => {
    expect(() => natsServers(url)).toThrow(message);
  });
});

describe('bucketReplicas', () => {
  it.each([
    ['nats://a:4222', 1],
    ['nats://a:4222,nats://b:4222', 2],
    ['nats://a:4222,nats://b:4222,nats://c:4222', 3],
    ['nats://a:1,nats://b:2,nats://c:3,nats://d:4,nats://e:5', 3],
  ])('%s: %i copies', (url, replicas) => {
    expect(bucketReplicas(url)).toBe(replicas);
  });
});

describe('untilNatsAnswers', () => {
  /** An ask answered with the next of `outcomes` (an error code, or the value), counting the asks. */
  const answering = (outcomes: (string | number)[]) => {
    let asked = 0;
    const ask = async () => {
      asked++;
      const next = outcomes.shift();
      if (typeof next === 'string') throw Object.assign(new Error(next), { code: next });
      return next;
    };
    return { ask, asked: () => asked };
  };

  it('asks again while NATS times out, and gives what it answers at last', async () => {
    const { ask, asked } = answering(['TIMEOUT', 'TIMEOUT', 7]);
    expect(await untilNatsAnswers("JetStream's bucket b", ask)).toBe(7);
    expect(asked()).toBe(3);
  });

  it('throws any other error at once', async () => {
    const { ask, asked } = answering(['503', 7]);
    await expect(untilNatsAnswers("JetStream's bucket b", ask)).rejects.toThrow('503');
    expect(asked()).toBe(1);
  });

  it('asks again while a NATS cluster still forms (no suitable peers for placement), and names it once its patience is spent', async () => {
    const forming = () => Object.assign(new Error('no suitable peers for placement'), { code: '400', api_error: { code: 400, err_code: 10005, description: 'no suitable peers for placement' } });
    let asked = 0;
    vi.useFakeTimers();
    try {
      const made = untilNatsAnswers("JetStream's bucket b", async () => (++asked < 3 ? Promise.reject(forming()) : 'made'));
      await vi.runAllTimersAsync();
      expect(await made).toBe('made');
    } finally {
      vi.useRealTimers();
    }
    expect(asked).toBe(3);
    await expect(untilNatsAnswers("JetStream's bucket kubelab-volumes", () => Promise.reject(forming()), 0)).rejects.toThrow(
      "JetStream's bucket kubelab-volumes was not placed within 0 s (JetStream: no suitable peers for placement): are the NATS cluster's members up and routed to each other?");
  });

  it('names what was not answered once its patience is spent', async () => {
    const { ask, asked } = answering(['TIMEOUT', 7]);
    await expect(untilNatsAnswers("JetStream's bucket kubelab-node-leases", ask, 0)).rejects.toThrow(
      "JetStream's bucket kubelab-node-leases was not answered within 0 s (NATS TIMEOUT): is nats-server overloaded?");
    expect(asked()).toBe(1);
  });
});
