/**
 * The lab's nats-server runs under this small Node process: nats-server is a Go binary
 * and cannot watch kubelab's IPC channel, this can. It starts `nats-server ARGS…` in its
 * own process group (so a signal the supervisor sends to the group reaches both), passes
 * on SIGTERM and SIGINT, ends as nats-server ends, and when the supervisor is gone stops
 * nats-server: SIGTERM, then SIGKILL after 4 s.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const graceMs = 4000;
const nats = spawn('nats-server', process.argv.slice(2), { stdio: ['ignore', 'inherit', 'inherit'] });

nats.once('error', (e) => {
  process.stderr.write(`nats-guardian: could not start nats-server: ${e.message}\n`);
  process.exit(1);
});
nats.once('exit', (code, signal) => {
  // Ends as nats-server ended, so the supervisor reads the same exit.
  process.exitCode = code ?? 128 + (signal ? constants.signals[signal] : 0);
});

const stopNats = () => {
  if (nats.exitCode !== null || nats.signalCode !== null) return;
  nats.kill('SIGTERM');
  setTimeout(() => nats.kill('SIGKILL'), graceMs).unref();
};
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => nats.kill(signal));
process.once('disconnect', stopNats);
process.channel?.unref();
