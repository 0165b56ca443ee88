/**
 * A TCP port on 127.0.0.1 that nobody listens on right now, picked at random below
 * Linux's ephemeral range (32768–60999): a port the OS hands out (to a client's
 * outgoing connection, or to another `listen(0)`) could be taken again between
 * choosing it and the test's server binding it, which made suites running side
 * by side collide.
 */
import { createServer } from 'node:net';

const lowestPort = 10000;
const ephemeralStart = 32768;
const attempts = 50;

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  for (let i = 0; i < attempts; i++) {
    const port = lowestPort + Math.floor(Math.random() * (ephemeralStart - lowestPort));
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port between ${lowestPort} and ${ephemeralStart - 1} after ${attempts} tries`);
}
