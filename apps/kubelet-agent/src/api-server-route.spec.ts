import { describe, expect, it } from 'vitest';
import { podHttpRequest, podHttpResponse } from './api-server-route.js';

describe('the kubernetes Service route to the api-server', () => {
  it('sends the method, the path with its query, the headers by lower-case name and the body', () => {
    const target = new URL('https://kubernetes.default.svc/api/v1/namespaces/default/pods?limit=1');
    expect(podHttpRequest(target, {
      method: 'post', headers: [['Host', 'kubernetes.default.svc'], ['Authorization', 'Bearer abc'], ['X-A', '1'], ['x-a', '2']], body: '{}',
    })).toEqual({
      method: 'POST', path: '/api/v1/namespaces/default/pods?limit=1',
      headers: { host: 'kubernetes.default.svc', authorization: 'Bearer abc', 'x-a': '1, 2' }, body: '{}',
    });
  });

  it('makes a plain GET of a request that says nothing', () => {
    expect(podHttpRequest(new URL('https://10.96.0.1'))).toEqual({ method: 'GET', path: '/', headers: {} });
  });

  it('answers with status, headers and body, over HTTP/2', () => {
    expect(podHttpResponse({ status: 403, headers: [['content-type', 'application/json']], body: '{}\n' }))
      .toEqual({ status: 403, headers: [['content-type', 'application/json']], body: '{}\n', http2: true });
  });
});
