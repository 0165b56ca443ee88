/**
 * One forwarded TCP connection of a port-forward session (a SPDY data/error stream pair, or a
 * WebSocket data/error channel pair) over one ContainerStream of kind 'portforward'.
 */
import { ApiError } from '@kubelab/api';
import type { ContainerStream, OpenContainerStream, StreamTarget } from './container-stream.js';
import type { StreamGauge } from './stream-gauge.js';

/** The protocol side: the data stream toward the client, the error stream, the close. */
export interface ForwardClient {
  data(bytes: Uint8Array): Promise<void>;
  /** Writes the kubelet's error text on the error stream. */
  error(message: string): Promise<void>;
  /** Half-closes data and error streams: the connection is over. */
  finish(): void;
}

/** What the client's side of the connection is fed into. */
export interface ForwardInput {
  data(bytes: Uint8Array): Promise<void>;
  end(): void;
  clientGone(): void;
}

/** The pod's sandbox id as containerd names it (64 hex digits); the lab derives it from the pod's uid. */
export function sandboxId(podUid: string): string {
  return podUid.replaceAll('-', '').padEnd(64, '0').slice(0, 64);
}

/** How the kubelet words a failed forward (pkg/kubelet/cri/streaming/portforward/httpstream.go). */
export function forwardingError(target: StreamTarget, message: string): string {
  return `error forwarding port ${target.port} to pod ${sandboxId(target.podUid)}, uid : ${message}`;
}

/**
 * Opens the connection's ContainerStream and joins it to the client's pair of streams. Input
 * that arrives while the backend is still opening waits for it; a refusal becomes the error
 * stream's text, as the kubelet writes a failed dial.
 */
export function forwardConnection(open: OpenContainerStream, target: StreamTarget, client: ForwardClient, gauge: StreamGauge): ForwardInput {
  let gone = false;
  let lastOutput: Promise<void> = Promise.resolve();
  const opening: Promise<ContainerStream | undefined> = open(target).then(
    (stream) => {
      const release = gauge.streamOpened();
      stream.onData((_channel, bytes) => {
        lastOutput = client.data(bytes).catch(() => undefined);
        return lastOutput;
      });
      void stream.done.then(async (outcome) => {
        release();
        if (gone) return;
        await lastOutput;
        if (outcome.status.status !== 'Success') await client.error(forwardingError(target, outcome.status.message ?? 'unknown error')).catch(() => undefined);
        gone = true;
        client.finish();
      });
      return stream;
    },
    async (e: unknown) => {
      if (!gone) {
        await client.error(forwardingError(target, e instanceof ApiError || e instanceof Error ? e.message : String(e))).catch(() => undefined);
        gone = true;
        client.finish();
      }
      return undefined;
    },
  );
  let inputChain: Promise<unknown> = opening;
  return {
    data: (bytes) => {
      const next = inputChain.then(async () => {
        const stream = await opening;
        if (stream && !gone) await stream.write(bytes);
      }).catch(() => undefined);
      inputChain = next;
      return next;
    },
    end: () => {
      inputChain = inputChain.then(async () => {
        const stream = await opening;
        if (stream && !gone) stream.end();
      }).catch(() => undefined);
    },
    clientGone: () => {
      if (gone) return;
      gone = true;
      void opening.then((stream) => stream?.cancel());
    },
  };
}
