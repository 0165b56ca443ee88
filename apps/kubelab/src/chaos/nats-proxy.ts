/**
 * A TCP relay between one kubelet-agent and NATS, owned by the supervisor, so a
 * chaos drill can cut the agent off the bus while its process and containers keep
 * running (a network partition), and later let it reconnect. With a NATS cluster it
 * relays to every member, one port each, and a partition cuts them all.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface NatsTarget {
  host: string;
  port: number;
}

export class NatsProxy {
  private readonly sockets = new Set<Socket>();
  private readonly servers: Server[] = [];
  private cut = false;
  private url?: Promise<string>;

  constructor(private readonly targets: readonly NatsTarget[]) {}

  /** Listens on a free port of 127.0.0.1 per target (once); resolves with the --nats-url the agent should use. */
  listen(): Promise<string> {
    this.url ??= Promise.all(this.targets.map((target) => this.listenFor(target))).then((urls) => urls.join(','));
    return this.url;
  }

  private listenFor(target: NatsTarget): Promise<string> {
    const server = createServer((client) => this.relay(client, target));
    this.servers.push(server);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(`nats://127.0.0.1:${(server.address() as { port: number }).port}`));
    });
  }

  private relay(client: Socket, target: NatsTarget): void {
    if (this.cut) return void client.destroy();
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
      s.once('error', () => undefined);
    }
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  }

  get partitioned(): boolean {
    return this.cut;
  }

  /** Drops every connection and refuses new ones until healed. */
  partition(): void {
    this.cut = true;
    for (const s of this.sockets) s.destroy();
  }

  heal(): void {
    this.cut = false;
  }

  close(): void {
    this.partition();
    for (const server of this.servers) server.close();
  }
}
