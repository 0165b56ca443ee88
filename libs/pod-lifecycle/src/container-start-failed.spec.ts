import { describe, expect, it } from 'vitest';
import { ScriptedAgent } from './testing/agent.js';
import { pod } from './testing/pods.js';

const cause = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown';

describe('a container whose program the image lacks', () => {
  it('ends StartError with exit code 128 and the cause, never started, then backs off into CrashLoopBackOff', () => {
    const agent = new ScriptedAgent(pod());
    agent.startFailure = cause;
    agent.sync(0);
    expect(agent.events.filter((e) => e.fieldPath === 'spec.containers{nginx}').map((e) => `${e.type} ${e.reason}: ${e.message}`)).toEqual([
      'Normal Pulled: Container image "nginx:1.27" already present on machine',
      'Normal Created: Created container: nginx',
      `Warning Failed: Error: ${cause}`,
      'Normal Pulled: Container image "nginx:1.27" already present on machine',
      'Normal Created: Created container: nginx',
      `Warning Failed: Error: ${cause}`,
      'Warning BackOff: Back-off restarting failed container nginx in pod web_default(uid-1)',
    ]);
    expect(agent.containerStatus('nginx').state.terminated).toMatchObject({ exitCode: 128, reason: 'StartError' });
    agent.sync(1);
    expect(agent.containerStatus('nginx')).toMatchObject({
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 128, reason: 'StartError', message: cause, startedAt: '1970-01-01T00:00:00Z' } },
      restartCount: 1,
      started: false,
    });
  });
});
