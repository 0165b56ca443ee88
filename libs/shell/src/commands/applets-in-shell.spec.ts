import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { runProcess } from '../process/launch.js';
import { virtualHost } from '../testing/virtual-host.js';

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n';

async function sh(script: string, files: Record<string, string> = {}) {
  const lab = virtualHost({ fs: new MemoryFs({ files: { '/etc/passwd': PASSWD, ...files } }), env: { HOSTNAME: 'job-0' } });
  const status = await runProcess(['sh', '-c', script], lab.host);
  return { status, stdout: lab.stdout(), stderr: lab.stderr() };
}

describe('applets run by the shell', () => {
  it('the indexed Job example: rev reads its input file', async () => {
    expect(await sh('rev /input/data.txt', { '/input/data.txt': 'foo\n' })).toEqual({ status: 0, stdout: 'oof\n', stderr: '' });
  });

  it('read standard input through < redirections', async () => {
    const files = { '/tmp/words': 'pear\napple\npear\nfig\n' };
    expect(await sh('sort < /tmp/words', files)).toMatchObject({ stdout: 'apple\nfig\npear\npear\n' });
    expect(await sh('sort -u < /tmp/words > /tmp/sorted && uniq -c < /tmp/sorted && wc -l < /tmp/words', files)).toMatchObject({
      stdout: '      1 apple\n      1 fig\n      1 pear\n4\n',
    });
    expect(await sh('tr a-z A-Z < /tmp/words', files)).toMatchObject({ stdout: 'PEAR\nAPPLE\nPEAR\nFIG\n' });
  });

  it('use exit statuses in conditions', async () => {
    expect(await sh('if grep -q "^root:" /etc/passwd; then echo has-root; fi; grep -q ghost /etc/passwd || echo no-ghost')).toMatchObject({
      stdout: 'has-root\nno-ghost\n',
    });
    expect(await sh('awk -F: \'$3 == 0 { print $1 }\' /etc/passwd; [ "$(whoami)" = root ] && echo root-user')).toMatchObject({ stdout: 'root\nroot-user\n' });
  });

  it('compose through files and command substitution', async () => {
    const script = [
      'mkdir -p /work/in',
      'for i in $(seq 1 3); do echo "line $i" > /work/in/f$i.txt; done',
      'tar czf /tmp/in.tgz -C /work in',
      'mkdir /restore && tar xzf /tmp/in.tgz -C /restore',
      'cat /restore/in/f2.txt',
      'find /restore -type f > /tmp/list && du -s /restore > /tmp/du',
      'echo "$(wc -l < /tmp/list) files, $(cut -f1 < /tmp/du) KB"',
      'sha256sum /restore/in/f1.txt > /tmp/sums && sha256sum -c /tmp/sums',
      'sed -i "s/line/row/" /restore/in/f3.txt && cat /restore/in/f3.txt',
      'expr "$(uname -m)" : "x86_\\(.*\\)"',
    ].join('\n');
    expect(await sh(script)).toEqual({ status: 0, stdout: 'line 2\n3 files, 20 KB\n/restore/in/f1.txt: OK\nrow 3\n64\n', stderr: '' });
  });

  it('work in pipelines', async () => {
    const files = { '/var/log/access.log': '10.0.0.1 GET /\n10.0.0.2 GET /a\n10.0.0.1 GET /b\n10.0.0.3 POST /\n10.0.0.1 GET /c\n' };
    expect(await sh("cut -d' ' -f1 /var/log/access.log | sort | uniq -c | sort -rn | head -n 2", files)).toMatchObject({
      status: 0,
      stdout: '      3 10.0.0.1\n      1 10.0.0.3\n',
    });
    expect(await sh("grep GET /var/log/access.log | awk '{ print $3 }' | tr -d / | sed 's/^$/root/' | xargs echo", files)).toMatchObject({ stdout: 'root a b c\n' });
    expect(await sh('env | grep -c HOSTNAME= ; echo hello | rev | tee /tmp/t | wc -c; cat /tmp/t')).toMatchObject({ stdout: '1\n6\nolleh\n' });
    expect(await sh('tar cf - /etc/passwd 2>/dev/null | tar tf -')).toMatchObject({ stdout: 'etc/passwd\n' });
    expect(await sh('echo hi | gzip | gunzip | md5sum')).toMatchObject({ stdout: '764efa883dda1e11db47671c4a3bbd9e  -\n' });
  });
});

describe('applets reading standard input as it arrives', () => {
  it('grep -q and -m stop an endless producer; tee passes lines on at once', async () => {
    expect(await sh('yes | grep -q y; echo "q=$?"; yes abc | grep -m 2 -n b')).toMatchObject({ status: 0, stdout: 'q=0\n1:abc\n2:abc\n' });
    expect(await sh('yes | tee /tmp/copy | head -n 2; head -c 4 /tmp/copy')).toMatchObject({ status: 0, stdout: 'y\ny\ny\ny\n' });
  });

  it('a logging sidecar: tail -f | grep prints each matching line as it is written', async () => {
    const lab = virtualHost({ fs: new MemoryFs({ files: { '/var/log/app.log': 'INFO start\n' } }) });
    const exit = runProcess(['sh', '-c', 'tail -n+1 -f /var/log/app.log | grep --line-buffered ERROR'], lab.host);
    await lab.advance(1);
    lab.fs.write('/var/log/app.log', 'ERROR disk full\nINFO retry\n', { append: true });
    await lab.advance(1);
    expect(lab.stdout()).toBe('ERROR disk full\n');
    lab.fs.write('/var/log/app.log', 'ERROR again\n', { append: true });
    await lab.advance(1);
    expect(lab.stdout()).toBe('ERROR disk full\nERROR again\n');
    lab.kill('SIGTERM');
    expect(await exit).toBe(143);
  });
});
