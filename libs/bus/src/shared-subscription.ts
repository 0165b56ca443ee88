/**
 * One NATS subscription per connection and subject, whoever in the process listens to it. The server sends a
 * message once per matching subscription: an agent whose ten informers each subscribed to the event stream read
 * (and buffered, while it was busy) every event ten times. Listeners hear each message in the order it arrived.
 */
import type { Msg, NatsConnection, Subscription } from 'nats';

/** What a listener holds: stopping it unsubscribes from NATS once no other listener of its subject is left. */
export interface Listening {
  unsubscribe(): void;
}

interface Fanout {
  subscription: Subscription;
  listeners: Set<(msg: Msg) => void>;
}

const fanouts = new WeakMap<NatsConnection, Map<string, Fanout>>();

/** Calls `listener` with each message of `subject` from now on, over the connection's one subscription to it. */
export function listen(nc: NatsConnection, subject: string, listener: (msg: Msg) => void): Listening {
  let bySubject = fanouts.get(nc);
  if (!bySubject) fanouts.set(nc, (bySubject = new Map()));
  let fanout = bySubject.get(subject);
  if (!fanout) {
    const listeners = new Set<(msg: Msg) => void>();
    const subscription = nc.subscribe(subject, { callback: (_err, msg) => listeners.forEach((l) => l(msg)) });
    bySubject.set(subject, (fanout = { subscription, listeners }));
  }
  const { listeners, subscription } = fanout;
  // An entry of its own per call: a function listening twice hears each message twice, as two subscriptions would.
  const own = (msg: Msg) => listener(msg);
  listeners.add(own);
  return {
    unsubscribe: () => {
      listeners.delete(own);
      if (listeners.size > 0 || bySubject.get(subject)?.subscription !== subscription) return;
      bySubject.delete(subject);
      subscription.unsubscribe();
    },
  };
}
