import { describe, expect, it } from 'vitest';
import { runProcess } from '../process/launch.js';
import type { JournalEntry, NodeServices, ServiceUnit } from '../process/process-host.js';
import { virtualHost } from '../testing/virtual-host.js';
import { relativeAge, timespan } from './journal-format.js';

const started = new Date(Date.UTC(2025, 0, 1, 11, 0, 0));

/** A node with a kubelet (running since 11:00, an hour before the virtual host's clock) and containerd. */
function node() {
  const journal: JournalEntry[] = [
    { time: started, unit: 'kubelet.service', identifier: 'systemd', pid: 1, message: 'Started kubelet.service - kubelet: The Kubernetes Node Agent.' },
    { time: started, unit: 'kubelet.service', identifier: 'kubelet', pid: 812, message: 'I0101 11:00:00.000000     812 server.go:484] "Kubelet version" kubeletVersion="v1.32.0"' },
  ];
  let kubelet: ServiceUnit = {
    name: 'kubelet.service', description: 'kubelet: The Kubernetes Node Agent', fragmentPath: '/usr/lib/systemd/system/kubelet.service',
    dropIns: ['/etc/systemd/system/kubelet.service.d/10-kubeadm.conf'], documentation: 'https://kubernetes.io/docs/', enabled: true,
    active: 'active', sub: 'running', since: started, mainPid: 812, commandLine: '/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml',
    execStart: '/usr/bin/kubelet $KUBELET_CONFIG_ARGS',
  };
  const services: NodeServices = {
    hostname: 'node-1',
    unit: (name) => (name === 'kubelet.service' ? kubelet : undefined),
    act: async (_name, job) => {
      const at = new Date(Date.UTC(2025, 0, 1, 11, 59, 55));
      if (job === 'stop') {
        kubelet = { ...kubelet, active: 'inactive', sub: 'dead', since: at, lastRun: { started: kubelet.since, code: 'exited', status: '0/SUCCESS' } };
        journal.push({ time: at, unit: 'kubelet.service', identifier: 'systemd', pid: 1, message: 'Stopped kubelet.service - kubelet: The Kubernetes Node Agent.' });
      } else {
        kubelet = { ...kubelet, active: 'active', sub: 'running', since: at, mainPid: 900, lastRun: undefined };
      }
    },
    enable: (_name, enabled) => void (kubelet = { ...kubelet, enabled }),
    journal: (unit) => journal.filter((e) => !unit || e.unit === unit),
    cri: {
      images: () => [], sandboxes: () => [], containers: () => [], logs: () => undefined,
      stopContainer: async () => undefined, removeContainer: () => undefined, imageStatus: () => undefined, removeImage: () => undefined,
    },
  };
  return { services, journal };
}

async function run(script: string, services?: NodeServices) {
  const lab = virtualHost();
  const status = await runProcess(['sh', '-c', script], { ...lab.host, ...(services ? { services } : {}) });
  return { status, stdout: lab.stdout(), stderr: lab.stderr() };
}

