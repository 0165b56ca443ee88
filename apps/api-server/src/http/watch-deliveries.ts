/**
 * The api-server's record of what each watch was sent, kept when it runs with
 * --record-watch-deliveries (a test mode: `kubelab check` and the chaos soak read
 * it). Every change a watch stream writes is noted at the moment it is written; one
 * whose resourceVersion is not above the previous one sent on that watch is an
 * out-of-order delivery, kept with the watch and both versions.
 */

export interface OutOfOrderDelivery {
  watch: number;
  path: string;
  previous: number;
  sent: number;
}

/** GET /kubelab/v1/watch-deliveries. */
export interface WatchDeliverySummary {
  watches: number;
  delivered: number;
  outOfOrder: OutOfOrderDelivery[];
}

/** Out-of-order deliveries kept in full; beyond this only counted. */
const keptFailures = 100;

export class WatchDeliveries {
  private watches = 0;
  private delivered = 0;
  private failures = 0;
  private readonly outOfOrder: OutOfOrderDelivery[] = [];

  /** A new watch on `path` that has shown the state up to `baseline`; returns the note of each change it sends. */
  open(path: string, baseline: number): (seq: number) => void {
    const watch = ++this.watches;
    let previous = baseline;
    return (sent) => {
      this.delivered++;
      if (sent <= previous) {
        this.failures++;
        if (this.outOfOrder.length < keptFailures) this.outOfOrder.push({ watch, path, previous, sent });
      }
      previous = Math.max(previous, sent);
    };
  }

  summary(): WatchDeliverySummary & { outOfOrderCount: number } {
    return { watches: this.watches, delivered: this.delivered, outOfOrder: [...this.outOfOrder], outOfOrderCount: this.failures };
  }
}
