import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pod = (name: string, gates: string[] = []) => JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { containers: [{ name: 'c', image: 'nginx:1.14.2' }], terminationGracePeriodSeconds: 0, ...(gates.length ? { schedulingGates: gates.map((g) => ({ name: g })) } : {}) },
});

describe('pods with scheduling gates, the scheduler and the real kubectl (time scale 20)', () => {
  let lab: TestLab;
  const row = async (name: string) => (await lab.kubectl(['get', 'pod', name, '--no-headers'])).stdout;
  const nodeOf = async (name: string) => (await lab.kubectl(['get', 'pod', name, '-o', 'jsonpath={.spec.nodeName}'])).stdout;

  beforeAll(async () => {
    lab = await sharedLab('scheduling-gates');
  });
  afterAll(() => lab?.stop());

  it('holds a gated pod as SchedulingGated, refuses a new gate, and schedules it once the last gate is removed', async () => {
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: pod('gated', ['example.com/quota', 'example.com/arch']) })).stderr).toBe('');
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: pod('free') })).stderr).toBe('');
    await waitFor(async () => /\sRunning\s/.test(await row('free')) || undefined, 'the ungated pod, created after it, Running', 20_000);
    expect(await row('gated')).toMatch(/^gated\s+0\/1\s+SchedulingGated\s+0\s+\d+s\n$/);
    expect(await nodeOf('gated')).toBe('');
    const condition = JSON.parse((await lab.kubectl(['get', 'pod', 'gated', '-o', 'jsonpath={.status.conditions[?(@.type=="PodScheduled")]}'])).stdout);
    expect(condition).toEqual({
      type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: null,
      reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates',
    });
    const events = (await lab.kubectl(['get', 'events', '--field-selector', 'involvedObject.name=gated', '-o', 'jsonpath={.items[*].reason}'])).stdout;
    expect(events).not.toContain('FailedScheduling');

    const added = await lab.kubectl(['patch', 'pod', 'gated', '--type=json', '-p', '[{"op":"add","path":"/spec/schedulingGates/-","value":{"name":"example.com/more"}}]']);
    expect(added.code).not.toBe(0);
    expect(added.stderr).toContain('The Pod "gated" is invalid: spec.schedulingGates[2].name: Forbidden: only deletion is allowed, but found new scheduling gate \'example.com/more\'');

    expect((await lab.kubectl(['patch', 'pod', 'gated', '--type=json', '-p', '[{"op":"remove","path":"/spec/schedulingGates/0"}]'])).code).toBe(0);
    expect(await row('gated')).toMatch(/SchedulingGated/);
    expect((await lab.kubectl(['patch', 'pod', 'gated', '--type=json', '-p', '[{"op":"remove","path":"/spec/schedulingGates"}]'])).code).toBe(0);
    await waitFor(async () => /\sRunning\s/.test(await row('gated')) || undefined, 'the released pod Running', 20_000);
    expect(await nodeOf('gated')).toMatch(/^node-\d+$/);
  });
});
