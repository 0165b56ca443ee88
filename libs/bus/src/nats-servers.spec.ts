import { describe, expect, it } from 'vitest';
import { bucketReplicas, natsServers } from './nats-servers.js';

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
