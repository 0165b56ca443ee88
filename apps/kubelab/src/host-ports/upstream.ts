/**
 * One HTTP request from the host carried to a pod, as kube-proxy and an ingress controller's upstream do: asked of
 * the agent of the pod's node, its answer written back.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { subjects, type ApiClient } from '@kubelab/bus';
import type { HttpResponse } from '@kubelab/shell';

/** A pod's address and port, and the node that runs it (whose agent answers for it). */
export interface PodEndpoint {
  ip: string;
  port: number;
  node: string;
}

/**
 * How a request from the host enters the cluster: through a node (kube-proxy's SNAT gives it the node's address), the
 * Ingress controller's pod, or keeping the client's own address (externalTrafficPolicy Local), which the pod's
 * NetworkPolicies then judge and its app sees.
 */
export type HostEntry = 'node' | 'ingress' | { client: string };

/** How long a request waits for the pod's answer before the connection is dropped. */
const answerTimeoutMs = 10_000;
/** Headers the host's HTTP server sets itself for the body it sends. */
const framingHeaders = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);
/** Headers of one hop, which a proxy does not pass on (RFC 9110 7.6.1), and Host, which goes apart. */
const hopHeaders = new Set([...framingHeaders, 'host', 'proxy-connection', 'proxy-authorization', 'te', 'trailer', 'upgrade']);

/** The headers a proxy passes on to the pod, from Node's view of a request's (or a route's changed) headers. */
export function passedHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): [string, string][] {
  return Object.entries(headers).flatMap(([name, value]) => (value === undefined || hopHeaders.has(name.toLowerCase()) ? [] : [[name, Array.isArray(value) ? value.join(', ') : value] as [string, string]]));
}
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Asks the pod at `endpoint` for `path`, with the Host and the other headers the request names (kube-proxy and nginx
 * pass them on; the client stays the pod network's gateway, as SNAT leaves it), having entered the cluster `via` a node
 * (a node port, a load balancer, a Gateway) or the Ingress controller, which the pod's NetworkPolicies judge.
 * Undefined: no answer (nothing listens, or a policy dropped it).
 */
export async function askPod(
  client: ApiClient, endpoint: PodEndpoint, path: string, host: string | undefined, headers: readonly [string, string][], via: HostEntry,
): Promise<HttpResponse | undefined> {
  try {
    const entered = typeof via === 'string' ? { via } : { via: 'client', clientIP: via.client };
    const asked = { podIP: endpoint.ip, port: endpoint.port, path, ...entered, headers, ...(host ? { host } : {}) };
    const reply = await client.connection.request(subjects.agentHttp(endpoint.node), encoder.encode(JSON.stringify(asked)), { timeout: answerTimeoutMs });
    return (JSON.parse(decoder.decode(reply.data)) as { answer?: HttpResponse }).answer;
  } catch {
    return undefined;
  }
}

/** Writes a pod's answer back to the host's client, with `extraHeaders` after its own. */
export function answerWith(answer: HttpResponse, request: IncomingMessage, response: ServerResponse, extraHeaders: readonly (readonly [string, string])[] = []): void {
  // Bodies are byte strings, one character a byte.
  const body = Buffer.from(answer.body, 'latin1');
  const headers = [...(answer.headers ?? []), ...extraHeaders].filter(([name]) => !framingHeaders.has(name.toLowerCase())).flat();
  response.writeHead(answer.status, [...headers, 'Content-Length', String(body.length)]);
  response.end(request.method === 'HEAD' ? undefined : body);
}

/**
 * Sends `request` to `endpoint` at `path` and its answer back through `response` (see askPod). No answer is `false`, the
 * request left for the caller to end.
 */
export async function carry(client: ApiClient, endpoint: PodEndpoint, path: string, request: IncomingMessage, response: ServerResponse, via: HostEntry): Promise<boolean> {
  const answer = await askPod(client, endpoint, path, request.headers.host, passedHeaders(request.headers), via);
  if (!answer) return false;
  answerWith(answer, request, response);
  return true;
}
