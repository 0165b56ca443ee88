/**
 * pods/proxy: an HTTP request to a port of the pod, as kube-apiserver's proxy makes it
 * (pkg/registry/core/pod/strategy.go ResourceLocation), carried over one port-forward
 * ContainerStream since the lab's pods have no routable address. The request goes out with
 * `Connection: close` and the pod's answer comes back byte for byte, framing included.
 */
import type { ServerResponse } from 'node:http';
import { ApiError, badRequest, serviceUnavailable, type KubeObject, type Pod } from '@kubelab/api';
import type { OpenContainerStream } from './container-stream.js';
import { portForwardTarget } from './stream-target.js';
import type { StreamGauge } from './stream-gauge.js';

/** `/api/v1/namespaces/NS/pods/[SCHEME:]NAME[:PORT]/proxy[/PATH]`, split up. */
export interface PodProxyPath {
  namespace: string;
  name: string;
  port?: string;
  path: string;
}

/** The request as the proxy needs it. */
export interface ProxiedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer | undefined;
}

const proxyPath = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/proxy(\/.*)?$/;

/** Headers that belong to one hop (RFC 9110 §7.6.1) or that the proxy sets itself. */
const notForwarded = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'authorization']);

/** The proxied pod, port and path of a request, or undefined when the path is no pod proxy. */
export function parsePodProxyPath(pathname: string): PodProxyPath | undefined {
  const m = proxyPath.exec(pathname);
  if (!m) return undefined;
  // net.SplitSchemeNamePort: "name", "name:port" or "scheme:name:port".
  const parts = decodeURIComponent(m[2]).split(':');
  const [name, port] = parts.length === 3 ? [parts[1], parts[2]] : [parts[0], parts[1]];
  return { namespace: decodeURIComponent(m[1]), name, port: port || undefined, path: m[3] ?? '/' };
}

/** The port a request without one goes to: the first declared container port, else HTTP's. */
function portOf(pod: KubeObject, port: string | undefined): number {
  const text = port ?? String(((pod as Pod).spec?.containers ?? []).flatMap((c) => c.ports ?? [])[0]?.containerPort ?? 80);
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 65535) throw badRequest(`invalid port "${text}"`);
  return n;
}

/**
 * Sends the request and streams the answer onto the client's socket. Errors before the
 * first answered byte are thrown as a Status (400 without a pod address, 503 when the port
 * refuses); after it, the connection just ends, as a proxied connection does.
 */
export async function proxyToPod(
  pod: KubeObject, where: PodProxyPath, search: string, req: ProxiedRequest, res: ServerResponse, open: OpenContainerStream, gauge: StreamGauge,
): Promise<void> {
  const podIP = (pod as Pod).status?.podIP;
  if (!podIP) throw badRequest('address not allowed');
  const port = portOf(pod, where.port);
  const stream = await open({ ...portForwardTarget(pod), port }).catch((e: unknown) => {
    throw e instanceof ApiError ? e : serviceUnavailable(`error trying to reach service: ${e instanceof Error ? e.message : String(e)}`);
  });
  const release = gauge.streamOpened();
  const socket = res.socket;
  if (!socket || socket.destroyed) {
    stream.cancel();
    await stream.done;
    release();
    return;
  }
  let answered = false;
  stream.onData((_channel, data) => {
    answered = true;
    return new Promise<void>((resolve) => socket.write(data, () => resolve()));
  });
  const gone = () => stream.cancel();
  socket.once('close', gone);
  const lines = [`${req.method} ${where.path}${search} HTTP/1.1`, `Host: ${podIP}:${port}`];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || notForwarded.has(name.toLowerCase())) continue;
    for (const v of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${v}`);
  }
  if (req.body?.length) lines.push(`Content-Length: ${req.body.length}`);
  lines.push('Connection: close', '', '');
  await stream.write(Buffer.concat([Buffer.from(lines.join('\r\n')), req.body ?? Buffer.alloc(0)]));
  const outcome = await stream.done;
  release();
  socket.off('close', gone);
  if (answered || socket.destroyed) {
    socket.end();
    return;
  }
  const failure = outcome.status.status === 'Success' ? 'EOF' : (outcome.status.message ?? 'unknown error');
  throw serviceUnavailable(`error trying to reach service: ${failure}`);
}
