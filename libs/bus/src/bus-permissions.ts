/**
 * What each lab process may publish and subscribe to on NATS: the nats-server the lab starts
 * enforces these for each process's own user, so a process can reach only the subjects its part
 * of the cluster needs. The api-server and the kubelab CLI may use every subject. The scheduler
 * and the controller-manager send API requests on their own subject, read the event stream and
 * keep their leader lease. An agent sends API requests only as the kubelet of its nodes, renews
 * only its nodes' heartbeats and reports only their resource use, writes the files of
 * PersistentVolumes and of its own nodes' disks (volume-data.ts), answers only what is addressed
 * to its nodes, and reaches other nodes' pods through their agents (the emulated pod network).
 */
import { nodeLeaseBucket } from './node-leases.js';
import { nodeUsageBucket } from './node-usage.js';
import { leaderLeaseBucket } from './leader-election.js';
import { imageAdditionsBucket } from './image-additions.js';
import { volumeDataBucket, volumeStorePrefix } from './volume-data.js';
import { apiRequestSubject, busInboxPrefix, type BusIdentity } from './bus-identity.js';
import { agentLane, laneSubject, podLane } from './event-lanes.js';
import { subjects } from './subjects.js';

export interface BusPermissions {
  publish: { allow: string[]; deny?: string[] };
  subscribe: { allow: string[] };
  /**
   * May answer the requests it receives (on their reply subjects). Only for a user whose publish list does not already
   * cover every reply subject: nats-server notes each request it delivers to such a user, and forgets the note only when
   * the user answers through this permission or after two minutes. A user who may publish everywhere never answers
   * through it, so each of its requests stayed noted for two minutes, and nats-server walked them all at least once a
   * second: 87% of its CPU in a loaded lab.
   */
  allowResponses: boolean;
}

/** JetStream API calls that would destroy or rewrite a stream: no component but the api-server and the CLI needs them. */
const destructiveJetStream = ['$JS.API.STREAM.DELETE.>', '$JS.API.STREAM.PURGE.>', '$JS.API.STREAM.UPDATE.>', '$JS.API.STREAM.MSG.DELETE.>'];

/** Reading one KV bucket (binding to it, getting keys, watching it), as nats.js does it. */
const readBucket = (bucket: string) => [
  `$JS.API.STREAM.INFO.KV_${bucket}`, `$JS.API.STREAM.MSG.GET.KV_${bucket}`, `$JS.API.DIRECT.GET.KV_${bucket}.>`, `$JS.API.DIRECT.GET.KV_${bucket}`,
  `$JS.API.CONSUMER.CREATE.KV_${bucket}`, `$JS.API.CONSUMER.CREATE.KV_${bucket}.>`, `$JS.API.CONSUMER.DELETE.KV_${bucket}.>`, `$JS.API.CONSUMER.INFO.KV_${bucket}.>`,
];

/** The permissions of `identity`'s NATS user. */
export function busPermissions(identity: BusIdentity): BusPermissions {
  const inbox = `${busInboxPrefix(identity)}.>`;
  const stream = [subjects.events, subjects.head];
  switch (identity.kind) {
    case 'api-server':
    case 'admin':
      return { publish: { allow: ['>'] }, subscribe: { allow: ['>'] }, allowResponses: false };
    case 'scheduler':
    case 'controller-manager':
      return {
        publish: { allow: [apiRequestSubject(identity), subjects.eventReplay, '$JS.API.>', `$KV.${leaderLeaseBucket}.>`, '$JS.FC.>', '$JS.ACK.>'], deny: destructiveJetStream },
        subscribe: { allow: [...stream, inbox] },
        allowResponses: false,
      };
    case 'kubelet':
      return {
        publish: {
          allow: [
            ...identity.nodes.map((node) => apiRequestSubject(identity, node)), subjects.eventReplay,
            ...identity.nodes.map((node) => `$KV.${nodeLeaseBucket}.${node}`),
            ...identity.nodes.map((node) => `$KV.${nodeUsageBucket}.${node}`),
            ...identity.nodes.map((node) => subjects.staticPodStarts(node)), subjects.agentHttp('*'), subjects.apiPodHttp, 'kubelab.stream.*.out', `${busInboxPrefix({ kind: 'api-server' })}.>`,
            '$JS.API.INFO', ...readBucket(nodeLeaseBucket), ...readBucket(nodeUsageBucket), ...readBucket(imageAdditionsBucket), '$JS.FC.>', '$JS.ACK.>',
            ...readBucket(volumeDataBucket), `$KV.${volumeDataBucket}.pv.>`,
            ...identity.nodes.map((node) => `$KV.${volumeDataBucket}.${volumeStorePrefix({ kind: 'node', node })}.>`),
          ],
        },
        // A followed log: the agent publishes into the api-server's inbox, and hears on INBOX.stop when the reader is gone.
        // The lanes of the event stream its caches follow: its nodes' pods' and the agents' (the whole stream, for its pod network's view of every pod).
        subscribe: { allow: [...stream, laneSubject(agentLane), ...identity.nodes.map((node) => laneSubject(podLane(node))), ...identity.nodes.map((node) => `kubelab.agent.${node}.>`), 'kubelab.stream.*.in', `${busInboxPrefix({ kind: 'api-server' })}.*.stop`, inbox] },
        allowResponses: true,
      };
  }
}
