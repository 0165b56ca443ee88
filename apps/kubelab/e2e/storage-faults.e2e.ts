import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { startLab, tempDir, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A small tmpfs for the lab's data dir, so the disk really fills; undefined where the machine allows no mount. */
function smallDisk(): string | undefined {
  const dir = tempDir('small-disk');
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', dir], { encoding: 'utf8' });
  return mounted.status === 0 ? dir : undefined;
}

/** Writes zeroes until the disk refuses them; the file is the disk's last free byte. */
function fill(dir: string): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(1 << 20);
  try {
    for (;;) writeSync(fd, block);
  } catch (e) {
    expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    closeSync(fd);
  }
  return file;
}

const disk = smallDisk();

describe.skipIf(!disk)('a full disk under the data dir (a 48 MiB tmpfs, 1 node, time scale 10)', () => {
  let lab: TestLab;

  beforeAll(async () => {
    mkdirSync(join(disk!, 'lab'));
    // A lab of its own: its data dir is on a small tmpfs the suite fills until writes fail.
    lab = await startLab({ nodes: 1, timeScale: 10, dataDir: join(disk!, 'lab'), components: ['nats', 'api-server', 'scheduler', 'controller-manager', 'kubelet-agent'] });
  }, 120_000);
  afterAll(() => {
    lab?.stop();
    execFileSync('umount', ['-l', disk!]);
  });

  it('refuses writes with a Status naming the cause, keeps serving reads and watches, persists nothing, and resumes by itself', async () => {
    const watch = lab.kubectl.spawn(['get', 'configmaps', '-w', '-o', 'name']);
    try {
      expect((await lab.kubectl(['create', 'configmap', 'before', '--from-literal=a=b'])).code).toBe(0);
      await waitFor(() => watch.output().includes('configmap/before') || undefined, 'the watch to see the first ConfigMap', 10_000);
      const filler = fill(disk!);

      const refused = await lab.kubectl(['create', 'configmap', 'during', '--from-literal=a=b'], { timeoutMs: 10_000 });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('error: failed to create configmap: Internal error occurred: the event log could not be written: no space left on device');
      expect(refused.stderr).toContain('nothing was written');
      const reads = await lab.kubectl(['get', 'namespaces', '-o', 'name'], { timeoutMs: 10_000 });
      expect(reads.stdout.split('\n')).toContain('namespace/default');
      const raw = await lab.fetch(`${lab.apiUrl}/api/v1/namespaces/default/configmaps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ metadata: { name: 'raw' } }) });
      expect(raw.status).toBe(500);
      expect(await raw.json()).toMatchObject({ kind: 'Status', reason: 'InternalError', code: 500 });

      rmSync(filler);
      const after = await waitFor(async () => {
        const r = await lab.kubectl(['create', 'configmap', 'after', '--from-literal=a=b']);
        return r.code === 0 ? r : undefined;
      }, 'writes to resume once space is back', 10_000);
      expect(after.stdout).toBe('configmap/after created\n');
      await waitFor(() => watch.output().includes('configmap/after') || undefined, 'the same watch to see the ConfigMap made after the fault', 10_000);
      expect(watch.output()).not.toContain('configmap/during');
    } finally {
      watch.stop();
    }
    const logged = lab.kubelab(['events', '--kind', 'ConfigMap', '-o', 'json']);
    const names = logged.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l).name);
    expect(names).toContain('after');
    expect(names).not.toContain('during');
    expect(names).not.toContain('raw');
    const verified = lab.kubelab(['verify']);
    expect(verified.stdout).toContain('the event log and the live state agree');
    expect(verified.status).toBe(0);
  });
});
