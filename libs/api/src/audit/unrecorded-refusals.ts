/**
 * The refusals the event log does not keep, kept a while in memory instead so a person can
 * still see them (`kubelab events --refusals`): those of callers who are nobody (a 401, or
 * system:anonymous refused), which would let anyone who reaches the port grow the log, and
 * those over a user's rate. Bounded: the newest are kept, the oldest forgotten. Pure: the
 * shell hands in the time and where the request came from.
 */
import type { Refusal } from './refusal.js';

/** Why a refusal is not in the log: its caller was not authenticated, or was over its rate. */
export type UnrecordedCause = 'Unauthenticated' | 'RateLimited';

/** A refusal the log did not keep: the refusal, when, why not, how many identical ones it stands for, and the address it came from (when known). */
export type UnrecordedRefusal = Refusal & {
  time: string;
  cause: UnrecordedCause;
  count: number;
  remoteAddress?: string;
};

/** How many unrecorded refusals a lab keeps in memory by default. */
export const unrecordedRefusalsKept = 100;

/** True for a refusal of a caller who is nobody: not authenticated at all (401), or authenticated as system:anonymous. */
export function isUnauthenticatedRefusal(r: Refusal): boolean {
  return !r.user || r.user.username === 'system:anonymous' || r.user.groups.includes('system:unauthenticated');
}

/** The newest unrecorded refusals, at most `capacity`, and how many were ever noted. */
export class UnrecordedRefusals {
  private readonly kept: UnrecordedRefusal[] = [];
  private noted = 0;

  constructor(private readonly capacity = unrecordedRefusalsKept) {}

  /** Keeps `refusal`, forgetting the oldest beyond the capacity. */
  note(refusal: UnrecordedRefusal): void {
    this.noted++;
    this.kept.push(refusal);
    if (this.kept.length > this.capacity) this.kept.splice(0, this.kept.length - this.capacity);
  }

  /** The kept refusals, oldest first, and how many were noted in all (more than kept once the oldest are forgotten). */
  list(): { total: number; items: UnrecordedRefusal[] } {
    return { total: this.noted, items: [...this.kept] };
  }
}
