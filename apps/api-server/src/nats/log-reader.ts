/** pods/log: asks the kubelet-agent hosting the pod, over NATS. */
import { ErrorCode, type NatsConnection, type NatsError } from 'nats';
import { ApiError, badRequest, serviceUnavailable, type KubeObject } from '@kubelab/api';
import { subjects, type ApiBusReply } from '@kubelab/bus';
import type { Query } from '../http/request-options.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Without NATS (or without an agent for the node) the answer is a clear 503. */
export function natsLogReader(nc: NatsConnection | undefined) {
  return async (pod: KubeObject, query: Query): Promise<string> => {
    const node = pod.spec?.nodeName;
    const container = query.container || pod.spec?.containers?.[0]?.name;
    if (!node) throw badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: the pod is not scheduled to a node yet`);
    if (!nc) throw serviceUnavailable(`no kubelet-agent is reachable for node "${node}": the api-server runs without NATS`);
    try {
      const msg = await nc.request(subjects.agentLogs(node), encoder.encode(JSON.stringify({ namespace: pod.metadata.namespace, pod: pod.metadata.name, ...query, container })), { timeout: 5000 });
      const reply = JSON.parse(decoder.decode(msg.data)) as ApiBusReply;
      if (reply.code !== 200) throw new ApiError(reply.body);
      return String(reply.body);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      const code = (e as NatsError).code;
      const why = code === ErrorCode.NoResponders ? 'no kubelet-agent serves it' : 'its kubelet-agent did not answer in time';
      throw serviceUnavailable(`cannot read logs of pod "${pod.metadata.name}" on node "${node}": ${why}`);
    }
  };
}
