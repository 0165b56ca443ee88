import { describe, expect, it } from 'vitest';
import { ScriptedAgent } from './testing/agent.js';
import { container, pod } from './testing/pods.js';

/** The pod after `kubectl apply` of the same pod with another image. */
function withImage(agent: ScriptedAgent, image: string): void {
  agent.pod = { ...agent.pod, spec: { ...agent.pod.spec, containers: [container('nginx', { image })] } };
}

describe('a running container whose spec gets a new image', () => {
  it.each(['Always', 'Never'])('is killed and started again with the new image under restartPolicy %s, without back-off', (restartPolicy) => {
    const agent = new ScriptedAgent(pod({ restartPolicy }));
    agent.sync(0);
    withImage(agent, 'nginx:1.28');
    const kill = agent.sync(5);
    expect(kill).toEqual([
      { type: 'KillContainer', container: 'nginx', kind: 'app', reason: 'DefinitionChanged', message: 'Container nginx definition changed, will be restarted', graceSeconds: 30, image: 'nginx:1.28' },
    ]);
    expect(agent.sync(6)).toEqual([]);
    expect(agent.exit('nginx', 7, { exitCode: 0 }).map((a) => a.type === 'PullImage' && a.image)).toEqual(['nginx:1.28', false]);
    expect(agent.containerStatus('nginx')).toMatchObject({ restartCount: 1, state: { running: {} }, image: 'docker.io/library/nginx:1.28' });
    expect(agent.events.map((e) => `${e.reason}: ${e.message}`)).toContain('Killing: Container nginx definition changed, will be restarted');
  });

  it('leaves a container whose image did not change alone', () => {
    const agent = new ScriptedAgent(pod());
    agent.sync(0);
    withImage(agent, 'nginx:1.27');
    expect(agent.sync(5)).toEqual([]);
  });
});

describe('a container that never ran, whose spec gets a new image', () => {
  it('pulls and starts the new image at once, as its first run: no restart, no wait for the old image\'s back-off', () => {
    const agent = new ScriptedAgent(pod({ containers: [container('nginx', { image: 'nginx:nope' })] }));
    agent.sync(0);
    expect(agent.containerStatus('nginx')).toMatchObject({ restartCount: 0, state: { waiting: { reason: 'ErrImagePull' } } });
    withImage(agent, 'nginx:1.28');
    expect(agent.sync(1).map((a) => a.type)).toEqual(['PullImage', 'StartContainer']);
    expect(agent.containerStatus('nginx')).toMatchObject({ restartCount: 0, state: { running: {} }, image: 'docker.io/library/nginx:1.28' });
    expect(agent.events.at(-3)?.message).toBe('Container image "nginx:1.28" already present on machine');
    expect(agent.sync(2)).toEqual([]);
  });
});
