/** Port checks for `kubelab up`: a busy port is reported, never fought over. */
import { createServer, connect } from 'node:net';

/** True when something already listens on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

/**
 * Listening ports are picked at random below Linux's ephemeral range (32768–60999):
 * a port the OS hands out (to a client's outgoing connection, or to another
 * `listen(0)`) could be taken again between choosing it and starting the process
 * that binds it, which made labs started side by side collide.
 */
const lowestPort = 10000;
const ephemeralStart = 32768;
const attempts = 50;

/** A port nobody listens on now, from below the ephemeral range, and none of `avoid` (ports the lab is about to bind). */
export async function freePort(avoid: readonly number[] = []): Promise<number> {
  for (let i = 0; i < attempts; i++) {
    const port = lowestPort + Math.floor(Math.random() * (ephemeralStart - lowestPort));
    if (!avoid.includes(port) && !(await portInUse(port))) return port;
  }
  throw new Error(`no free port between ${lowestPort} and ${ephemeralStart - 1} after ${attempts} tries`);
}

/** True when a TCP connection to host:port succeeds. */
export function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
