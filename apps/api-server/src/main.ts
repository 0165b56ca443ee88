/** api-server process entry: flags → server; SIGTERM/SIGINT → orderly stop. */
import { componentLogger, releaseMemoryWhenIdle, watchSupervisor } from '@kubelab/bus';
import { parseConfig } from './config.js';
import { startApiServer } from './server.js';

async function main(): Promise<void> {
  const parent = watchSupervisor();
  let config;
  try {
    config = parseConfig(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`api-server: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const log = componentLogger('api-server', config.logLevel);
  const server = await startApiServer(config, log).catch((e: Error) => {
    const busy = (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
    log.fatal({ err: e.message }, busy ? `port ${config.port} is already in use` : 'api-server failed to start');
    process.stderr.write(`api-server: ${busy ? `port ${config.port} on ${config.host} is already in use: stop what listens there or pick --port` : e.message}\n`);
    process.exit(1);
  });
  parent.listening(server.port);
  releaseMemoryWhenIdle();
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  // SIGTERM, SIGINT, and under `kubelab up` the end of the supervisor.
  parent.stopWith(stop);
}

void main();
