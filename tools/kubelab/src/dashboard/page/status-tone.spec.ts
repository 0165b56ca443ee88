import { describe, expect, it } from 'vitest';
import { nodeTone, podTone } from './status-tone.js';

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
