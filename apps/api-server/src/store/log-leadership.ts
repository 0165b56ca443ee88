/**
 * Which api-server of a shared log publishes the event stream on NATS and compacts the log: the one holding a
 * PostgreSQL session lock. Informers need one publisher sending every event once, in seq order; when the holder dies its
 * session ends, the lock is free, and another api-server takes it within a second (informers notice the gap and relist).
 */
import { pgDriver } from '@kubelab/event-store';
import type { Client } from 'pg';
import type { Logger } from 'pino';

/** The advisory lock's key: any number the lab uses for nothing else. */
const leaderLockKey = 7_262_020;
const attemptEveryMs = 1000;

export class LogLeadership {
  private client?: Client;
  private leading = false;
  private readonly timer: NodeJS.Timeout;
  private attempt: Promise<void> = Promise.resolve();

  private constructor(private readonly url: string, private readonly log: Logger) {
    this.timer = setInterval(() => void this.campaign(), attemptEveryMs);
  }

  /** Campaigns at once and then every second; resolves after the first attempt. */
  static async start(url: string, log: Logger): Promise<LogLeadership> {
    const leadership = new LogLeadership(url, log);
    await leadership.campaign();
    return leadership;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  private campaign(): Promise<void> {
    this.attempt = this.attempt.then(async () => {
      if (this.leading) return;
      try {
        if (!this.client) {
          const client = new (pgDriver().Client)({ connectionString: this.url });
          client.on('error', () => this.lose(client));
          await client.connect();
          this.client = client;
        }
        const { rows } = await this.client.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1) AS held', [leaderLockKey]);
        if (rows[0]?.held) {
          this.leading = true;
          this.log.info('this api-server publishes the event stream and compacts the log');
        }
      } catch (e) {
        this.log.warn({ err: (e as Error).message }, 'could not campaign to publish the event stream');
        if (this.client) this.lose(this.client);
      }
    });
    return this.attempt;
  }

  /** The session is gone, and the lock with it. */
  private lose(client: Client): void {
    if (client !== this.client) return;
    if (this.leading) this.log.warn('lost the lock to publish the event stream: another api-server takes over');
    this.leading = false;
    this.client = undefined;
    void client.end().catch(() => undefined);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.attempt;
    this.leading = false;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }
}
