/**
 * Waits for a condition with a deadline: tests never sleep and hope. A check is tried again `intervalMs` after the last,
 * or twice as long as the last took when that is longer: a check that runs a process (the real kubectl takes 70-120 ms
 * of CPU) then keeps a third of a core busy at most, not a whole one, on a machine whose labs need the rest.
 */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 10_000,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const began = Date.now();
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, Math.max(intervalMs, 2 * (Date.now() - began))));
  }
}
