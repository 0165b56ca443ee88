import type { Probe } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { probeSchedule } from './due-probes.js';
import { probeResult } from './probe-result.js';
import type { ProbeType } from './runtime-model.js';
import { ScriptedAgent } from './testing/agent.js';
import { at, container, pod } from './testing/pods.js';

const http = (extra: Partial<Probe> = {}): Probe => ({
  httpGet: { path: '/healthz', port: 80, scheme: 'HTTP' },
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
  ...extra,
});

function probed(probes: Partial<Record<'livenessProbe' | 'readinessProbe' | 'startupProbe', Probe>>, podSpec: Record<string, unknown> = {}): ScriptedAgent {
  const agent = new ScriptedAgent(pod({ containers: [container('nginx', probes)], ...podSpec }));
  agent.sync(0);
  return agent;
}

function report(agent: ScriptedAgent, seconds: number, type: ProbeType, success: boolean, output = 'HTTP probe failed with statuscode: 500'): void {
  agent.apply(probeResult(agent.runtime, 'nginx', type, { success, output, now: at(seconds) }));
}

/** The probes due at `seconds`: what the agent runs then. */
const due = (agent: ScriptedAgent, seconds: number) => probeSchedule(agent.pod, agent.runtime).filter((p) => p.dueAt <= at(seconds)).map((p) => p.probe);

describe('probeSchedule', () => {
  it('waits initialDelaySeconds after the start, then runs every periodSeconds after the last run', () => {
    const agent = probed({ livenessProbe: http({ initialDelaySeconds: 5 }) });
    const schedule: [number, string[]][] = [
      [4, []],
      [5, ['liveness']],
    ];
    for (const [seconds, expected] of schedule) expect(due(agent, seconds)).toEqual(expected);
    expect(agent.wakeAt).toEqual(at(5));
    report(agent, 5, 'liveness', true);
    expect(due(agent, 14)).toEqual([]);
    expect(due(agent, 15)).toEqual(['liveness']);
    expect(agent.sync(6)).toEqual([]);
    expect(agent.wakeAt).toEqual(at(15));
  });

  it('hands the agent the probe spec to execute', () => {
    const probe = http({ periodSeconds: 3 });
    const agent = probed({ readinessProbe: probe });
    expect(probeSchedule(agent.pod, agent.runtime)).toEqual([{ container: 'nginx', probe: 'readiness', spec: probe, dueAt: at(0) }]);
  });

  it('holds liveness and readiness back until the startup probe passed', () => {
    const agent = probed({ startupProbe: http({ periodSeconds: 2, failureThreshold: 30 }), livenessProbe: http(), readinessProbe: http() });
    expect(due(agent, 0)).toEqual(['startup']);
    report(agent, 0, 'startup', false, 'connection refused');
    expect(due(agent, 2)).toEqual(['startup']);
    expect(agent.containerStatus('nginx')).toMatchObject({ started: false, ready: false });
    report(agent, 2, 'startup', true);
    expect(due(agent, 2)).toEqual(['liveness', 'readiness']);
    agent.sync(2);
    expect(agent.containerStatus('nginx')).toMatchObject({ started: true, ready: false });
    report(agent, 2, 'readiness', true);
    agent.sync(2);
    expect(agent.containerStatus('nginx')).toMatchObject({ started: true, ready: true });
    expect(due(agent, 100)).toEqual(['liveness', 'readiness']);
  });
});

describe('probeResult', () => {
  it('flips only ready on readiness failures, and never restarts', () => {
    const agent = probed({ readinessProbe: http({ failureThreshold: 2 }) });
    report(agent, 0, 'readiness', true);
    agent.sync(0);
    expect(agent.containerStatus('nginx').ready).toBe(true);
    const steps: [number, boolean, boolean][] = [
      [10, false, true],
      [20, false, false],
      [30, false, false],
      [40, true, true],
    ];
    for (const [seconds, success, ready] of steps) {
      report(agent, seconds, 'readiness', success);
      expect(agent.sync(seconds)).toEqual([]);
      expect(agent.containerStatus('nginx')).toMatchObject({ ready, restartCount: 0, state: { running: {} } });
    }
    expect(agent.conditions()).toContain('Ready=True');
    expect(agent.events.filter((e) => e.reason === 'Unhealthy').map((e) => e.message)).toEqual(
      Array(3).fill('Readiness probe failed: HTTP probe failed with statuscode: 500'),
    );
  });

  it('kills a container whose liveness probe failed failureThreshold times in a row, then restarts it', () => {
    const agent = probed({ livenessProbe: http({ failureThreshold: 3 }) });
    report(agent, 10, 'liveness', false);
    report(agent, 20, 'liveness', false);
    report(agent, 25, 'liveness', true);
    report(agent, 30, 'liveness', false);
    report(agent, 40, 'liveness', false);
    expect(agent.sync(40)).toEqual([]);
    report(agent, 50, 'liveness', false);
    expect(agent.sync(50)).toEqual([
      { type: 'KillContainer', container: 'nginx', kind: 'app', reason: 'Unhealthy', message: 'Container nginx failed liveness probe, will be restarted', graceSeconds: 30 },
    ]);
    expect(due(agent, 60)).toEqual([]);
    expect(agent.sync(55)).toEqual([]);
    expect(agent.events.at(-1)).toMatchObject({ reason: 'Killing', message: 'Container nginx failed liveness probe, will be restarted' });
    expect(agent.exit('nginx', 80, { exitCode: 137 }).map((a) => a.type)).toEqual(['PullImage', 'StartContainer']);
    expect(agent.containerStatus('nginx')).toMatchObject({
      restartCount: 1,
      state: { running: { startedAt: '2024-05-01T10:01:20Z' } },
      lastState: { terminated: { exitCode: 137, reason: 'Error' } },
      containerID: 'containerd://nginx-2',
    });
    expect(due(agent, 80)).toEqual(['liveness']);
  });

  it('uses the probe\'s own grace period and does not restart under Never', () => {
    const agent = probed({ livenessProbe: http({ failureThreshold: 1, terminationGracePeriodSeconds: 5 }) }, { restartPolicy: 'Never' });
    report(agent, 10, 'liveness', false);
    expect(agent.sync(10)).toEqual([
      { type: 'KillContainer', container: 'nginx', kind: 'app', reason: 'Unhealthy', message: 'Container nginx failed liveness probe', graceSeconds: 5 },
    ]);
    expect(agent.exit('nginx', 11, { exitCode: 143 })).toEqual([]);
    expect(agent.status.phase).toBe('Failed');
  });

  it('kills a container that never passes its startup probe', () => {
    const agent = probed({ startupProbe: http({ periodSeconds: 1, failureThreshold: 2 }), livenessProbe: http() });
    report(agent, 0, 'startup', false);
    report(agent, 1, 'startup', false);
    expect(agent.sync(1)).toMatchObject([{ type: 'KillContainer', reason: 'Unhealthy', message: 'Container nginx failed startup probe, will be restarted' }]);
    expect(agent.events.filter((e) => e.reason === 'Unhealthy')[0].message).toBe('Startup probe failed: HTTP probe failed with statuscode: 500');
  });

  it('ignores results for a container that is not running', () => {
    const agent = probed({ livenessProbe: http() }, { restartPolicy: 'Never' });
    agent.exit('nginx', 5, { exitCode: 0 });
    const update = probeResult(agent.runtime, 'nginx', 'liveness', { success: false, now: at(6) });
    expect(update).toEqual({ runtime: agent.runtime, events: [] });
  });
});
