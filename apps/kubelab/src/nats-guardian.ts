/**
 * The lab's nats-server runs under this small Node process: nats-server is a Go binary
 * and cannot watch kubelab's IPC channel, this can. It starts `nats-server ARGS…` in its
 * process group (so a signal the supervisor sends to the group reaches both), passes on
 * SIGTERM, SIGINT and SIGHUP (reload), ends as nats-server ends, and when the supervisor is gone stops
 * nats-server, last as the supervisor would: SIGTERM after 1 s, SIGKILL 3 s later.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** When the supervisor is gone, the other processes stop at the same moment and release their leases through NATS: it stays that long. */
const lastMs = 1000;
/** Then nats-server has this long to stop before it is killed: 4 s in all, within the 5 s a lab process gets. */
const graceMs = 3000;
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
// SIGHUP is nats-server's "reload your configuration": `kubelab node add` sends it once a new node's user is written.
process.on('SIGHUP', () => nats.kill('SIGHUP'));
process.once('disconnect', () => setTimeout(stopNats, lastMs));
process.channel?.unref();
