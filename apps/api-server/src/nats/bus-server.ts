/**
 * Nest's NATS server as the api-server answers the bus: its replies written by ReplySerializer, and each message's
 * handler found from its subscription's subject as it is. Nest first tries every message's pattern as JSON (an object
 * pattern), and a NATS subject is never JSON: the SyntaxError it threw and caught for each request was 2% of the
 * api-server's CPU under load.
 */
import { ServerNats, type NatsOptions } from '@nestjs/microservices';
import { ReplySerializer } from './reply-serializer.js';

export class BusServer extends ServerNats {
  constructor(options: Required<NatsOptions>['options']) {
    super({ ...options, serializer: new ReplySerializer() });
  }

  /** The route of a subscription's subject: the subject, as Nest's own lookup makes it of a pattern that is not JSON. */
  protected override getRouteFromPattern(pattern: string): string {
    return this.normalizePattern(pattern);
  }
}