describe('systemctl on a node', () => {
  it('shows a running unit as systemd 252 does, with its drop-in, main process and last journal lines', async () => {
    expect(await run('systemctl status kubelet', node().services)).toEqual({
      status: 0, stderr: '', stdout: [
        '● kubelet.service - kubelet: The Kubernetes Node Agent',
        '     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)',
        '    Drop-In: /etc/systemd/system/kubelet.service.d',
        '             └─10-kubeadm.conf',
        '     Active: active (running) since Wed 2025-01-01 11:00:00 UTC; 1h 0min ago',
        '       Docs: https://kubernetes.io/docs/',
        '   Main PID: 812 (kubelet)',
        '     CGroup: /system.slice/kubelet.service',
        '             └─812 /usr/bin/kubelet --config=/var/lib/kubelet/config.yaml',
        '',
        'Jan 01 11:00:00 node-1 systemd[1]: Started kubelet.service - kubelet: The Kubernetes Node Agent.',
        'Jan 01 11:00:00 node-1 kubelet[812]: I0101 11:00:00.000000     812 server.go:484] "Kubelet version" kubeletVersion="v1.32.0"',
        '',
      ].join('\n'),
    });
  });

  it('stops a unit silently; status then shows it dead with how its run ended, and exits 3', async () => {
    const { services } = node();
    expect(await run('systemctl stop kubelet', services)).toEqual({ status: 0, stdout: '', stderr: '' });
    const result = await run('systemctl status kubelet.service -n 1; echo "status $?"; systemctl is-active kubelet', services);
    expect(result.stdout).toBe([
      '○ kubelet.service - kubelet: The Kubernetes Node Agent',
      '     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)',
      '    Drop-In: /etc/systemd/system/kubelet.service.d',
      '             └─10-kubeadm.conf',
      '     Active: inactive (dead) since Wed 2025-01-01 11:59:55 UTC; 5s ago',
      '   Duration: 59min 55s',
      '       Docs: https://kubernetes.io/docs/',
      '    Process: 812 ExecStart=/usr/bin/kubelet $KUBELET_CONFIG_ARGS (code=exited, status=0/SUCCESS)',
      '   Main PID: 812 (code=exited, status=0/SUCCESS)',
      '',
      'Jan 01 11:59:55 node-1 systemd[1]: Stopped kubelet.service - kubelet: The Kubernetes Node Agent.',
      'status 3',
      'inactive',
      '',
    ].join('\n'));
    expect((await run('systemctl start kubelet && systemctl is-active kubelet', services)).stdout).toBe('active\n');
  });

  it('shows a unit waiting to restart after a signal killed it: the signal that did, where an exit shows its status', async () => {
    const { services } = node();
    const at = new Date(Date.UTC(2025, 0, 1, 11, 59, 55));
    const killed: ServiceUnit = { ...services.unit('kubelet.service')!, active: 'activating', sub: 'auto-restart', result: 'signal', since: at, lastRun: { started, code: 'killed', status: '9/KILL' } };
    const { stdout } = await run('systemctl status kubelet -n 0', { ...services, unit: (name) => (name === 'kubelet.service' ? killed : undefined) });
    expect(stdout.split('\n').slice(4, 8)).toEqual([
      '     Active: activating (auto-restart) (Result: signal) since Wed 2025-01-01 11:59:55 UTC; 5s ago',
      '       Docs: https://kubernetes.io/docs/',
      '    Process: 812 ExecStart=/usr/bin/kubelet $KUBELET_CONFIG_ARGS (code=killed, signal=KILL)',
      '   Main PID: 812 (code=killed, signal=KILL)',
    ]);
  });

  it('answers for units the node lacks in systemd\'s words', async () => {
    const { services } = node();
    expect(await run('systemctl status nginx', services)).toMatchObject({ status: 4, stderr: 'Unit nginx.service could not be found.\n' });
    expect(await run('systemctl restart nginx', services)).toMatchObject({ status: 5, stderr: 'Failed to restart nginx.service: Unit nginx.service not found.\n' });
    expect(await run('systemctl reboot-now kubelet', services)).toMatchObject({ status: 1, stderr: 'Unknown command verb \'reboot-now\'.\n' });
  });

  it('enables and disables with the symlink it makes or removes, and says nothing when there is nothing to do', async () => {
    const { services } = node();
    expect(await run('systemctl enable kubelet', services)).toMatchObject({ status: 0, stdout: '' });
    expect(await run('systemctl disable kubelet; systemctl is-enabled kubelet', services)).toMatchObject({
      stdout: 'Removed "/etc/systemd/system/multi-user.target.wants/kubelet.service".\ndisabled\n',
    });
    expect((await run('systemctl enable kubelet', services)).stdout)
      .toBe('Created symlink /etc/systemd/system/multi-user.target.wants/kubelet.service → /usr/lib/systemd/system/kubelet.service.\n');
  });

  it('reaches the node\'s systemd from a node-debugging pod through chroot /host, whose programs are the node\'s, not the image\'s', async () => {
    const lab = virtualHost();
    lab.fs.mkdir('/host/etc', { parents: true });
    const host = { ...lab.host, services: node().services, programs: new Set(['sh', 'chroot', 'ls']) };
    expect(await runProcess(['sh', '-c', 'systemctl is-active kubelet; chroot /host systemctl is-active kubelet'], host)).toBe(0);
    expect(lab.stdout()).toBe('active\n');
    expect(lab.stderr()).toBe('sh: systemctl: not found\n');
  });

  it('has no systemd to talk to in a container', async () => {
    expect(await run('systemctl status kubelet')).toEqual({
      status: 1, stdout: '', stderr: 'System has not been booted with systemd as init system (PID 1). Can\'t operate.\nFailed to connect to bus: Host is down\n',
    });
  });
});

describe('journalctl on a node', () => {
  it('prints a unit\'s lines, the last N with -n, and -- No entries -- for a unit without any', async () => {
    const { services } = node();
    expect((await run('journalctl -u kubelet --no-pager', services)).stdout).toBe(
      'Jan 01 11:00:00 node-1 systemd[1]: Started kubelet.service - kubelet: The Kubernetes Node Agent.\n'
      + 'Jan 01 11:00:00 node-1 kubelet[812]: I0101 11:00:00.000000     812 server.go:484] "Kubelet version" kubeletVersion="v1.32.0"\n',
    );
    expect((await run('journalctl -u kubelet.service -n 1', services)).stdout).toMatch(/^Jan 01 11:00:00 node-1 kubelet\[812\]: /);
    expect((await run('journalctl -u containerd', services)).stdout).toBe('-- No entries --\n');
  });

  it('follows with -f: the lines logged after it started, until it is killed', async () => {
    const { services, journal } = node();
    const lab = virtualHost();
    const exit = runProcess(['journalctl', '-u', 'kubelet', '-f', '-n', '0'], { ...lab.host, services });
    await lab.advance(1);
    journal.push({ time: started, unit: 'kubelet.service', identifier: 'kubelet', pid: 812, message: 'E0101 11:00:01.000000     812 later' });
    await lab.advance(1);
    expect(lab.stdout()).toBe('Jan 01 11:00:00 node-1 kubelet[812]: E0101 11:00:01.000000     812 later\n');
    lab.kill('SIGTERM');
    expect(await exit).toBe(143);
  });
});

describe('systemd\'s times', () => {
  it.each([[5_000, '5s ago'], [24 * 60_000 + 3_000, '24min ago'], [3_900_000, '1h 5min ago'], [2 * 86_400_000 + 3 * 3_600_000, '2 days 3h ago'], [120, '120ms ago']])('%i ms ago is %s', (ms, text) => {
    const now = new Date(Date.UTC(2025, 0, 10));
    expect(relativeAge(new Date(now.getTime() - ms), now)).toBe(text);
  });

  it.each([[1_801_234, '30min 1.234s'], [7_205_000, '2h 5s'], [812, '812ms'], [60_000, '1min']])('a span of %i ms is %s', (ms, text) => {
    expect(timespan(ms)).toBe(text);
  });
});
