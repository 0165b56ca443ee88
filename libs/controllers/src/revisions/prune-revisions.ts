/**
 * truncateHistory / cleanupHistory: revisions no pod runs and that are neither the
 * current nor the update revision are history, and history beyond
 * revisionHistoryLimit (default 10) goes, oldest first.
 */
import type { Revision } from './controller-revision.js';

/** The revisionHistoryLimit the API defaults to. */
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;

/** The revisions to delete from `owned` (oldest first), keeping every name in `live`. */
export function revisionsToPrune(owned: readonly Revision[], live: ReadonlySet<string>, limit: number | undefined): Revision[] {
  const history = owned.filter((r) => !live.has(r.metadata.name ?? ''));
  const surplus = history.length - Math.max(0, limit ?? DEFAULT_REVISION_HISTORY_LIMIT);
  return surplus > 0 ? history.slice(0, surplus) : [];
}
