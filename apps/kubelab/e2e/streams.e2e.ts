/**
 * Containers you can enter, with the real kubectl 1.32 and @kubernetes/client-node:
 * exec (with and without a TTY, stdin, exit codes, refusals), kill 1 and the
 * restart it causes, cp both ways, port-forward to a pod and a Service, attach,
 * run -it --rm and debug -it. TTY sessions run under `script`, which gives kubectl
 * a real pseudo-terminal.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Exec, KubeConfig } from '@kubernetes/client-node';
import { startLab, tempDir, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const timeScale = 20;

describe('exec, attach, cp and port-forward with the real kubectl (time scale 20)', () => {
  let lab: TestLab;
  let cache: string;

  const kubectlLine = (args: string[]) => ['kubectl', '--kubeconfig', lab.kubectl.kubeconfig, '--cache-dir', cache, ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');

  /**
   * Runs kubectl on a pseudo-terminal (`script`), typing each line once `prompt`
   * shows again; resolves with everything the terminal showed and the exit code.
   */
  const onTerminal = (args: string[], lines: string[], prompt = '# ', timeoutMs = 30_000) =>
    new Promise<{ screen: string; code: number | null }>((resolve) => {
      const child = spawn('script', ['-qefc', kubectlLine(args), '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let screen = '';
      let typed = 0;
      let seenPrompts = 0;
      let pressedEnter = false;
      const onOutput = (d: Buffer) => {
        screen += d.toString();
        // attach (run -it, debug -it) joins after the first prompt, and kubectl says so.
        if (!pressedEnter && screen.includes('try pressing enter')) {
          pressedEnter = true;
          child.stdin.write('\r');
        }
        const prompts = screen.split(prompt).length - 1;
        if (prompts > seenPrompts && typed < lines.length) {
          seenPrompts = prompts;
          child.stdin.write(`${lines[typed++]}\r`);
        }
      };
      child.stdout.on('data', onOutput);
      child.stderr.on('data', onOutput);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ screen, code });
      });
    });

  const podStatus = async (name: string) => (await lab.kubectl(['get', 'pod', name, '--no-headers'])).stdout.trim().split(/\s+/).slice(1, 4).join(' ');

  beforeAll(async () => {
    lab = await startLab({ nodes: 2, timeScale });
    cache = tempDir('kubectl-cache');
    const manifest = [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'box' }, spec: { containers: [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }] } },
      {
        apiVersion: 'v1', kind: 'Pod', metadata: { name: 'loop' },
        spec: { containers: [{ name: 'loop', image: 'busybox:1.36', command: ['sh', '-c', 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 1; done'] }] },
      },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'crash' }, spec: { containers: [{ name: 'crash', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'done' }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['true'] }] } },
      {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
        spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } } },
      },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 8080, targetPort: 80 }] } },
    ];
    const applied = await lab.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifest }) });
    expect(applied.stderr).toBe('');
    await lab.kubectl(['wait', '--for=condition=Ready', 'pod/box', 'pod/loop', 'pod', '-l', 'app=web', '--timeout=60s'], { timeoutMs: 70_000 });
    await waitFor(async () => (await podStatus('done')).includes('Completed'), 'pod done Completed');
  }, 120_000);
  afterAll(() => lab?.stop());

  it('execs a command: output on its own streams, the exit code carried back', async () => {
    const r = await lab.kubectl(['exec', 'box', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toBe('err\ncommand terminated with exit code 3\n');
    expect(r.code).toBe(3);
    expect(await lab.kubectl(['exec', 'box', '--', 'hostname'])).toMatchObject({ code: 0, stdout: 'box\n' });
  });

  it('pipes stdin to the process until EOF', async () => {
    const text = 'line one\nline two\n';
    expect(await lab.kubectl(['exec', '-i', 'box', '--', 'cat'], { stdin: text })).toMatchObject({ code: 0, stdout: text });
    expect((await lab.kubectl(['exec', '-i', 'box', '--', 'wc', '-l'], { stdin: text })).stdout.trim()).toBe('2');
  });

  it('gives an interactive shell on a TTY: prompt, environment, exit code', async () => {
    const { screen, code } = await onTerminal(['exec', '-it', 'box', '--', 'sh'], ['echo "[$HOSTNAME:$((6*7))]"', 'cd /tmp && pwd', 'exit 5']);
    expect(screen).toContain('/ # ');
    expect(screen).toContain('[box:42]');
    expect(screen).toContain('/tmp\r\n');
    expect(code).toBe(5);
  });

  it('answers a missing program, a missing pod, a wrong container and a finished pod as a cluster does', async () => {
    const missing = await lab.kubectl(['exec', 'box', '--', 'bash']);
    expect(missing.stdout + missing.stderr).toContain('exec: "bash": executable file not found in $PATH');
    expect(missing.code).not.toBe(0);
    expect(await lab.kubectl(['exec', 'nope', '--', 'ls'])).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(await lab.kubectl(['exec', 'box', '-c', 'nope', '--', 'ls'])).toMatchObject({ code: 1, stderr: 'Error from server (BadRequest): container nope is not valid for pod box\n' });
    await waitFor(async () => (await podStatus('crash')).includes('CrashLoopBackOff'), 'pod crash in CrashLoopBackOff');
    expect(await lab.kubectl(['exec', 'crash', '--', 'ls'])).toMatchObject({ code: 1, stderr: 'error: Internal error occurred: unable to upgrade connection: container not found ("crash")\n' });
    const finished = await lab.kubectl(['exec', 'done', '--', 'ls']);
    expect(finished.code).toBe(1);
    expect(finished.stderr).toContain('cannot exec into a container in a completed pod; current phase is Succeeded');
  });

  it('copies a 100 KB binary file into a container and back, byte for byte', async () => {
    const dir = tempDir('cp');
    const original = randomBytes(100 * 1024);
    writeFileSync(join(dir, 'data.bin'), original);
    const into = await lab.kubectl(['cp', join(dir, 'data.bin'), 'box:/tmp/data.bin']);
    expect(into.stderr).toBe('');
    expect((await lab.kubectl(['exec', 'box', '--', 'wc', '-c', '/tmp/data.bin'])).stdout.trim()).toBe(`${original.length} /tmp/data.bin`);
    const back = await lab.kubectl(['cp', 'box:/tmp/data.bin', join(dir, 'back.bin')]);
    expect(back.code).toBe(0);
    expect(readFileSync(join(dir, 'back.bin')).equals(original)).toBe(true);
  });

  it('copies a directory tree in and out', async () => {
    const dir = tempDir('cp-tree');
    mkdirSync(join(dir, 'site', 'css'), { recursive: true });
    writeFileSync(join(dir, 'site', 'index.html'), '<h1>mine</h1>\n');
    writeFileSync(join(dir, 'site', 'css', 'a.css'), 'h1 { color: red }\n');
    expect((await lab.kubectl(['cp', join(dir, 'site'), 'box:/tmp/site'])).code).toBe(0);
    expect((await lab.kubectl(['exec', 'box', '--', 'find', '/tmp/site', '-type', 'f'])).stdout.split('\n').filter(Boolean).sort()).toEqual(['/tmp/site/css/a.css', '/tmp/site/index.html']);
    expect((await lab.kubectl(['cp', 'box:/tmp/site', join(dir, 'back')])).code).toBe(0);
    expect(readFileSync(join(dir, 'back', 'css', 'a.css'), 'utf8')).toBe('h1 { color: red }\n');
    expect(readFileSync(join(dir, 'back', 'index.html'), 'utf8')).toBe('<h1>mine</h1>\n');
  });

  it('forwards a local port to a pod and to a Service, and reports a port nothing listens on', async () => {
    for (const target of ['deploy/web', 'svc/web']) {
      const port = target.startsWith('svc') ? '8080' : '80';
      const forward = lab.kubectl.spawn(['port-forward', target, `:${port}`]);
      try {
        await waitFor(() => /Forwarding from 127\.0\.0\.1:(\d+)/.test(forward.output()), `kubectl port-forward ${target}`);
        const local = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(forward.output())![1];
        const res = await fetch(`http://127.0.0.1:${local}/`);
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('Welcome to nginx!');
      } finally {
        forward.stop();
      }
    }
    const forward = lab.kubectl.spawn(['port-forward', 'deploy/web', ':81']);
    try {
      await waitFor(() => /Forwarding from 127\.0\.0\.1:(\d+)/.test(forward.output()), 'kubectl port-forward to :81');
      const local = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(forward.output())![1];
      await fetch(`http://127.0.0.1:${local}/`).catch(() => undefined);
      await waitFor(() => forward.output().includes('connect: connection refused'), 'the refusal in kubectl\'s output');
      expect(forward.output()).toMatch(/error forwarding port 81 to pod [0-9a-f]+, uid : .*failed to connect to localhost:81/);
    } finally {
      forward.stop();
    }
  });

  it('attaches to a looping container\'s output', async () => {
    const attach = lab.kubectl.spawn(['attach', 'loop']);
    try {
      await waitFor(() => /tick \d+\n[\s\S]*tick \d+/.test(attach.output()), 'two ticks through kubectl attach');
    } finally {
      attach.stop();
    }
  });

  it('kill 1 inside the Deployment\'s pod restarts its container; deleting the pod brings a new one (seed 001)', async () => {
    const pod = (await lab.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name} {.items[0].metadata.uid}'])).stdout.split(' ');
    const [name, uid] = pod;
    // The nginx image has no kill program: the shell's builtin does it, as people type it.
    expect((await lab.kubectl(['exec', name, '--', 'sh', '-c', 'kill 1'])).code).toBe(0);
    await waitFor(async () => (await podStatus(name)) === '1/1 Running 1', `${name} Running with 1 restart`, 20_000);
    const why = lab.kubelab(['why', `pod/${name}`]);
    expect(why.stdout).toContain(`ran "sh -c 'kill 1'" in container nginx via kubectl exec`);
    expect((await lab.kubectl(['delete', 'pod', name])).code).toBe(0);
    await waitFor(async () => {
      const now = (await lab.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].metadata.uid}'])).stdout.trim();
      return now !== '' && !now.includes(uid) && !now.includes(' ');
    }, 'a new pod with a new UID');
  });

  it('runs an interactive pod with run -it --rm and removes it after the session', async () => {
    const { screen } = await onTerminal(['run', '-it', '--rm', 'scratch', '--image=busybox:1.36', '--restart=Never', '--', 'sh'], ['echo "inside-$((1+1))"', 'exit'], '# ', 60_000);
    expect(screen).toContain('inside-2');
    expect(screen).toContain('pod "scratch" deleted');
    await waitFor(async () => (await lab.kubectl(['get', 'pod', 'scratch'])).code === 1, 'scratch gone');
  });

  it('debugs a pod with an interactive ephemeral container that sees the target\'s processes', async () => {
    const { screen } = await onTerminal(['debug', '-it', 'box', '--image=busybox:1.36', '--target=box', '--', 'sh'], ['ps', 'exit'], '# ', 60_000);
    expect(screen).toMatch(/1 root\s+\S+\s+sleep 3600/);
    const statuses = (await lab.kubectl(['get', 'pod', 'box', '-o', 'jsonpath={.status.ephemeralContainerStatuses[0].state}'])).stdout;
    expect(statuses).toContain('terminated');
  });

  it("execs through Debian's python3-kubernetes (its stream module, v4 WebSocket)", () => {
    const script = [
      'import sys',
      'from kubernetes import client, config',
      'from kubernetes.stream import stream',
      'config.load_kube_config(sys.argv[1])',
      "r = stream(client.CoreV1Api().connect_get_namespaced_pod_exec, 'box', 'default', command=['sh', '-c', 'echo from-python; exit 6'], stderr=True, stdin=False, stdout=True, tty=False, _preload_content=False)",
      'r.run_forever(timeout=20)',
      "print(repr(r.read_stdout()), r.returncode)",
    ].join('\n');
    const run = spawnSync('/usr/bin/python3', ['-c', script, lab.kubectl.kubeconfig], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe("'from-python\\n' 6\n");
  });

  it('execs through @kubernetes/client-node (v4 WebSocket)', async () => {
    const config = new KubeConfig();
    config.loadFromFile(lab.kubectl.kubeconfig);
    const stdout = new PassThrough();
    let text = '';
    stdout.on('data', (d) => (text += d));
    const status = await new Promise<any>((resolve, reject) => {
      void new Exec(config).exec('default', 'box', 'box', ['sh', '-c', 'echo from-client-node; exit 4'], stdout, null, null, false, resolve).catch(reject);
    });
    expect(text).toBe('from-client-node\n');
    expect(status).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '4' }] } });
  });
});
