/**
 * The shell around @kubelab/api's entry throttle: one bucket per caller (a user, an agent),
 * looked at again every second so that the episode of a caller who went quiet is still said,
 * and forgotten once full (a full bucket is what an unknown caller gets), so the map holds
 * only callers who were busy lately.
 */
import { settleBudget, throttleEntry, type Budget, type Episode, type ThrottleLimit } from '@kubelab/api';

/** Says an episode: `caller` had `episode.count` occurrences not recorded. */
export type SayEpisode = (caller: string, episode: Episode) => void;

/** How often buckets are looked at to end the episodes of quiet callers (wall milliseconds). */
const settleIntervalMs = 1000;

export class CallerThrottle {
  private readonly budgets = new Map<string, Budget>();
  private readonly settling: NodeJS.Timeout;

  constructor(private readonly limit: ThrottleLimit, private readonly say: SayEpisode, private readonly now: () => number = Date.now) {
    this.settling = setInterval(() => this.settle(), settleIntervalMs);
    this.settling.unref();
  }

  /** True when an entry of `caller` standing for `stands` occurrences may be recorded; false when it is over the rate (counted in its episode). */
  admit(caller: string, stands = 1): boolean {
    const decision = throttleEntry(this.budgets.get(caller), this.now(), this.limit, stands);
    this.budgets.set(caller, decision.budget);
    return decision.record;
  }

  /** Ends (says) the episodes of callers whose buckets are full again, and forgets full buckets. */
  settle(): void {
    const now = this.now();
    for (const [caller, budget] of this.budgets) {
      const settled = settleBudget(budget, now, this.limit);
      if (settled.ended) this.say(caller, settled.ended);
      if (settled.budget) this.budgets.set(caller, settled.budget);
      else this.budgets.delete(caller);
    }
  }

  /** Says every open episode now and stops looking (at shutdown). */
  close(): void {
    clearInterval(this.settling);
    for (const [caller, budget] of this.budgets) if (budget.episode) this.say(caller, budget.episode);
    this.budgets.clear();
  }
}
