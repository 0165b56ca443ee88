import { describe, expect, it } from 'vitest';
import { storageFault } from './storage-fault.js';

const failure = (code: string | undefined, message: string) => Object.assign(new Error(message), code === undefined ? {} : { code });

describe('storageFault', () => {
  it.each([
    // [engine's code, its message, cause, transient, HTTP code]
    ['SQLITE_FULL', 'database or disk is full', 'full', false, 500],
    ['SQLITE_BUSY', 'database is locked', 'locked', true, 503],
    ['SQLITE_READONLY', 'attempt to write a readonly database', 'read-only', false, 500],
    ['SQLITE_CORRUPT', 'database disk image is malformed', 'damaged', false, 500],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432', 'unreachable', true, 503],
    ['ECONNRESET', 'read ECONNRESET', 'unreachable', true, 503],
    ['57P01', 'terminating connection due to administrator command', 'unreachable', true, 503],
    ['57P03', 'the database system is starting up', 'unreachable', true, 503],
    ['08006', 'connection failure', 'unreachable', true, 503],
    [undefined, 'Connection terminated unexpectedly', 'unreachable', true, 503],
    [undefined, 'timeout exceeded when trying to connect', 'unreachable', true, 503],
    ['40001', 'could not serialize access due to concurrent update', 'conflict', true, 503],
    ['53100', 'could not extend file: No space left on device', 'full', false, 500],
    ['25006', 'cannot execute INSERT in a read-only transaction', 'read-only', false, 500],
    ['XX001', 'invalid page in block 3 of relation base/16384/16385', 'damaged', false, 500],
    ['23505', 'duplicate key value violates unique constraint "events_pkey"', 'other:23505', false, 500],
  ] as const)('%s (%s) is %s', (code, message, cause, transient, status) => {
    const fault = storageFault(failure(code, message), 'postgres://kube:***@db/lab');
    expect([fault.cause, fault.transient, fault.error.status.code]).toEqual([cause, transient, status]);
    expect(fault.error.status.message).toContain(message);
  });
});
