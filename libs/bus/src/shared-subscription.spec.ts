import { startNats, waitFor, type TestNats } from '@kubelab/testing';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from './shared-subscription.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe('listeners of one subject on one connection', () => {
  let nats: TestNats;
  let nc: NatsConnection;
  let publisher: NatsConnection;

  beforeAll(async () => {
    nats = await startNats();
    nc = await connect({ servers: nats.url });
    publisher = await connect({ servers: nats.url });
  });
  afterAll(async () => {
    await Promise.all([nc?.close(), publisher?.close()]);
    await nats?.stop();
  });

  const publish = async (subject: string, ...texts: string[]) => {
    for (const text of texts) publisher.publish(subject, encoder.encode(text));
    await publisher.flush();
  };

  it('hear every message in order, while the server sends each one once', async () => {
    const heard: Record<string, string[]> = { a: [], b: [] };
    const a = listen(nc, 'shared.order', (msg) => heard.a.push(decoder.decode(msg.data)));
    const b = listen(nc, 'shared.order', (msg) => heard.b.push(decoder.decode(msg.data)));
    await nc.flush();
    const before = nc.stats().inMsgs;
    await publish('shared.order', '1', '2', '3');
    await waitFor(() => heard.a.length === 3 && heard.b.length === 3, 'both listeners to hear the three messages');
    expect(heard).toEqual({ a: ['1', '2', '3'], b: ['1', '2', '3'] });
    expect(nc.stats().inMsgs - before).toBe(3);
    a.unsubscribe();
    b.unsubscribe();
  });

  it('go on for the others when one stops, and unsubscribe from NATS with the last', async () => {
    const heard: string[] = [];
    const stopped = listen(nc, 'shared.stop', () => heard.push('stopped'));
    const staying = listen(nc, 'shared.stop', (msg) => heard.push(decoder.decode(msg.data)));
    stopped.unsubscribe();
    await nc.flush();
    await publish('shared.stop', 'after');
    await waitFor(() => heard.length === 1, 'the staying listener to hear the message');
    expect(heard).toEqual(['after']);
    staying.unsubscribe();
    await nc.flush();
    const before = nc.stats().inMsgs;
    await publish('shared.stop', 'unheard');
    // A message sent to the connection would arrive before this round trip ends.
    await nc.flush();
    expect(nc.stats().inMsgs - before).toBe(0);
    const again: string[] = [];
    const renewed = listen(nc, 'shared.stop', (msg) => again.push(decoder.decode(msg.data)));
    await nc.flush();
    await publish('shared.stop', 'renewed');
    await waitFor(() => again.length === 1, 'a new listener to hear the message');
    expect(again).toEqual(['renewed']);
    renewed.unsubscribe();
  });
});
