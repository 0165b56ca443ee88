import { describe, expect, it } from 'vitest';
import { agentTone, nodeStatusParts, nodeTone, podTone, serviceTone } from './status-tone.js';

describe('podTone', () => {
  it.each([
    ['Running', 'running'],
    ['Pending', 'waiting'],
    ['ContainerCreating', 'waiting'],
    ['Init:1/2', 'waiting'],
    ['CrashLoopBackOff', 'failing'],
    ['Error', 'failing'],
    ['ErrImagePull', 'failing'],
    ['ImagePullBackOff', 'failing'],
    ['OOMKilled', 'failing'],
    ['Init:CrashLoopBackOff', 'failing'],
    ['ExitCode:3', 'failing'],
    ['Completed', 'done'],
    ['Terminating', 'leaving'],
    ['Unknown', 'leaving'],
  ])('%s is %s', (status, tone) => {
    expect(podTone(status)).toBe(tone);
  });
});

describe('nodeTone', () => {
  it.each([
    ['Ready', 'running'],
    ['Ready,SchedulingDisabled', 'running'],
    ['NotReady', 'failing'],
    ['NotReady,SchedulingDisabled', 'failing'],
    ['Unknown', 'failing'],
  ])('%s is %s', (status, tone) => {
    expect(nodeTone(status)).toBe(tone);
  });
});

describe('nodeStatusParts', () => {
  it.each([
    ['Ready', [['Ready', 'running']]],
    ['NotReady', [['NotReady', 'failing']]],
    ['Ready,SchedulingDisabled', [['Ready', 'running'], ['SchedulingDisabled', 'leaving']]],
    ['Unknown,SchedulingDisabled', [['Unknown', 'failing'], ['SchedulingDisabled', 'leaving']]],
  ])('%s', (status, parts) => {
    expect(nodeStatusParts(status).map((p) => [p.text, p.tone])).toEqual(parts);
  });
});

describe('agentTone', () => {
  it.each([
    ['running', 'running'],
    ['paused', 'leaving'],
    ['stopped', 'failing'],
    ['exited', 'failing'],
  ])('%s is %s', (state, tone) => {
    expect(agentTone(state)).toBe(tone);
  });
});

describe('serviceTone', () => {
  it.each([
    ['active', 'running'],
    ['activating', 'leaving'],
    ['inactive', 'failing'],
    ['failed', 'failing'],
  ] as const)('a unit %s is %s', (active, tone) => {
    expect(serviceTone(active)).toBe(tone);
  });
});
