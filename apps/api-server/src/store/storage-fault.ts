/**
 * What a failed write to the event log means to a client. The storage engine's
 * error (SQLite's SQLITE_FULL, SQLITE_READONLY, SQLITE_BUSY…, PostgreSQL's SQLSTATE
 * or a lost connection to it, or the OS's ENOSPC) becomes a Kubernetes Status that
 * names the cause and what to do, and a short cause key, so that the api-server logs
 * one line per distinct fault, not one per request. A locked database, a PostgreSQL
 * server that is away or restarting, or a conflict with another transaction is worth
 * retrying (503 with Retry-After); the others need someone to act (500).
 */
import { internalError, serviceUnavailable, type ApiError } from '@kubelab/api';

export interface StorageFault {
  /** Stable for one kind of fault: "full", "read-only", "locked", … */
  cause: string;
  /** Worth retrying soon without anyone acting (a lock held by another process). */
  transient: boolean;
  error: ApiError;
}

const codeOf = (e: unknown): string => String((e as { code?: unknown }).code ?? '');
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** SQLSTATE classes and node errors that mean the PostgreSQL server is away (stopped, crashed, restarting, unreachable). */
const unreachableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', '57P01', '57P02', '57P03', '53300']);
/** What pg says, without a code, when the connection dies under a query or cannot be made in time. */
const lostConnection = /^Connection terminated|^timeout exceeded when trying to connect|not queryable|Connection ended/;

function unreachable(code: string, detail: string): boolean {
  return unreachableCodes.has(code) || code.startsWith('08') || (code === '' && lostConnection.test(detail));
}

/** The fault behind an error thrown while appending to the log at `file` (a SQLite path, or a PostgreSQL URL without its password). */
export function storageFault(e: unknown, file: string): StorageFault {
  const code = codeOf(e);
  const detail = messageOf(e);
  const nothing = 'nothing was written';
  if (unreachable(code, detail)) {
    return { cause: 'unreachable', transient: true, error: serviceUnavailable(`the event log's database ${file} is unreachable (${detail}); the write was not acknowledged: retry once PostgreSQL answers again`, 1) };
  }
  if (code === '40001' || code === '40P01' || code === '55P03') {
    return { cause: 'conflict', transient: true, error: serviceUnavailable(`the event log's write conflicted with another transaction (${detail}); ${nothing}: retry`, 1) };
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100') {
    return { cause: 'full', transient: false, error: internalError(`the event log could not be written: no space left on device (${detail}); ${nothing}: free disk space where ${file} lives and retry`) };
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === '25006' || code === '42501') {
    return { cause: 'read-only', transient: false, error: internalError(`the event log could not be written: ${file} is read-only (${detail}); ${nothing}: make it and its directory writable and retry`) };
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return { cause: 'locked', transient: true, error: serviceUnavailable(`the event log is locked by another process (${detail}); ${nothing}: stop the program that holds ${file} open for writing, then retry`, 1) };
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'XX001' || code === 'XX002') {
    return { cause: 'damaged', transient: false, error: internalError(`the event log is damaged (${detail}); ${nothing}: stop the lab and run kubelab check --data-dir on it`) };
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return { cause: `io:${code}`, transient: false, error: internalError(`the event log could not be written: input/output error (${detail}); ${nothing}: check the disk under ${file}`) };
  }
  return { cause: `other:${code || detail}`, transient: false, error: internalError(`the event log could not be written (${detail}); ${nothing}`) };
}
