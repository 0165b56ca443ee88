import { startNats, waitFor, type TestNats } from '@kubelab/testing';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContainerStream, serveContainerStreams, type AgentStream, type StreamOpen } from '../src/container-streams.js';

const request: Omit<StreamOpen, 'id'> = {
  kind: 'exec', namespace: 'default', pod: 'p', podUid: 'u', container: 'c', command: ['cat'],
  stdin: true, stdout: true, stderr: true, tty: false, user: 'tester',
};
const success = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' };
const bytes = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * seed + (i >> 8)) & 0xff);

describe('container streams over NATS', () => {
  let nats: TestNats;
  let api: NatsConnection;
  let agent: NatsConnection;
  const sessions = new Set<AgentStream>();

  beforeAll(async () => {
    nats = await startNats();
    api = await connect({ servers: nats.url });
    agent = await connect({ servers: nats.url });
    // An agent whose container echoes stdin to stdout, reports resizes on stderr, and exits 0 at EOF.
    serveContainerStreams(agent, 'node-1', (open) => {
      if (open.container !== 'c') return { ok: false, status: { kind: 'Status', status: 'Failure', message: `container not found ("${open.container}")`, code: 500 } };
      return {
        ok: true,
        run: (stream) => {
          sessions.add(stream);
          let output = Promise.resolve();
          stream.onInput((data) => (output = output.then(() => stream.send(1, data))));
          stream.onResize((w, h) => void stream.send(2, new TextEncoder().encode(`${w}x${h}`)));
          stream.onEof(() => void output.then(() => {
            sessions.delete(stream);
            stream.finish({ status: success });
          }));
          stream.onCancel(() => sessions.delete(stream));
        },
      };
    }, { window: 64 * 1024 });
    await agent.flush();
  });
  afterAll(async () => {
    await api?.close();
    await agent?.close();
    await nats?.stop();
  });

  it('carries 5 MiB both ways byte for byte through a 64 KiB window, then the end Status', async () => {
    const opened = await openContainerStream(api, 'node-1', request, { window: 64 * 1024 });
    if (!opened.ok) throw new Error('refused');
    const chunks: Uint8Array[] = [];
    opened.stream.onData((channel, data) => {
      expect(channel).toBe(1);
      chunks.push(data);
    });
    const sent = bytes(5 * 1024 * 1024);
    await opened.stream.write(sent);
    opened.stream.end();
    const end = await opened.stream.done;
    expect(end.status).toEqual(success);
    const received = Buffer.concat(chunks);
    expect(received.length).toBe(sent.length);
    expect(received.equals(Buffer.from(sent))).toBe(true);
  });

  it('holds the sender back while the reader is slow (back-pressure)', async () => {
    const opened = await openContainerStream(api, 'node-1', request, { window: 64 * 1024 });
    if (!opened.ok) throw new Error('refused');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let received = 0;
    opened.stream.onData(async (_channel, data) => {
      received += data.length;
      await gate;
    });
    let written = false;
    const writing = opened.stream.write(bytes(1024 * 1024)).then(() => (written = true));
    await waitFor(() => received > 0, 'first output');
    await new Promise((r) => setTimeout(r, 100));
    // One chunk is held by the reader, so the echo and then the writer run out of credit.
    expect(written).toBe(false);
    expect(received).toBeLessThan(256 * 1024);
    release();
    await writing;
    opened.stream.end();
    await opened.stream.done;
    expect(received).toBe(1024 * 1024);
  });

  it('passes resizes and refusals through', async () => {
    const refused = await openContainerStream(api, 'node-1', { ...request, container: 'nope' });
    expect(refused).toEqual({ ok: false, status: expect.objectContaining({ message: 'container not found ("nope")' }) });
    const opened = await openContainerStream(api, 'node-1', request);
    if (!opened.ok) throw new Error('refused');
    const stderr: string[] = [];
    opened.stream.onData((channel, data) => void (channel === 2 && stderr.push(new TextDecoder().decode(data))));
    opened.stream.resize(120, 40);
    await waitFor(() => stderr.includes('120x40'), 'the resize echoed');
    opened.stream.end();
    await opened.stream.done;
  });

  it('answers no agent with a plain refusal and tells the agent when the client cancels', async () => {
    expect(await openContainerStream(api, 'node-9', request)).toEqual({ ok: false });
    const before = sessions.size;
    const opened = await openContainerStream(api, 'node-1', request);
    if (!opened.ok) throw new Error('refused');
    await waitFor(() => sessions.size === before + 1, 'the session on the agent');
    opened.stream.cancel();
    await waitFor(() => sessions.size === before, 'the agent saw the cancel');
    expect((await opened.stream.done).status.status).toBe('Success');
  });

  it('leaves no subscription behind on either side after 1,000 sessions', async () => {
    // nats.js keeps its subscriptions in the protocol handler; no public count exists.
    const subscriptions = (nc: NatsConnection) => (nc as unknown as { protocol: { subscriptions: { size(): number } } }).protocol.subscriptions.size();
    const before = { api: subscriptions(api), agent: subscriptions(agent) };
    for (let i = 0; i < 1000; i++) {
      const opened = await openContainerStream(api, 'node-1', request);
      if (!opened.ok) throw new Error('refused');
      opened.stream.onData(() => undefined);
      if (i % 2 === 0) {
        await opened.stream.write(bytes(100));
        opened.stream.end();
      } else {
        opened.stream.cancel();
      }
      await opened.stream.done;
    }
    await waitFor(() => subscriptions(api) === before.api && subscriptions(agent) === before.agent && sessions.size === 0, 'every session\'s subscriptions gone');
  });

  it('ends a session whose agent fell silent', async () => {
    const silent = await connect({ servers: nats.url });
    serveContainerStreams(silent, 'node-silent', () => ({ ok: true, run: () => undefined }), { pingMs: 50, silenceMs: 200 });
    await silent.flush();
    const opened = await openContainerStream(api, 'node-silent', request, { pingMs: 50, silenceMs: 200 });
    if (!opened.ok) throw new Error('refused');
    await silent.close();
    const end = await opened.stream.done;
    expect(end.status).toMatchObject({ reason: 'InternalError', message: 'the kubelet-agent for node "node-silent" stopped answering' });
  });
});
