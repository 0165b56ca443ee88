import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { runProcess } from '../process/launch.js';
import { runUtility } from '../testing/run-utility.js';
import { virtualHost } from '../testing/virtual-host.js';

function lab() {
  const host = virtualHost({ fs: new MemoryFs({ files: { '/etc/resolv.conf': 'nameserver 10.96.0.10\nsearch default.svc.cluster.local\n' } }) });
  host.dns.set('nginx', '10.96.0.20');
  host.web.set('http://nginx/', { status: 200, body: '<h1>hi</h1>' });
  host.web.set('http://nginx/missing', { status: 404, body: 'nope' });
  return host;
}

describe('nc', () => {
  it('-zv reports an open port on stderr', async () => {
    expect(await runUtility(['nc', '-zv', 'nginx', '80'], { lab: lab() })).toEqual({ status: 0, stdout: '', stderr: 'nginx (10.96.0.20:80) open\n' });
    expect(await runUtility(['nc', '-z', '-w', '2', 'nginx', '80'], { lab: lab() })).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('a refused port is status 1, silent unless -vv', async () => {
    expect(await runUtility(['nc', '-zv', 'nginx', '81'], { lab: lab() })).toEqual({ status: 1, stdout: '', stderr: '' });
    expect(await runUtility(['nc', '-zvv', 'nginx', '81'], { lab: lab() })).toEqual({ status: 1, stdout: '', stderr: 'nc: nginx (10.96.0.20:81): Connection refused\n' });
  });

  it('sends an HTTP request from stdin and prints the raw response', async () => {
    const input = 'GET /missing HTTP/1.1\r\nHost: nginx\r\n\r\n';
    expect(await runUtility(['nc', 'nginx', '80'], { lab: lab(), input })).toEqual({
      status: 0,
      stdout: 'HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\nConnection: close\r\n\r\nnope',
      stderr: '',
    });
  });

  it('reports a bad address, a bad port and missing operands', async () => {
    expect(await runUtility(['nc', '-z', 'ghost', '80'], { lab: lab() })).toEqual({ status: 1, stdout: '', stderr: "nc: bad address 'ghost'\n" });
    expect(await runUtility(['nc', 'nginx', 'http'], { lab: lab() })).toEqual({ status: 1, stdout: '', stderr: "nc: invalid port 'http'\n" });
    expect(await runUtility(['nc', 'nginx'], { lab: lab() })).toMatchObject({ status: 1, stderr: expect.stringMatching(/^Usage: nc /) });
  });
});

describe('ping', () => {
  it('-c N pings N times a second apart and prints statistics', async () => {
    const host = lab();
    const exit = runProcess(['ping', '-c', '3', 'nginx'], host.host);
    await host.advance(2);
    expect(await exit).toBe(0);
    const lines = host.stdout().split('\n');
    expect(lines[0]).toBe('PING nginx (10.96.0.20): 56 data bytes');
    expect(lines.slice(1, 4).every((line, seq) => new RegExp(`^64 bytes from 10\\.96\\.0\\.20: seq=${seq} ttl=64 time=0\\.\\d{3} ms$`).test(line))).toBe(true);
    expect(lines.slice(4, 7)).toEqual(['', '--- nginx ping statistics ---', '3 packets transmitted, 3 packets received, 0% packet loss']);
    expect(lines[7]).toMatch(/^round-trip min\/avg\/max = 0\.\d{3}\/0\.\d{3}\/0\.\d{3} ms$/);
    expect(host.elapsed()).toBe(2);
  });

  it('without -c runs until killed', async () => {
    const host = lab();
    const exit = runProcess(['ping', '10.0.0.1'], host.host);
    await host.advance(5);
    expect(host.stdout().match(/bytes from/g)).toHaveLength(6);
    host.kill('SIGTERM');
    expect(await exit).toBe(143);
  });

  it('reports an unknown host and a bad count', async () => {
    expect(await runUtility(['ping', '-c', '1', 'ghost'], { lab: lab() })).toEqual({ status: 1, stdout: '', stderr: "ping: bad address 'ghost'\n" });
    expect(await runUtility(['ping', '-c', 'x', 'nginx'], { lab: lab() })).toEqual({ status: 1, stdout: '', stderr: "ping: invalid number 'x'\n" });
  });
});

describe('traceroute', () => {
  it('shows one hop to the resolved address', async () => {
    const { status, stdout } = await runUtility(['traceroute', 'nginx'], { lab: lab() });
    expect(status).toBe(0);
    expect(stdout).toMatch(/^traceroute to nginx \(10\.96\.0\.20\), 30 hops max, 46 byte packets\n 1 {2}10\.96\.0\.20 \(10\.96\.0\.20\)( {2}0\.\d{3} ms){3}\n$/);
  });

  it('reports an unknown host', async () => {
    expect(await runUtility(['traceroute', 'ghost'], { lab: lab() })).toEqual({ status: 1, stdout: '', stderr: "traceroute: bad address 'ghost'\n" });
  });
});

describe('dig', () => {
  it('+short prints the address, or nothing for NXDOMAIN', async () => {
    expect(await runUtility(['dig', '+short', 'nginx'], { lab: lab() })).toEqual({ status: 0, stdout: '10.96.0.20\n', stderr: '' });
    expect(await runUtility(['dig', '+short', 'ghost'], { lab: lab() })).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('prints the full answer with the resolv.conf server', async () => {
    const { stdout } = await runUtility(['dig', 'nginx'], { lab: lab() });
    expect(stdout).toContain(';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ');
    expect(stdout).toContain(';; ANSWER SECTION:\nnginx.\t\t30\tIN\tA\t10.96.0.20\n');
    expect(stdout).toContain(';; SERVER: 10.96.0.10#53(10.96.0.10) (UDP)\n;; WHEN: Wed Jan 01 12:00:00 UTC 2025\n');
    expect((await runUtility(['dig', 'ghost'], { lab: lab() })).stdout).toContain('status: NXDOMAIN');
  });

  it('rejects an unknown option', async () => {
    expect(await runUtility(['dig', '+bogus', 'nginx'], { lab: lab() })).toEqual({
      status: 1,
      stdout: '',
      stderr: 'Invalid option: +bogus\nUsage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}\n',
    });
  });
});
