/** pods/log: asks the kubelet-agent hosting the pod, over NATS. */
import { createInbox, ErrorCode, type NatsConnection, type NatsError } from 'nats';
import { ApiError, badRequest, serviceUnavailable, type KubeObject, type Pod, type StatusBody } from '@kubelab/api';
import { busInboxPrefix, subjects, type ApiBusReply } from '@kubelab/bus';
import type { Query } from '../http/request-options.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** New output after the first answer, for `kubectl logs -f`: calls back until the run ends. */
export interface LogFollow {
  start(onText: (text: string) => void, onEnd: () => void): () => void;
}

export interface LogAnswer {
  text: string;
  follow?: LogFollow;
}

function followVia(nc: NatsConnection, inbox: string): LogFollow {
  return {
    start(onText, onEnd) {
      const sub = nc.subscribe(inbox, {
        callback: (_e, msg) => {
          const m = JSON.parse(decoder.decode(msg.data)) as { text?: string; end?: boolean };
          if (m.text) onText(m.text);
          if (m.end) {
            sub.unsubscribe();
            onEnd();
          }
        },
      });
      return () => {
        sub.unsubscribe();
        nc.publish(`${inbox}.stop`);
      };
    },
  };
}

/** Without NATS (or without an agent for the node) the answer is a clear 503. */
export function natsLogReader(nc: NatsConnection | undefined) {
  return async (obj: KubeObject, query: Query): Promise<LogAnswer> => {
    const pod = obj as Pod;
    const node = pod.spec?.nodeName;
    const container = query.container || pod.spec?.containers?.[0]?.name;
    if (!node) throw badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: the pod is not scheduled to a node yet`);
    if (!nc) throw serviceUnavailable(`no kubelet-agent is reachable for node "${node}": the api-server runs without NATS`);
    // In the api-server's own inbox folder: agents may publish a followed log there, and nobody else may read it.
    const inbox = query.follow === 'true' ? createInbox(busInboxPrefix({ kind: 'api-server' })) : undefined;
    // Subscribed before asking, so no output between the answer and the stream is lost.
    const follow = inbox ? followVia(nc, inbox) : undefined;
    const buffered: { text?: string; end?: boolean }[] = [];
    const early = inbox ? nc.subscribe(inbox, { callback: (_e, msg) => buffered.push(JSON.parse(decoder.decode(msg.data))) }) : undefined;
    try {
      const msg = await nc.request(subjects.agentLogs(node), encoder.encode(JSON.stringify({ namespace: pod.metadata.namespace, pod: pod.metadata.name, ...query, container, inbox })), { timeout: 5000 });
      const reply = JSON.parse(decoder.decode(msg.data)) as ApiBusReply;
      if (reply.code !== 200) throw new ApiError(reply.body as StatusBody);
      early?.unsubscribe();
      if (!follow) return { text: String(reply.body) };
      return {
        text: String(reply.body),
        follow: {
          start(onText, onEnd) {
            for (const m of buffered) {
              if (m.text) onText(m.text);
              if (m.end) {
                onEnd();
                return () => undefined;
              }
            }
            return follow.start(onText, onEnd);
          },
        },
      };
    } catch (e) {
      early?.unsubscribe();
      if (e instanceof ApiError) throw e;
      const code = (e as NatsError).code;
      const why = code === ErrorCode.NoResponders ? 'no kubelet-agent serves it' : 'its kubelet-agent did not answer in time';
      throw serviceUnavailable(`cannot read logs of pod "${pod.metadata.name}" on node "${node}": ${why}`);
    }
  };
}
