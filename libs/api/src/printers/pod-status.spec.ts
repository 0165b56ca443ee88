import type { Container, ContainerState, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { podStatus } from './pod-status.js';

const running: ContainerState = { running: { startedAt: '2024-05-01T10:00:00Z' } };
const waiting = (reason?: string): ContainerState => ({ waiting: reason ? { reason } : {} });
const terminated = (exitCode: number, reason?: string, signal?: number): ContainerState => ({
  terminated: { exitCode, ...(reason ? { reason } : {}), ...(signal ? { signal } : {}) },
});
const status = (name: string, state: ContainerState, extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name,
  state,
  ready: false,
  restartCount: 0,
  image: 'img',
  imageID: '',
  ...extra,
});
const ready = (name: string): ContainerStatus => status(name, running, { ready: true, started: true });
const condition = (type: string, value: string, reason?: string): PodCondition => ({ type, status: value, ...(reason ? { reason } : {}) });
const sidecar = (name: string): Container => ({ name, image: 'img', restartPolicy: 'Always' });

interface PodShape {
  phase?: string;
  reason?: string;
  init?: Container[];
  containers?: string[];
  initStatuses?: ContainerStatus[];
  statuses?: ContainerStatus[];
  conditions?: PodCondition[];
  deleting?: boolean;
}

function pod(shape: PodShape): Pod {
  return {
    metadata: { name: 'p', namespace: 'default', ...(shape.deleting ? { deletionTimestamp: '2024-05-01T11:00:00Z' } : {}) },
    spec: {
      initContainers: shape.init,
      containers: (shape.containers ?? ['app']).map((name) => ({ name, image: 'img' })),
    },
    status: {
      phase: shape.phase ?? 'Running',
      reason: shape.reason,
      initContainerStatuses: shape.initStatuses,
      containerStatuses: shape.statuses,
      conditions: shape.conditions,
    },
  };
}

const oneInit = [{ name: 'init', image: 'img' }];
const twoInits = [
  { name: 'init-a', image: 'img' },
  { name: 'init-b', image: 'img' },
];

