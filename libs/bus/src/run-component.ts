/**
 * The life of a component process: flags → start → run until SIGTERM/SIGINT (or, under
 * `kubelab up`, until the supervisor is gone) → stop.
 * A mistake in the flags or a failed start prints one line that says what to fix
 * and exits 2: never a stack trace.
 */
import type { Logger } from 'pino';
import { exitSaying, hostedThread, watchSupervisor } from './hosted-thread.js';
import { componentLogger } from './logger.js';

export interface Stoppable {
  stop(): Promise<void>;
}

/** Runs `start(parse(argv))` as the process `name`, or as a thread of the thread host (hosted-thread.ts). */
export async function runComponent<C extends { logLevel: string }>(name: string, parse: (argv: string[]) => C, start: (config: C, log: Logger) => Promise<Stoppable>): Promise<void> {
  const thread = hostedThread();
  const parent = watchSupervisor();
  const fail = (message: string): never => exitSaying(`${name}: ${message}`, 2);
  let config: C;
  try {
    config = parse(process.argv.slice(2));
  } catch (e) {
    return fail((e as Error).message);
  }
  const log = componentLogger(name, config.logLevel, thread?.logFd);
  const running = await start(config, log).catch((e: Error) => {
    // The one line says what failed; the log keeps the error's stack (a NATS timeout's names the step of nats.js that timed out).
    log.error({ err: e }, 'could not start');
    return fail(`could not start: ${e.message}`);
  });
  const stop = async () => {
    await running.stop();
    process.exit(0);
  };
  parent.stopWith(stop);
}
