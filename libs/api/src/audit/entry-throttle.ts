/**
 * How fast one caller may grow the event log with audit entries: a token bucket per caller
 * (a user's refusals, an agent's dropped connections), as kube-apiserver's EventRateLimit
 * admission plugin keeps one per user and its audit backends throttle with a qps and a
 * burst. An entry over the rate is not recorded; the entries not recorded from the first one
 * over until the caller's bucket is full again (it kept below the rate for burst/qps seconds)
 * form an episode, which the shell says once, with how many. Pure: times in, decisions out.
 */

/** The rate: `qps` entries per second on average, `burst` at once after a quiet spell. */
export interface ThrottleLimit {
  qps: number;
  burst: number;
}

/** A run of entries not recorded: how many occurrences they stood for, and when the first and the last came (epoch ms). */
export interface Episode {
  count: number;
  firstAt: number;
  lastAt: number;
}

/** One caller's bucket: the tokens it held at `at` (epoch ms), and its open episode once an entry was over the rate. */
export interface Budget {
  tokens: number;
  at: number;
  episode?: Episode;
}

/** What to do with one entry, and the caller's bucket as it becomes. */
export interface ThrottleDecision {
  record: boolean;
  budget: Budget;
}

/** The tokens `budget` holds at `now`: refilled at `qps` per second since it was last spent, never beyond `burst`. */
export function tokensAt(budget: Budget | undefined, now: number, limit: ThrottleLimit): number {
  if (!budget) return limit.burst;
  return Math.min(limit.burst, budget.tokens + (Math.max(0, now - budget.at) * limit.qps) / 1000);
}

/**
 * One entry of a caller at `now`: recorded when its bucket holds a whole token (an open episode stays open), else counted in its episode;
 * `stands` is how many occurrences the entry stands for (a burst's repeats are one entry), which the episode counts.
 */
export function throttleEntry(budget: Budget | undefined, now: number, limit: ThrottleLimit, stands = 1): ThrottleDecision {
  const tokens = tokensAt(budget, now, limit);
  const episode = budget?.episode;
  if (tokens >= 1) return { record: true, budget: { tokens: tokens - 1, at: now, ...(episode ? { episode } : {}) } };
  const counted = episode ? { ...episode, count: episode.count + stands, lastAt: now } : { count: stands, firstAt: now, lastAt: now };
  // The bucket keeps the time it was last spent: refilling from there, not from each refused entry, adds no rounding.
  const spent = budget ?? { tokens, at: now };
  return { record: false, budget: { tokens: spent.tokens, at: spent.at, episode: counted } };
}

/**
 * A caller's bucket looked at while time passes: once it is full again the caller kept below the rate long enough, so its
 * episode ends (`ended`, to be said) and the bucket is forgotten (`budget` absent), since a full bucket is what a new caller gets.
 */
export function settleBudget(budget: Budget, now: number, limit: ThrottleLimit): { budget?: Budget; ended?: Episode } {
  if (tokensAt(budget, now, limit) < limit.burst) return { budget };
  return budget.episode ? { ended: budget.episode } : {};
}
