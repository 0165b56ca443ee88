import type { Pod } from '@kubelab/api';
import type { Informer } from '@kubelab/bus';
import { describe, expect, it } from 'vitest';
import { PodDirectory } from './pod-directory.js';

/** An informer that counts its starts and stops and is listed once `listed` is called. */
function countingInformers() {
  const made: { starts: number; stops: number; listed: () => void }[] = [];
  const open = () => {
    let listed = () => undefined as void;
    const started = new Promise<void>((resolve) => (listed = resolve));
    const record = { starts: 0, stops: 0, listed: () => listed() };
    made.push(record);
    return {
      start: () => (record.starts++, started),
      stop: () => void record.stops++,
      list: () => [] as Pod[],
      get: () => undefined,
    } as unknown as Informer<Pod>;
  };
  return { made, open };
}

const none = { list: () => [], get: () => undefined };

describe('the directory of every pod', () => {
  it('lists nothing until a connection or a container that can connect asks for it', () => {
    const { made, open } = countingInformers();
    new PodDirectory(none, open);
    expect(made).toHaveLength(0);
  });

  it('lists once for every caller, and answers them when the list is in', async () => {
    const { made, open } = countingInformers();
    const directory = new PodDirectory(none, open);
    let answered = 0;
    const callers = [directory.cluster(), directory.cluster()].map((p) => p.then(() => answered++));
    directory.prepare();
    await Promise.resolve();
    expect(answered).toBe(0);
    made[0].listed();
    await Promise.all(callers);
    expect({ informers: made.length, starts: made[0].starts, answered }).toEqual({ informers: 1, starts: 1, answered: 2 });
    await directory.cluster();
    expect(made).toHaveLength(1);
  });

  it('stops its watch with the agent', () => {
    const { made, open } = countingInformers();
    const directory = new PodDirectory(none, open);
    directory.prepare();
    directory.stop();
    expect(made[0].stops).toBe(1);
  });
});
