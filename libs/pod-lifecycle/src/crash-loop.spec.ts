import { describe, expect, it } from 'vitest';
import { ScriptedAgent } from './testing/agent.js';
import { at, pod } from './testing/pods.js';

const crashLoopMessage = (delay: string) => `back-off ${delay} restarting failed container=nginx pod=web_default(uid-1)`;

describe('CrashLoopBackOff under restartPolicy Always', () => {
  it('restarts the first crash at once, then backs off 10 s, 20 s, 40 s, 80 s', () => {
    const agent = new ScriptedAgent(pod());
    agent.sync(0);
    expect(agent.exit('nginx', 1, { exitCode: 1 }).map((a) => a.type)).toEqual(['PullImage', 'StartContainer']);
    expect(agent.containerStatus('nginx')).toMatchObject({ restartCount: 1, state: { running: { startedAt: '2024-05-01T10:00:01Z' } } });

    // [crash at, back-off shown, restart due at, restartCount after the restart]
    const steps: [number, string, number, number][] = [
      [2, '10s', 12, 2],
      [13, '20s', 33, 3],
      [34, '40s', 74, 4],
      [75, '1m20s', 155, 5],
    ];
    for (const [crashAt, delay, restartAt, restarts] of steps) {
      expect(agent.exit('nginx', crashAt, { exitCode: 1 })).toEqual([]);
      // The sync right after the crash publishes the run as it ended; the next one shows the back-off.
      expect(agent.containerStatus('nginx')).toMatchObject({ state: { terminated: { exitCode: 1, reason: 'Error' } }, ready: false, restartCount: restarts - 1 });
      expect(agent.wakeAt).toEqual(at(crashAt + 1));
      expect(agent.sync(crashAt + 1)).toEqual([]);
      expect(agent.wakeAt).toEqual(at(restartAt));
      expect(agent.status.phase).toBe('Running');
      expect(agent.containerStatus('nginx')).toMatchObject({
        state: { waiting: { reason: 'CrashLoopBackOff', message: crashLoopMessage(delay) } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: at(crashAt).toISOString().replace('.000', '') } },
        ready: false,
        started: false,
        restartCount: restarts - 1,
      });
      expect(agent.conditions()).toContain('Ready=False/ContainersNotReady');
      expect(agent.sync(restartAt - 1)).toEqual([]);
      expect(agent.sync(restartAt).map((a) => a.type)).toEqual(['PullImage', 'StartContainer']);
      expect(agent.containerStatus('nginx').restartCount).toBe(restarts);
    }
    const backOffs = agent.events.filter((e) => e.reason === 'BackOff');
    expect(backOffs).toHaveLength(4);
    expect(backOffs[0]).toEqual({
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container nginx in pod web_default(uid-1)',
      fieldPath: 'spec.containers{nginx}',
    });
  });

  it('caps the back-off at 5m0s', () => {
    const agent = new ScriptedAgent(pod());
    agent.sync(0);
    let t = 1;
    for (let crash = 0; crash < 8; crash++) {
      agent.exit('nginx', t, { exitCode: 1 });
      agent.sync(t + 1);
      t = agent.wakeAt ? (agent.wakeAt.getTime() - at(0).getTime()) / 1000 : t + 1;
      agent.sync(t);
      t += 1;
    }
    agent.exit('nginx', t, { exitCode: 1 });
    agent.sync(t + 1);
    expect(agent.containerStatus('nginx').state.waiting.message).toBe(crashLoopMessage('5m0s'));
  });

  it('forgets the back-off once a run lasted more than 10 minutes', () => {
    const agent = new ScriptedAgent(pod());
    agent.sync(0);
    agent.exit('nginx', 1, { exitCode: 1 });
    agent.exit('nginx', 2, { exitCode: 1 });
    agent.sync(12);
    agent.exit('nginx', 13, { exitCode: 1 });
    agent.sync(33);
    expect(agent.exit('nginx', 33 + 601, { exitCode: 1 }).map((a) => a.type)).toEqual(['PullImage', 'StartContainer']);
    agent.exit('nginx', 33 + 602, { exitCode: 1 });
    agent.sync(33 + 603);
    expect(agent.containerStatus('nginx').state.waiting.message).toBe(crashLoopMessage('10s'));
  });

  it('backs off an exit 0 under Always like any other exit', () => {
    const agent = new ScriptedAgent(pod());
    agent.sync(0);
    agent.exit('nginx', 1, { exitCode: 0 });
    agent.exit('nginx', 2, { exitCode: 0 });
    expect(agent.containerStatus('nginx').state).toMatchObject({ terminated: { exitCode: 0, reason: 'Completed' } });
    agent.sync(3);
    expect(agent.containerStatus('nginx')).toMatchObject({
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 0, reason: 'Completed' } },
    });
  });

  it('does not restart an OnFailure container that exited 0, nor back it off', () => {
    const agent = new ScriptedAgent(pod({ restartPolicy: 'OnFailure' }));
    agent.sync(0);
    agent.exit('nginx', 1, { exitCode: 1 });
    expect(agent.exit('nginx', 2, { exitCode: 0 })).toEqual([]);
    expect(agent.containerStatus('nginx')).toMatchObject({ state: { terminated: { exitCode: 0 } }, restartCount: 1 });
    expect(agent.status.phase).toBe('Succeeded');
    expect(agent.wakeAt).toBeUndefined();
  });
});
