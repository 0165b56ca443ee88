import type { ResolvedImage } from '@kubelab/images';
import { MemoryFs } from '@kubelab/shell';
import { describe, expect, it } from 'vitest';
import { EmulatedContainer } from './emulated-container.js';
import { LabClock } from './lab-clock.js';

describe('EmulatedContainer logs', () => {
  it('decodes the process output as UTF-8, even a character split across two writes', async () => {
    let log = '';
    const image = { behaviour: { shell: true, entrypoint: [], cmd: [] } } as unknown as ResolvedImage;
    const spec = { name: 'c', command: ['sh', '-c', 'echo 한국어; printf "\\xed\\x95"; printf "\\x9c\\n"'] };
    const container = new EmulatedContainer(image, spec, {
      podName: 'p',
      namespace: 'default',
      fs: new MemoryFs(),
      env: {},
      clock: new LabClock(1),
      network: { lookup: async () => undefined, http: async () => undefined },
      log: (text) => (log += text),
    });
    expect(await container.run()).toEqual({ exitCode: 0 });
    expect(log).toBe('한국어\n한\n');
  });
});
