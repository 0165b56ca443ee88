/** What readers of the log throw when it cannot be trusted, and how to recognise it. */

/** The log cannot be trusted; `detail` says why. */
export class DamagedLogError extends Error {
  constructor(readonly detail: string) {
    super(detail);
  }
}

/** True for an error SQLite raises on a damaged file, or a DamagedLogError. */
export function isDamage(e: unknown): boolean {
  const code = String((e as { code?: unknown }).code ?? '');
  return e instanceof DamagedLogError || code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}
