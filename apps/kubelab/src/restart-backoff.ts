/**
 * How long the supervisor waits before it restarts a component that exited on its own,
 * as a kubelet does for a crashing static pod: 1 s, doubling with each exit of a crash
 * loop, at most 30 s; a process that ran 60 s before it exited starts a new loop.
 */
export const restartBackoff = { firstMs: 1000, maxMs: 30_000, resetAfterMs: 60_000 };

/** After an exit: the exits in the crash loop so far (this one counted) and the wait before the restart. */
export function nextRestart(streak: number, ranMs: number): { streak: number; delayMs: number } {
  const next = ranMs >= restartBackoff.resetAfterMs ? 1 : streak + 1;
  return { streak: next, delayMs: Math.min(restartBackoff.firstMs * 2 ** (next - 1), restartBackoff.maxMs) };
}
