import { completeBehaviour, type ImageBehaviour, type ResolvedImage } from '@kubelab/images';
import { MemoryFs, Volume } from '@kubelab/shell';
import { describe, expect, it, vi } from 'vitest';
import { EmulatedContainer } from './emulated-container.js';
import { LabClock } from './lab-clock.js';

/** A lab second lasts a real millisecond, so exits and sleeps end at once. */
const clock = new LabClock(1000);

function resolved(behaviour: Partial<ImageBehaviour>): ResolvedImage {
  return {
    reference: { original: 'x', registry: 'docker.io', repository: 'library/x', tag: '1', digest: undefined, name: 'docker.io/library/x', canonical: 'docker.io/library/x:1' },
    image: 'docker.io/library/x:1', imageID: 'docker.io/library/x@sha256:0', tags: ['1'], digest: 'sha256:0', sizeBytes: 1, pullSeconds: 0,
    behaviour: completeBehaviour(behaviour),
  };
}

function container(behaviour: Partial<ImageBehaviour>, spec: { command?: string[]; args?: string[] }) {
  let logs = '';
  let prepared = 0;
  const emulated = new EmulatedContainer(resolved(behaviour), { name: 'c', ...spec }, {
    podName: 'p', namespace: 'default', fs: new MemoryFs(), env: {}, clock,
    network: { lookup: async () => undefined, http: async () => undefined, prepare: () => void prepared++ },
    log: (text) => (logs += text),
  });
  return { emulated, logs: () => logs, prepared: () => prepared };
}

const nginx: Partial<ImageBehaviour> = {
  entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], listens: [80], logs: ['ready'],
  programs: ['sh', 'echo', 'nginx', 'docker-entrypoint.sh'], processes: [{ match: ['nginx'], portFlag: undefined, portArgument: false, memoryFlag: undefined, memoryWorkersFlag: undefined, cpuFlag: undefined, portEnv: undefined, behaviour: {} }],
  http: { '/': { status: 200, body: 'welcome', contentType: 'text/html' } },
};

