/**
 * Wakes a reader when another writer appends to a PostgreSQL log: a dedicated
 * connection LISTENs on the channel appendEventsAfter notifies. Notifications sent
 * while the connection was down are lost, so after each reconnect the reader is told
 * to re-read (seq -1) instead.
 */
import type { Client } from 'pg';
import { pgDriver } from './drivers.js';
import { appendsChannel } from './append-after.js';

/** Passed to onSeq after a reconnect: appends may have been missed, re-read the log. */
export const missedAppends = -1;

export interface AppendListener {
  close(): Promise<void>;
}

const retryMs = { first: 100, max: 5000 };

/** Calls onSeq with each committed batch's last seq; resolves once the first LISTEN is in place. */
export async function listenForAppends(url: string, onSeq: (seq: number) => void, onError?: (e: Error) => void): Promise<AppendListener> {
  let closed = false;
  let client: Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let delay = retryMs.first;

  const connect = async (): Promise<Client> => {
    const c = new (pgDriver().Client)({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel === appendsChannel) onSeq(Number(n.payload));
    });
    c.on('error', (e) => onError?.(e));
    try {
      await c.connect();
      await c.query(`LISTEN ${appendsChannel}`);
    } catch (e) {
      await c.end().catch(() => undefined);
      throw e;
    }
    c.once('end', () => {
      if (!closed) reconnect();
    });
    return c;
  };

  const reconnect = () => {
    client = undefined;
    timer = setTimeout(() => {
      connect().then((c) => {
        if (closed) return void c.end();
        client = c;
        delay = retryMs.first;
        onSeq(missedAppends);
      }, (e: Error) => {
        onError?.(e);
        delay = Math.min(delay * 2, retryMs.max);
        reconnect();
      });
    }, delay);
  };

  client = await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
