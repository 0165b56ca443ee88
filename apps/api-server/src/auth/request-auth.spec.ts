import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { credentialsOf } from './request-auth.js';

/** A TLS connection whose client sent `peer` (an empty object: no certificate), and how often OpenSSL was asked for it. */
function connection(peer: object, authorized = true) {
  const socket = { authorized, asked: 0, getPeerCertificate() { this.asked++; return peer; } };
  const request = (authorization?: string) => ({ socket, headers: authorization ? { authorization } : {} }) as unknown as IncomingMessage;
  return { socket, request };
}

describe('credentialsOf', () => {
  it('reads the client certificate once per connection, and each request\'s own Authorization header', () => {
    const c = connection({ subject: { CN: 'kubelet', O: ['system:nodes', 'lab'] } });
    const certificate = { commonName: 'kubelet', organizations: ['system:nodes', 'lab'] };
    expect(credentialsOf(c.request())).toEqual({ certificate });
    expect(credentialsOf(c.request('Bearer abc'))).toEqual({ certificate, authorization: 'Bearer abc' });
    expect(c.socket.asked).toBe(1);
  });

  it('tells an unverified certificate and no certificate apart, per connection', () => {
    const unverified = connection({ subject: { CN: 'mallory' } }, false);
    expect(credentialsOf(unverified.request('Bearer abc'))).toEqual({ certificate: 'unverified' });
    expect(credentialsOf(unverified.request())).toEqual({ certificate: 'unverified' });
    const none = connection({});
    expect(credentialsOf(none.request())).toEqual({});
    expect(credentialsOf(none.request('Bearer abc'))).toEqual({ authorization: 'Bearer abc' });
    expect(none.socket.asked).toBe(1);
    expect(credentialsOf({ socket: {}, headers: {} } as unknown as IncomingMessage)).toEqual({});
  });
});