describe('EmulatedContainer', () => {
  it("runs the image's server when the command starts it, listening where the image does", async () => {
    const { emulated, logs } = container(nginx, { command: ['nginx', '-g', 'daemon off;'] });
    const exit = emulated.run();
    expect(emulated.httpGet(80, '/')).toEqual({ status: 200, body: 'welcome' });
    emulated.terminate();
    expect(await exit).toEqual({ exitCode: 0 });
    expect(logs()).toBe('ready\n');
  });

  it('shows its main process in ps as the server titles itself, past the entrypoint script, started when the container was', () => {
    vi.useFakeTimers({ now: new Date('2026-11-29T10:00:00Z'), toFake: ['Date'] });
    try {
      const { emulated } = container({ ...nginx, title: 'nginx: master process' }, {});
      vi.setSystemTime(new Date('2026-11-29T10:05:00Z'));
      expect(emulated.processes.list().map((p) => [p.pid, p.command, p.startedAt.toISOString()])).toEqual([[1, 'nginx: master process nginx -g daemon off;', '2026-11-29T10:00:00.000Z']]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs any other command through the shell, serving nothing', async () => {
    const { emulated, logs } = container(nginx, { command: ['sh', '-c', 'echo hi; exit 3'] });
    expect(emulated.listensOn(80)).toBe(false);
    expect(await emulated.run()).toEqual({ exitCode: 3 });
    expect(logs()).toBe('hi\n');
  });

  it('fails to start a program the image lacks, with StartError and exit code 128', async () => {
    const { emulated } = container({ cmd: ['/bin/sh'], programs: ['sh'] }, { command: ['bash', '-c', 'echo hi'] });
    expect(await emulated.run()).toEqual({
      exitCode: 128,
      reason: 'StartError',
      message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown',
    });
  });

  it('listens on the port the arguments name', () => {
    const agnhost: Partial<ImageBehaviour> = {
      entrypoint: ['/agnhost'], cmd: ['pause'], programs: ['agnhost'],
      processes: [{ match: ['agnhost', 'netexec'], portFlag: '--http-port', portArgument: false, memoryFlag: undefined, memoryWorkersFlag: undefined, cpuFlag: undefined, portEnv: undefined, behaviour: { listens: [8080], http: { '/hostname': { status: 200, body: '{{hostname}}', contentType: 'text/plain' } } } }],
    };
    const { emulated } = container(agnhost, { args: ['netexec', '--http-port=8081'] });
    void emulated.run();
    expect(emulated.listensOn(8080)).toBe(false);
    expect(emulated.httpGet(8081, '/hostname')).toEqual({ status: 200, body: 'p' });
    emulated.kill();
  });

  it('execs through the shell, fails a program the image lacks, and lets an image tool the shell does not act out succeed', async () => {
    const { emulated } = container({ ...nginx, programs: [...(nginx.programs ?? []), 'cat', 'mysqladmin'] }, {});
    void emulated.run();
    expect(await emulated.exec(['echo', 'ok'], 1)).toEqual({ exitCode: 0, output: 'ok\n' });
    expect(await emulated.exec(['ps'], 1)).toEqual({
      exitCode: 126,
      output: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in $PATH: unknown',
    });
    expect(await emulated.exec(['mysqladmin', 'ping'], 1)).toEqual({ exitCode: 0, output: '' });
    emulated.kill();
  });

  it("readies the network for a process run through the shell, an exec or a session, never for the image's own server", async () => {
    const server = container(nginx, {});
    void server.emulated.run();
    expect(server.prepared()).toBe(0);
    await server.emulated.exec(['echo', 'ok'], 1);
    expect(server.prepared()).toBe(1);
    server.emulated.startSession(['sh'], { stdin: true, tty: false, user: 'u' }, { stdout: () => undefined, stderr: () => undefined }).kill('SIGKILL');
    expect(server.prepared()).toBe(2);
    server.emulated.kill();
    const shell = container(nginx, { command: ['sh', '-c', 'sleep 1'] });
    void shell.emulated.run();
    expect(shell.prepared()).toBe(1);
    shell.emulated.kill();
  });

  it('decodes the process output as UTF-8, even a character split across two writes', async () => {
    const { emulated, logs } = container({ programs: ['sh', 'echo', 'printf'] }, { command: ['sh', '-c', 'echo 한국어; printf "\\xed\\x95"; printf "\\x9c\\n"'] });
    expect(await emulated.run()).toEqual({ exitCode: 0 });
    expect(logs()).toBe('한국어\n한\n');
  });
});

describe('EmulatedContainer as a file server', () => {
  const server = { ...nginx, documentRoot: '/srv' };

  it('serves files under its document root before its fixed answers, and nothing outside it', async () => {
    const fs = new MemoryFs({ files: { '/srv/index.html': '<h1>mine</h1>', '/srv/data.bin': 'ab', '/etc/secret': 'no' } });
    const emulated = new EmulatedContainer(resolved(server), { name: 'c' }, {
      podName: 'p', namespace: 'default', fs, env: {}, clock, network: { lookup: async () => undefined, http: async () => undefined }, log: () => undefined,
    });
    void emulated.run();
    expect(emulated.httpAnswer(80, 'GET', '/')).toEqual({ status: 200, body: new TextEncoder().encode('<h1>mine</h1>'), contentType: 'text/html' });
    expect(emulated.httpGet(80, '/data.bin')).toEqual({ status: 200, body: 'ab' });
    expect(emulated.httpAnswer(80, 'GET', '/data.bin')?.contentType).toBe('application/octet-stream');
    expect(emulated.httpGet(80, '/../etc/secret')).toEqual({ status: 404, body: '404 Not Found\n' });
    expect(emulated.httpGet(80, '/%E0%A4%A')).toEqual({ status: 404, body: '404 Not Found\n' });
    fs.remove('/srv/index.html');
    expect(emulated.httpGet(80, '/')).toEqual({ status: 403, body: expect.stringContaining('<title>403 Forbidden</title>') });
    emulated.kill();
  });

  it('serves what a volume mounted on its document root holds, not the image\'s pages under it (403 for an empty one)', () => {
    const fs = new MemoryFs({ files: { '/srv/index.html': '<h1>the image\'s page</h1>' } });
    const emulated = new EmulatedContainer(resolved(server), { name: 'c' }, {
      podName: 'p', namespace: 'default', fs, env: {}, clock, network: { lookup: async () => undefined, http: async () => undefined }, log: () => undefined,
    });
    void emulated.run();
    const volume = new Volume();
    fs.mount('/srv', volume);
    expect(emulated.httpAnswer(80, 'GET', '/')).toEqual({
      status: 403, contentType: 'text/html',
      body: '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>x/1</center>\r\n</body>\r\n</html>\r\n',
    });
    expect(emulated.httpGet(80, '/index.html')).toEqual({ status: 404, body: '404 Not Found\n' });
    volume.writeFile('/index.html', 'web-0\n', false, new Date(0));
    expect(emulated.httpGet(80, '/')).toEqual({ status: 200, body: 'web-0\n' });
    emulated.kill();
  });
});

describe('EmulatedContainer as a file server that lists directories (httpd)', () => {
  it('lists a directory without index.html, as httpd\'s Options Indexes does over an empty volume on htdocs', () => {
    const fs = new MemoryFs({ files: { '/srv/index.html': 'It works!' } });
    const emulated = new EmulatedContainer(resolved({ ...nginx, documentRoot: '/srv', directoryListing: true }), { name: 'c' }, {
      podName: 'p', namespace: 'default', fs, env: {}, clock, network: { lookup: async () => undefined, http: async () => undefined }, log: () => undefined,
    });
    void emulated.run();
    const volume = new Volume();
    fs.mount('/srv', volume);
    expect(emulated.httpGet(80, '/')).toEqual({ status: 200, body: expect.stringContaining('<h1>Index of /</h1>\n<ul>\n</ul>') });
    volume.writeFile('/a&b.txt', 'x', false, new Date(0));
    volume.makeDirectory('/docs', false, new Date(0));
    expect(emulated.httpGet(80, '/')?.body).toContain('<ul><li><a href="a%26b.txt"> a&amp;b.txt</a></li>\n<li><a href="docs/"> docs/</a></li>\n</ul>');
    expect(emulated.httpGet(80, '/docs/')?.body).toContain('<title>Index of /docs</title>');
    expect(emulated.httpGet(80, '/docs/')?.body).toContain('<li><a href="/"> Parent Directory</a></li>');
    emulated.kill();
  });
});

describe('EmulatedContainer exec sessions', () => {
  it('leaves no process, session or listener behind after 1,000 sessions, ended every way a client ends them', async () => {
    const { emulated } = container({ programs: ['sh', 'echo', 'sleep', 'cat'] }, { command: ['sleep', '3600'] });
    void emulated.run();
    const output = { stdout: () => undefined, stderr: () => undefined };
    for (let i = 0; i < 1000; i++) {
      const way = i % 4;
      const session = emulated.startSession(way === 0 ? ['echo', String(i)] : way === 1 ? ['cat'] : ['sleep', '100'], { stdin: way === 1, tty: way === 3, user: 'u' }, output);
      if (way === 1) {
        session.write(new TextEncoder().encode('x\n'));
        session.closeStdin();
      }
      if (way >= 2) session.kill('SIGKILL');
      await session.exit;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(emulated.processes.list().map((p) => p.pid)).toEqual([1]);
    emulated.kill();
  });

  it('signals as Linux does: sleep as PID 1 ignores kill 1, an exec\'d process ends on TERM', async () => {
    const { emulated } = container({ programs: ['sh', 'sleep', 'kill'] }, { command: ['sleep', '3600'] });
    const exited = emulated.run();
    const output = { stdout: () => undefined, stderr: () => undefined };
    expect(await emulated.startSession(['kill', '1'], { stdin: false, tty: false, user: 'u' }, output).exit).toBe(0);
    const victim = emulated.startSession(['sleep', '100'], { stdin: false, tty: false, user: 'u' }, output);
    const pid = emulated.processes.list().find((p) => p.command === 'sleep 100')!.pid;
    expect(await emulated.startSession(['kill', String(pid)], { stdin: false, tty: false, user: 'u' }, output).exit).toBe(0);
    expect(await victim.exit).toBe(143);
    expect(emulated.processes.list().map((p) => p.command)).toEqual(['sleep 3600']);
    emulated.kill();
    expect(await exited).toEqual({ exitCode: 137, signal: 9 });
  });
});

describe('EmulatedContainer signalled from the node, outside its PID namespace', () => {
  it('ends its PID 1 on KILL even when it handles nothing, and only then says it has ended', async () => {
    const { emulated } = container({ programs: ['sh', 'sleep'] }, { command: ['sleep', '3600'] });
    const exited = emulated.run();
    let ended = false;
    void emulated.ended.then(() => (ended = true));
    expect(emulated.signalFromNode(1, 'SIGTERM')).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(false);
    expect(emulated.signalFromNode(1, 'SIGKILL')).toBe(true);
    expect(await exited).toEqual({ exitCode: 137, signal: 9 });
    expect(ended).toBe(true);
    // Asked once it is over, it has ended already.
    await emulated.ended;
  });

  it('ends a server that handles TERM with its own exit code, and knows no PID it does not run', async () => {
    const { emulated } = container({ ...nginx, exitsOnSigterm: true }, {});
    const exited = emulated.run();
    expect(emulated.signalFromNode(42, 'SIGKILL')).toBe(false);
    expect(emulated.signalFromNode(1, 'SIGTERM')).toBe(true);
    expect(await exited).toEqual({ exitCode: 0 });
  });
});

describe('EmulatedContainer exec of what it cannot run', () => {
  it('answers a program the image lacks as runc does, and one it has but does not emulate with 127, never silently', async () => {
    const { emulated } = container({ ...nginx, programs: [...(nginx.programs ?? []), 'mysql'] }, {});
    void emulated.run();
    let out = '';
    let err = '';
    const output = { stdout: (b: Uint8Array) => (out += new TextDecoder().decode(b)), stderr: (b: Uint8Array) => (err += new TextDecoder().decode(b)) };
    expect(await emulated.startSession(['bash'], { stdin: false, tty: false, user: 'u' }, output).exit).toBe(126);
    expect(out).toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\r\n');
    expect(await emulated.startSession(['mysql', '-e', 'select 1'], { stdin: false, tty: false, user: 'u' }, output).exit).toBe(127);
    expect(err).toBe('mysql: not found (the image has it, but kubelab does not emulate it)\n');
    emulated.kill();
  });
});

describe('EmulatedContainer localhost', () => {
  it("reaches the pod's own servers at localhost and 127.0.0.1, and nothing else there", async () => {
    let logs = '';
    const emulated = new EmulatedContainer(resolved({ programs: ['sh', 'wget', 'echo'] }), { name: 'c', command: ['sh', '-c', 'wget -qO- http://localhost/; wget -qO- http://127.0.0.1:8080/x; echo status=$?'] }, {
      podName: 'p', namespace: 'default', fs: new MemoryFs(), env: {}, clock,
      network: { lookup: async () => undefined, http: async () => ({ status: 200, body: 'not me' }) },
      loopback: (port, path) => (port === 80 ? { status: 200, body: `own ${path}\n` } : undefined),
      log: (text) => (logs += text),
    });
    expect(await emulated.run()).toEqual({ exitCode: 0 });
    expect(logs).toBe('own /\nwget: can\'t connect to remote host (127.0.0.1): Connection refused\nstatus=1\n');
  });

  it('asks its own servers with the query, from 127.0.0.1, for the Host written', async () => {
    let logs = '';
    const emulated = new EmulatedContainer(resolved({ programs: ['sh', 'wget'] }), { name: 'c', command: ['sh', '-c', 'wget -qO- "http://localhost:8080/echo?msg=hi"'] }, {
      podName: 'p', namespace: 'default', fs: new MemoryFs(), env: {}, clock,
      network: { lookup: async () => undefined, http: async () => undefined },
      loopback: (port, path, origin) => ({ status: 200, body: `${port} ${path} ${JSON.stringify(origin)}\n` }),
      log: (text) => (logs += text),
    });
    expect(await emulated.run()).toEqual({ exitCode: 0 });
    expect(logs).toBe('8080 /echo?msg=hi {"clientIP":"127.0.0.1","host":"localhost:8080"}\n');
  });
});

describe('EmulatedContainer answers that show the pod and the request', () => {
  const echo: Partial<ImageBehaviour> = {
    entrypoint: ['/echo'], programs: ['echo-server'], listens: [8080],
    logs: ['listening on {{arg:listen|\':8080\'}} as {{hostname}} ({{podIP}}), port {{port}}'],
    http: {
      '*': { status: 200, body: '{{hostname}} {{podIP}}:{{port}} {{host}} {{path}} from {{remoteAddr}} id={{requestId}}\n', contentType: 'text/plain' },
      '/echo': { status: 200, body: '{{query:msg}}', contentType: 'text/plain' },
      '/text': { status: 200, body: '{{arg:text|env:TEXT}}\n', contentType: 'text/plain' },
    },
    requiredEnv: [{ name: '-text', alternatives: ['TEXT'], exitCode: 127, logs: ['Missing -text option!'] }],
  };
  function start(spec: { args?: string[] }, env: Record<string, string> = {}) {
    let logs = '';
    const emulated = new EmulatedContainer(resolved(echo), { name: 'c', ...spec }, {
      podName: 'web-1', podIP: '10.244.1.5', namespace: 'default', fs: new MemoryFs(), env, clock,
      network: { lookup: async () => undefined, http: async () => undefined }, log: (text) => (logs += text),
    });
    const exit = emulated.run();
    return { emulated, exit, logs: () => logs };
  }

  it('fills the pod, the port, the Host, the request target and the client into the body; the path alone picks the answer', () => {
    const { emulated } = start({ args: ['-text=apple'] });
    expect(emulated.httpGet(8080, '/a/b?c=d', { clientIP: '10.244.2.7', host: 'web' })).toEqual({
      status: 200, body: expect.stringMatching(/^web-1 10\.244\.1\.5:8080 web \/a\/b\?c=d from 10\.244\.2\.7:\d{5} id=[0-9a-f]{32}\n$/),
    });
    expect(emulated.httpGet(8080, '/echo?msg=hello%20world')).toEqual({ status: 200, body: 'hello world' });
    expect(emulated.httpAnswer(8080, 'GET', '/echo?msg=x', { clientIP: '127.0.0.1' })).toEqual({ status: 200, body: 'x', contentType: 'text/plain' });
    expect(emulated.httpGet(8080, '/text')).toEqual({ status: 200, body: 'apple\n' });
    emulated.kill();
  });

  it("makes up what the network did not carry: a client at the pod network's gateway, the pod's address as the Host", () => {
    const { emulated } = start({ args: ['-text=apple'] });
    expect(emulated.httpGet(8080, '/')?.body).toMatch(/^web-1 10\.244\.1\.5:8080 10\.244\.1\.5:8080 \/ from 10\.244\.1\.1:\d{5} /);
    emulated.kill();
  });

  it('fills its start logs from its arguments and its port', async () => {
    const { emulated, logs } = start({ args: ['-listen=0.0.0.0:8080', '-text=apple'] });
    expect(logs()).toBe('listening on 0.0.0.0:8080 as web-1 (10.244.1.5), port 8080\n');
    emulated.kill();
  });

  it('answers what its environment says when the flag is not given, and refuses to start with neither', async () => {
    const { emulated } = start({}, { TEXT: 'from env' });
    expect(emulated.httpGet(8080, '/text')).toEqual({ status: 200, body: 'from env\n' });
    emulated.kill();
    const refused = start({});
    expect(await refused.exit).toEqual({ exitCode: 127 });
    expect(refused.logs()).toBe('Missing -text option!\n');
  });
});

describe('EmulatedContainer resource use', () => {
  const shell: Partial<ImageBehaviour> = { programs: ['sh', 'sleep', 'yes'] };
  const realMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** A spin's real wait (emulated-container.ts). */
  const spinWaitMs = 100;

  it('charges a busy loop a full core of lab time, and a sleeping shell nothing', async () => {
    const { emulated: busy } = container(shell, { command: ['sh', '-c', 'while true; do :; done'] });
    const { emulated: idle } = container(shell, { command: ['sleep', '3600'] });
    const start = Date.now();
    void busy.run();
    void idle.run();
    // Each spin charges the time since the previous one ended, so the charges cover the loop's life without a gap and
    // never beyond it: measured from the start, not between two charges a loaded machine may notice late.
    await realMs(1500);
    const before = busy.activity.busyCoreSeconds;
    await waitUntil(() => busy.activity.busyCoreSeconds > before);
    const labSeconds = ((Date.now() - start) / 1000) * clock.scale;
    const share = busy.activity.busyCoreSeconds / labSeconds;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThanOrEqual(1);
    expect(idle.activity).toMatchObject({ busyCoreSeconds: 0, steadyMillicores: 0 });
    busy.kill();
    idle.kill();
  });

  it('never charges a busy stretch twice when a loaded machine wakes its next spin late', async () => {
    const { emulated } = container(shell, { command: ['sleep', '3600'] });
    const spin = emulated['spinner']();
    const since = new Date();
    await spin(new AbortController().signal, since);
    // The agent's event loop, busy with other pods, came back to this process long after its spin ended.
    await realMs(3 * spinWaitMs);
    await spin(new AbortController().signal, since);
    const labSeconds = ((Date.now() - since.getTime()) / 1000) * clock.scale;
    expect(emulated.activity.busyCoreSeconds).toBeGreaterThan(0.9 * labSeconds);
    expect(emulated.activity.busyCoreSeconds).toBeLessThanOrEqual(labSeconds);
    emulated.kill();
  });

  it('counts the requests its server answers, with the CPU the image says each costs and what it uses idle', async () => {
    const { emulated } = container({ ...nginx, cpuMillicores: 2, cpuMillisecondsPerRequest: 0.5 }, {});
    void emulated.run();
    for (let i = 0; i < 3; i++) emulated.httpGet(80, '/');
    expect(emulated.activity).toMatchObject({ requestsServed: 3, steadyMillicores: 2, cpuMillisecondsPerRequest: 0.5, memoryMiB: 1 });
    emulated.kill();
  });

  it('is OOM-killed when a memory-backed emptyDir it holds takes it past its limit (tmpfs is charged to the cgroup)', async () => {
    let tmpfsMiB = 0;
    const emulated = new EmulatedContainer(resolved(shell), { name: 'c', command: ['sleep', '3600'] }, {
      podName: 'p', namespace: 'default', fs: new MemoryFs(), env: {}, clock, network: { lookup: async () => undefined, http: async () => undefined },
      memoryLimitMiB: 100, chargedMemoryMiB: () => tmpfsMiB, log: () => undefined,
    });
    const exit = emulated.run();
    await realMs(20);
    expect(emulated.activity.memoryMiB).toBe(1);
    tmpfsMiB = 120;
    expect(await exit).toEqual({ exitCode: 137, reason: 'OOMKilled', signal: 9 });
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
