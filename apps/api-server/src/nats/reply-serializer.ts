/**
 * The api-server's replies on the bus, as Nest's NATS transport writes them (`{"response":…,"isDisposed":true,"id":…}`),
 * with a body the api-server already holds as JSON text (a write's result, a list) written in as it is. Parsed only for
 * Nest to write it again, a pod's reply cost its parse and its stringify on every write, and a list of thousands of pods
 * both of its whole text.
 */
import type { ConsumerSerializer, OutgoingResponse } from '@nestjs/microservices';

/** A reply's body that is JSON text already; anything that writes it as JSON otherwise gets the value it holds. */
export class JsonText {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** Stands for the body in the envelope's JSON until the body's text takes its place (JSON writes the NUL as \u0000, which no other field holds). */
const bodyMark = '\u0000kubelab:json-text\u0000';
const encoder = new TextEncoder();

export class ReplySerializer implements ConsumerSerializer {
  serialize(packet: OutgoingResponse): { data: Uint8Array } {
    const response = packet.response as { body?: unknown } | undefined;
    if (typeof response !== 'object' || response === null || !(response.body instanceof JsonText)) return { data: encoder.encode(JSON.stringify(packet)) };
    const { text } = response.body;
    const envelope = JSON.stringify({ ...packet, response: { ...response, body: bodyMark } });
    return { data: encoder.encode(envelope.replace(JSON.stringify(bodyMark), () => text)) };
  }
}
