/**
 * `yes [STRING]…`: prints STRING (default `y`) line after line until whoever
 * reads stops (`yes | head -n 3`: the next write finds a broken pipe) or the
 * process is killed. It writes a block of lines at a time and waits for room
 * in the pipe between blocks, as the utility contract asks of endless writers.
 */
import type { CommandContext } from './command-context.js';

/** Bytes of repeated lines written per block. */
const BLOCK_BYTES = 8 * 1024;

/** Never returns on its own: ends with the reader (broken pipe) or a kill. */
export async function yes(context: CommandContext): Promise<number> {
  const line = `${context.args.length > 0 ? context.args.join(' ') : 'y'}\n`;
  const block = line.repeat(Math.max(1, Math.floor(BLOCK_BYTES / line.length)));
  for (;;) {
    context.stdout(block);
    await context.runtime.writable();
  }
}
