import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listeningInodes, portOwner, portTakenMessage } from './port-owner.js';

const table = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 0100007F:1950 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41234 1 0000000000000000 100 0 0 10 0',
  '   1: 0100007F:1950 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 41299 1 0000000000000000 20 4 30 10 -1',
  '   2: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 50000 1 0000000000000000 100 0 0 10 0',
].join('\n');

describe('who holds a port', () => {
  it('reads the listening sockets of a port from /proc/net/tcp, not its connections', () => {
    expect(listeningInodes(table, 6480)).toEqual(['41234']);
    expect(listeningInodes(table, 8080)).toEqual(['50000']);
    expect(listeningInodes(table, 6443)).toEqual([]);
  });

  it('finds this process behind a port it listens on', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      expect(portOwner(port)).toBe(process.pid);
    } finally {
      server.close();
    }
  });

  it('says which flag, who holds the port, and what to do', () => {
    expect(portTakenMessage('--dashboard-port', 6480, 4242)).toBe('--dashboard-port 6480 is in use (by pid 4242): choose another or stop it');
    expect(portTakenMessage('--api-port', 6443, undefined)).toBe('--api-port 6443 is in use: choose another or stop it');
  });
});
