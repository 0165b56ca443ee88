/**
 * A component's logger: pino's JSON lines on stdout, written so that logging can
 * never stop the process. pino's default destination retries a failed write until
 * it succeeds, so a full disk under the log file froze the whole event loop (reads
 * and watches included). Here a line stdout will not take is dropped and counted,
 * and the count is logged once stdout takes lines again.
 */
import { writeSync } from 'node:fs';
import pino, { type Logger } from 'pino';

/** A full pipe is waited out for this many short tries before the line is dropped. */
const busyTries = 50;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `text` to the descriptor; false when it would not take it. */
function writeAll(fd: number, text: string): boolean {
  let rest = Buffer.from(text);
  for (let tries = 0; rest.length > 0; ) {
    try {
      rest = rest.subarray(writeSync(fd, rest));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN' || ++tries > busyTries) return false;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
  return true;
}

/** A destination on `fd` that drops what it cannot write and says how much, later. */
export function droppingDestination(fd: number, name: string): { write(line: string): void } {
  let dropped = 0;
  return {
    write(line: string) {
      if (!writeAll(fd, line)) {
        dropped++;
        return;
      }
      if (dropped === 0) return;
      const note = { level: 40, time: Date.now(), pid: process.pid, name, dropped, msg: 'log lines were dropped: the log would not take them (disk full?)' };
      if (writeAll(fd, `${JSON.stringify(note)}\n`)) dropped = 0;
    },
  };
}

/** The logger of the component `name` on stdout, or on the descriptor given (a hosted thread's log file). */
export function componentLogger(name: string, level: string, fd = 1): Logger {
  return pino({ name, level }, droppingDestination(fd, name));
}