const cases: [string, PodShape, string][] = [
  ['a pod waiting to be scheduled shows its phase', { phase: 'Pending' }, 'Pending'],
  ['a running ready container', { statuses: [ready('app')] }, 'Running'],
  ['a running container that is not ready still shows the phase', { statuses: [status('app', running)] }, 'Running'],
  ['status.reason wins over the phase', { phase: 'Failed', reason: 'Evicted' }, 'Evicted'],
  ['scheduling gates', { phase: 'Pending', conditions: [condition('PodScheduled', 'False', 'SchedulingGated')] }, 'SchedulingGated'],
  ['an init container running', { phase: 'Pending', init: oneInit, initStatuses: [status('init', running)] }, 'Init:0/1'],
  [
    'an init container waiting to initialize',
    { phase: 'Pending', init: twoInits, initStatuses: [status('init-a', waiting('PodInitializing')), status('init-b', waiting('PodInitializing'))] },
    'Init:0/2',
  ],
  [
    'the second init container running',
    { phase: 'Pending', init: twoInits, initStatuses: [status('init-a', terminated(0, 'Completed')), status('init-b', running)] },
    'Init:1/2',
  ],
  ['an init image pull failing', { phase: 'Pending', init: oneInit, initStatuses: [status('init', waiting('ErrImagePull'))] }, 'Init:ErrImagePull'],
  [
    'an init container crash looping',
    { phase: 'Pending', init: oneInit, initStatuses: [status('init', waiting('CrashLoopBackOff'))] },
    'Init:CrashLoopBackOff',
  ],
  ['an init container that failed', { phase: 'Pending', init: oneInit, initStatuses: [status('init', terminated(1, 'Error'))] }, 'Init:Error'],
  ['an init exit code without reason', { phase: 'Pending', init: oneInit, initStatuses: [status('init', terminated(3))] }, 'Init:ExitCode:3'],
  ['an init signal without reason', { phase: 'Pending', init: oneInit, initStatuses: [status('init', terminated(137, undefined, 9))] }, 'Init:Signal:9'],
  ['a container being created', { phase: 'Pending', statuses: [status('app', waiting('ContainerCreating'))] }, 'ContainerCreating'],
  ['an image pull failing', { phase: 'Pending', statuses: [status('app', waiting('ErrImagePull'))] }, 'ErrImagePull'],
  ['an image pull backing off', { phase: 'Pending', statuses: [status('app', waiting('ImagePullBackOff'))] }, 'ImagePullBackOff'],
  ['a crash loop', { statuses: [status('app', waiting('CrashLoopBackOff'))] }, 'CrashLoopBackOff'],
  [
    'app containers waiting for init to finish',
    { phase: 'Pending', init: oneInit, initStatuses: [status('init', terminated(0, 'Completed'))], statuses: [status('app', waiting('PodInitializing'))] },
    'PodInitializing',
  ],
  ['a waiting container without a reason keeps the phase', { phase: 'Pending', statuses: [status('app', waiting())] }, 'Pending'],
  ['a completed pod', { phase: 'Succeeded', statuses: [status('app', terminated(0, 'Completed'))] }, 'Completed'],
  ['a failed container', { phase: 'Failed', statuses: [status('app', terminated(1, 'Error'))] }, 'Error'],
  ['an out-of-memory kill', { phase: 'Running', statuses: [status('app', terminated(137, 'OOMKilled'))] }, 'OOMKilled'],
  ['a signal without reason', { phase: 'Failed', statuses: [status('app', terminated(137, undefined, 9))] }, 'Signal:9'],
  ['an exit code without reason', { phase: 'Failed', statuses: [status('app', terminated(2))] }, 'ExitCode:2'],
  [
    'a completed container beside a running one, pod not ready',
    {
      containers: ['done', 'app'],
      statuses: [status('done', terminated(0, 'Completed')), ready('app')],
      conditions: [condition('Ready', 'False')],
    },
    'NotReady',
  ],
  [
    'a completed container beside a running one, pod ready',
    {
      containers: ['done', 'app'],
      statuses: [status('done', terminated(0, 'Completed')), ready('app')],
      conditions: [condition('Ready', 'True')],
    },
    'Running',
  ],
  [
    'the first container with a reason wins',
    { containers: ['a', 'b'], statuses: [status('a', waiting('CrashLoopBackOff')), status('b', waiting('ContainerCreating'))] },
    'CrashLoopBackOff',
  ],
  ['a running pod being deleted', { statuses: [ready('app')], deleting: true }, 'Terminating'],
  ['a completed pod being deleted', { phase: 'Succeeded', statuses: [status('app', terminated(0, 'Completed'))], deleting: true }, 'Completed'],
  ['a pod on a lost node being deleted', { reason: 'NodeLost', statuses: [ready('app')], deleting: true }, 'Unknown'],
  [
    'a started, ready sidecar lets the pod run',
    { init: [sidecar('proxy')], initStatuses: [ready('proxy')], statuses: [ready('app')], conditions: [condition('Initialized', 'True')] },
    'Running',
  ],
  [
    'a started sidecar then a running init container',
    { phase: 'Pending', init: [sidecar('proxy'), { name: 'migrate', image: 'img' }], initStatuses: [ready('proxy'), status('migrate', running)] },
    'Init:1/2',
  ],
  [
    'a sidecar that has not started yet',
    { phase: 'Pending', init: [sidecar('proxy')], initStatuses: [status('proxy', running, { started: false })] },
    'Init:0/1',
  ],
  [
    'app containers decide once the Initialized condition is True',
    {
      init: oneInit,
      initStatuses: [status('init', running)],
      statuses: [status('app', waiting('CrashLoopBackOff'))],
      conditions: [condition('Initialized', 'True')],
    },
    'CrashLoopBackOff',
  ],
];

describe('podStatus', () => {
  it.each(cases.map(([name, shape, expected]) => [name, expected, shape] as const))('%s → %s', (_name, expected, shape) => {
    expect(podStatus(pod(shape))).toBe(expected);
  });
});
