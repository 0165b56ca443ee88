import type { Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { makePod } from '../test-fixtures.js';
import { SchedulingQueue } from './scheduling-queue.js';

const names = (queue: SchedulingQueue, now: number): string[] => {
  const popped: string[] = [];
  for (let pod = queue.pop(now); pod; pod = queue.pop(now)) popped.push(pod.metadata.name!);
  return popped;
};

describe('SchedulingQueue', () => {
  it('pops by priority, then by creation time, then first come first served', () => {
    const queue = new SchedulingQueue();
    queue.add(makePod('late-low', { created: '2025-01-01T00:00:09Z' }));
    queue.add(makePod('early-low', { created: '2025-01-01T00:00:01Z' }));
    queue.add(makePod('high', { priority: 1000, created: '2025-01-01T00:00:05Z' }));
    queue.add(makePod('tie-a', { created: '2025-01-01T00:00:03Z' }));
    queue.add(makePod('tie-b', { created: '2025-01-01T00:00:03Z' }));
    queue.add(makePod('negative', { priority: -5 }));
    expect(queue.size()).toBe(6);
    expect(names(queue, 0)).toEqual(['high', 'early-low', 'tie-a', 'tie-b', 'late-low', 'negative']);
    expect(queue.size()).toBe(0);
    expect(queue.nextWakeup(0)).toBeUndefined();
  });

  it('never pops a pod with scheduling gates, whatever happens in the cluster, until its last gate is removed', () => {
    const queue = new SchedulingQueue();
    const gates = (pod: Pod, names: string[]): Pod => ({ ...pod, spec: { ...pod.spec!, schedulingGates: names.map((name) => ({ name })) } });
    queue.add(gates(makePod('gated'), ['example.com/a', 'example.com/b']));
    queue.add(makePod('free'));
    expect(names(queue, 0)).toEqual(['free']);
    queue.moveAllToActiveOrBackoff('NodeAdd', 60_000);
    expect(queue.pop(10 * 60_000)).toBeUndefined();
    expect(queue.nextWakeup(0)).toBeUndefined();
    queue.update(gates(makePod('gated'), ['example.com/b']));
    expect(queue.pop(0)).toBeUndefined();
    queue.update(gates(makePod('gated'), []));
    expect(names(queue, 0)).toEqual(['gated']);
  });

  it('forgets a deleted gated pod', () => {
    const queue = new SchedulingQueue();
    queue.add({ ...makePod('gated'), spec: { ...makePod('gated').spec!, schedulingGates: [{ name: 'g' }] } });
    queue.delete('uid-gated');
    queue.update(makePod('gated'));
    expect(names(queue, 0)).toEqual(['gated']);
  });

  it('re-orders a queued pod whose priority changes, and forgets deleted pods', () => {
    const queue = new SchedulingQueue();
    for (const name of ['a', 'b', 'c']) queue.add(makePod(name));
    queue.update(makePod('c', { priority: 5 }));
    queue.delete('uid-a');
    expect(names(queue, 0)).toEqual(['c', 'b']);
  });

  it('parks unschedulable pods until a cluster event, then respects their back-off', () => {
    const queue = new SchedulingQueue();
    queue.add(makePod('p'));
    const pod = queue.pop(0)!;
    queue.markUnschedulable(pod, 1_000);
    expect(queue.pop(5_000)).toBeUndefined();
    expect(queue.nextWakeup(5_000)).toBe(1_000 + 300_000);
    queue.moveAllToActiveOrBackoff('NodeAdd', 1_500);
    expect(queue.pop(1_500)).toBeUndefined();
    expect(queue.nextWakeup(1_500)).toBe(2_000);
    expect(queue.pop(2_000)?.metadata.name).toBe('p');
  });

  it('doubles the back-off per attempt up to 10 s', () => {
    const queue = new SchedulingQueue();
    queue.add(makePod('p'));
    let now = 0;
    const waits: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const pod = queue.pop(now)!;
      queue.markError(pod, now);
      const wake = queue.nextWakeup(now)!;
      waits.push(wake - now);
      expect(queue.pop(wake - 1)).toBeUndefined();
      now = wake;
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it('brings unschedulable pods back after the timeout, scaled by timeScale', () => {
    const queue = new SchedulingQueue({ timeScale: 20 });
    queue.add(makePod('p'));
    queue.markUnschedulable(queue.pop(0)!, 0);
    expect(queue.nextWakeup(0)).toBe(15_000);
    expect(queue.pop(14_999)).toBeUndefined();
    expect(queue.pop(15_000)?.metadata.name).toBe('p');
    expect(queue.backoffDuration(1)).toBe(50);
  });

  it('retries an unschedulable pod when its spec changes, but not for status-only updates', () => {
    const queue = new SchedulingQueue();
    queue.add(makePod('p'));
    const pod = queue.pop(0)!;
    queue.markUnschedulable(pod, 0);
    const statusOnly: Pod = { ...pod, metadata: { ...pod.metadata, resourceVersion: '9' }, status: { phase: 'Pending', conditions: [] } };
    queue.update(statusOnly, 10_000);
    expect(queue.pop(10_000)).toBeUndefined();
    queue.update({ ...pod, spec: { ...pod.spec!, nodeSelector: { disk: 'ssd' } } }, 10_000);
    expect(queue.pop(10_000)?.spec?.nodeSelector).toEqual({ disk: 'ssd' });
  });

  it('puts re-queued pods behind pods that were waiting, at equal priority', () => {
    const queue = new SchedulingQueue();
    queue.add(makePod('first', { created: '2025-01-01T00:00:00Z' }));
    const first = queue.pop(Date.parse('2025-01-01T00:01:00Z'))!;
    queue.add(makePod('second', { created: '2025-01-01T00:00:30Z' }));
    queue.markError(first, Date.parse('2025-01-01T00:01:00Z'));
    expect(names(queue, Date.parse('2025-01-01T00:02:00Z'))).toEqual(['second', 'first']);
  });
});
