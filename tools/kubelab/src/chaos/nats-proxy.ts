/**
 * A TCP relay between one kubelet-agent and NATS, owned by the supervisor, so a
 * chaos drill can cut the agent off the bus while its process and containers keep
 * running (a network partition), and later let it reconnect.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export class NatsProxy {
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  private cut = false;
  private url?: string;

  constructor(private readonly target: { host: string; port: number }) {}

  /** Listens on a free port of 127.0.0.1 (once); resolves with the URL the agent should use. */
  listen(): Promise<string> {
    if (this.url) return Promise.resolve(this.url);
    const server = createServer((client) => this.relay(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((this.url = `nats://127.0.0.1:${(server.address() as { port: number }).port}`)));
    });
  }

  private relay(client: Socket): void {
    if (this.cut) return void client.destroy();
    const upstream = connect(this.target.port, this.target.host);
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
    this.server?.close();
  }
}
