/**
 * The `kubernetes` Service as a container reaches it: its ClusterIP on 443 leads to the
 * api-server's secure port, which the lab serves over NATS (`kubelab.api.pod-http`). Pure
 * mapping between what the shell's wget and curl send and get and the messages on that subject.
 */
import type { KubeObject } from '@kubelab/api';
import type { PodHttpReply, PodHttpRequest } from '@kubelab/bus';
import type { HttpRequestOptions, HttpResponse } from '@kubelab/shell';

/** The Service in front of the api-server, which every cluster has. */
export const isApiServerService = (svc: KubeObject) => svc.metadata.namespace === 'default' && svc.metadata.name === 'kubernetes';

/** Go's net/http answer to plain HTTP on a TLS port (the api-server's, when a client forgets https://). */
export const plainHttpOnTlsPort: HttpResponse = { status: 400, body: 'Client sent an HTTP request to an HTTPS server.\n' };

/** The request as it crosses to the api-server: the path with its query, header names in lower case (repeats joined as HTTP joins them). */
export function podHttpRequest(target: URL, request: HttpRequestOptions = {}): PodHttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of request.headers ?? []) {
    const key = name.toLowerCase();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  return {
    method: (request.method ?? 'GET').toUpperCase(),
    path: `${target.pathname || '/'}${target.search}`,
    headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  };
}

/** The api-server's answer as the client sees it: over TLS, HTTP/2 where the client offers it (curl does). */
export function podHttpResponse(reply: PodHttpReply): HttpResponse {
  return { status: reply.status, body: reply.body, headers: reply.headers, http2: true };
}
