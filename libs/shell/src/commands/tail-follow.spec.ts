import { describe, expect, it } from 'vitest';
import { runProcess } from '../process/launch.js';
import { virtualHost } from '../testing/virtual-host.js';

describe('tail -f', () => {
  it('prints what is appended on the lab clock and runs until the container is killed', async () => {
    const lab = virtualHost();
    lab.fs.write('/tmp/app.log', 'one\n');
    const exit = runProcess(['tail', '-f', '/tmp/app.log'], lab.host);
    await lab.settle();
    expect(lab.stdout()).toBe('one\n');
    lab.fs.write('/tmp/app.log', 'two\n', { append: true });
    await lab.advance(1);
    expect(lab.stdout()).toBe('one\ntwo\n');
    lab.kill('SIGTERM');
    expect(await exit).toBe(143);
  });

  it('keeps a container alive on /dev/null', async () => {
    const lab = virtualHost();
    const exit = runProcess(['tail', '-f', '/dev/null'], lab.host);
    await lab.advance(3600);
    lab.kill('SIGKILL');
    expect(await exit).toBe(137);
    expect(lab.stderr()).toBe('');
  });
});
