/**
 * A container's request to https://kubernetes.default.svc, as it reaches the api-server over
 * NATS (`kubelab.api.pod-http`): served by the same KubeHttp handler as the HTTPS listener,
 * the sender known only by its bearer token (a ServiceAccount JWT; none: system:anonymous),
 * never by the connection it came on. A stream that would stay open (a watch) is cut at
 * `streamLimitMs` and answered with what it sent until then.
 */
import type { PodHttpReply, PodHttpRequest } from '@kubelab/bus';
import { CapturedResponse } from './captured-response.js';
import type { KubeHttp } from './kube-http.js';

/** How long a watch from a pod streams before its answer is sent back whole. */
const defaultStreamLimitMs = 5_000;

/** The api-server's answer to one request from a pod, with the Date and Content-Length headers an HTTP server adds. */
export async function answerPodHttp(http: KubeHttp, request: PodHttpRequest, now: () => Date = () => new Date(), streamLimitMs = defaultStreamLimitMs): Promise<PodHttpReply> {
  const res = new CapturedResponse();
  const authorization = request.headers.authorization;
  const handled = http.handle({
    method: request.method.toUpperCase(),
    url: request.path.startsWith('/') ? request.path : `/${request.path}`,
    headers: { ...request.headers },
    body: request.body === undefined ? undefined : Buffer.from(request.body),
    credentials: authorization === undefined ? {} : { authorization },
  }, res.asServerResponse);
  let limit: NodeJS.Timeout | undefined;
  const cutOff = new Promise<void>((resolve) => (limit = setTimeout(resolve, streamLimitMs)));
  await Promise.race([Promise.all([handled, res.ended]), cutOff]);
  clearTimeout(limit);
  if (!res.writableEnded) res.close();
  const body = res.body;
  const headers: [string, string][] = [...res.headerPairs(), ['date', now().toUTCString()], ['content-length', String(body.length)]];
  return { status: res.statusCode, headers, body: body.toString('utf8') };
}
