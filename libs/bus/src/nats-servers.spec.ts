import { describe, expect, it } from 'vitest';
import type { KV, NatsConnection } from 'nats';
import { bucketReplicas, labBucket, natsServers } from './nats-servers.js';

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

describe('labBucket', () => {
  /** A connection whose JetStream answers each ask for a bucket with the next of `outcomes` (an error code, or the bucket). */
  const answering = (outcomes: (string | KV)[]) => {
    const asked: string[] = [];
    const nc = { jetstream: () => ({ views: { kv: async (name: string) => {
      asked.push(name);
      const next = outcomes.shift();
      if (typeof next === 'string') throw Object.assign(new Error(next), { code: next });
      return next;
    } } }) } as unknown as NatsConnection;
    return { nc, asked };
  };
  const bucket = {} as KV;

  it('asks again while JetStream times out, and binds the bucket once it answers', async () => {
    const { nc, asked } = answering(['TIMEOUT', 'TIMEOUT', bucket]);
    expect(await labBucket(nc, 'kubelab-leases', 1)).toBe(bucket);
    expect(asked).toEqual(['kubelab-leases', 'kubelab-leases', 'kubelab-leases']);
  });

  it('gives up after four timeouts, and at once on any other error', async () => {
    await expect(labBucket(answering(['TIMEOUT', 'TIMEOUT', 'TIMEOUT', 'TIMEOUT', bucket]).nc, 'b', 1)).rejects.toThrow('TIMEOUT');
    const refused = answering(['PERMISSIONS_VIOLATION', bucket]);
    await expect(labBucket(refused.nc, 'b', 1)).rejects.toThrow('PERMISSIONS_VIOLATION');
    expect(refused.asked).toHaveLength(1);
  });
});
