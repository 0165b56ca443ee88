import { describe, expect, it } from 'vitest';
import type { Deployment, KubeObject, ReplicaSet } from '@kubelab/api';
import type { DeploymentAction } from './deployment-actions.js';
import { reconcileDeployment } from './reconcile-deployment.js';
import { rolloutStatusMessage, webDeployment, WorkloadSim } from './workload-sim.testing.js';

const setImage = (image: string) => (d: Deployment) => {
  d.spec!.template.spec!.containers[0].image = image;
};
const condition = (d: Deployment, type: string) => (d.status?.conditions ?? []).find((c) => c.type === type);
const revisionOf = (o: KubeObject) => o.metadata.annotations?.['deployment.kubernetes.io/revision'];
const ofType = <T extends DeploymentAction['type']>(actions: DeploymentAction[], type: T) =>
  actions.filter((a): a is Extract<DeploymentAction, { type: T }> => a.type === type);

describe.each([1, 20])('reconcileDeployment at timeScale %i', (timeScale) => {
  it('first creation: a ReplicaSet named by the template hash, scaled up in one event', () => {
    const sim = new WorkloadSim(webDeployment(), timeScale);
    const actions = sim.syncDeployment();
    const [create] = ofType(actions, 'CreateReplicaSet');
    const rs = create.replicaSet;
    const hash = rs.metadata.name!.slice('web-'.length);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec!.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs.spec!.template!.metadata!.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec!.replicas).toBe(4);
    expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'dep-uid', controller: true, blockOwnerDeletion: true }]);
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '4',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(sim.events).toEqual([`Normal ScalingReplicaSet Scaled up replica set ${rs.metadata.name} from 0 to 4`]);
    expect(condition(sim.deployment, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${rs.metadata.name}"` });
    expect(condition(sim.deployment, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    expect(revisionOf(sim.deployment)).toBe('1');
    expect(actions.map((a) => a.type)).toEqual(['CreateReplicaSet', 'RecordEvent', 'UpdateStatus', 'UpdateAnnotations']);

    sim.settle();
    expect(rolloutStatusMessage(sim.deployment)).toBe('deployment "web" successfully rolled out');
    expect(condition(sim.deployment, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(condition(sim.deployment, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.` });
    expect(sim.deployment.status).toMatchObject({ observedGeneration: 1, replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
  });

  it('rolling update, 4 replicas, maxUnavailable 1, maxSurge 0: never fewer than 3 available', () => {
    const sim = new WorkloadSim(webDeployment(), timeScale);
    sim.settle();
    const [oldRS] = sim.replicaSets;
    sim.edit(setImage('nginx:2.0'));
    const messages: string[] = [];
    let fewestAvailable = Infinity;
    let mostPods = 0;
    sim.settle(() => {
      messages.push(rolloutStatusMessage(sim.deployment));
      fewestAvailable = Math.min(fewestAvailable, sim.availablePods());
      mostPods = Math.max(mostPods, sim.pods.filter((p) => !p.metadata.deletionTimestamp).length);
    });
    expect(fewestAvailable).toBe(3);
    expect(mostPods).toBe(4);
    const newRS = sim.replicaSets.find((rs) => rs !== oldRS && rs.metadata.name !== oldRS.metadata.name)!;
    const [o, n] = [oldRS.metadata.name, newRS.metadata.name];
    expect(sim.events.slice(1)).toEqual([
      `Normal ScalingReplicaSet Scaled down replica set ${o} from 4 to 3`,
      `Normal ScalingReplicaSet Scaled up replica set ${n} from 0 to 1`,
      `Normal ScalingReplicaSet Scaled down replica set ${o} from 3 to 2`,
      `Normal ScalingReplicaSet Scaled up replica set ${n} from 1 to 2`,
      `Normal ScalingReplicaSet Scaled down replica set ${o} from 2 to 1`,
      `Normal ScalingReplicaSet Scaled up replica set ${n} from 2 to 3`,
      `Normal ScalingReplicaSet Scaled down replica set ${o} from 1 to 0`,
      `Normal ScalingReplicaSet Scaled up replica set ${n} from 3 to 4`,
    ]);
    expect(messages).toContain('Waiting for deployment "web" rollout to finish: 1 out of 4 new replicas have been updated...');
    expect(messages).toContain('Waiting for deployment "web" rollout to finish: 3 of 4 updated replicas are available...');
    expect(messages.at(-1)).toBe('deployment "web" successfully rolled out');
    expect(revisionOf(newRS)).toBe('2');
    expect(revisionOf(sim.deployment)).toBe('2');
    expect(sim.replicaSets.map((rs) => rs.spec!.replicas)).toEqual([0, 4]);
  });

  it('rolling update with surge: old replicas pending termination are reported', () => {
    const sim = new WorkloadSim(webDeployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }), timeScale);
    sim.settle();
    sim.edit(setImage('nginx:2.0'));
    const messages: string[] = [];
    let fewestAvailable = Infinity;
    let mostWanted = 0;
    sim.settle(() => {
      messages.push(rolloutStatusMessage(sim.deployment));
      fewestAvailable = Math.min(fewestAvailable, sim.availablePods());
      mostWanted = Math.max(mostWanted, sim.replicaSets.reduce((sum, rs) => sum + rs.spec!.replicas!, 0));
    });
    expect(fewestAvailable).toBe(4);
    expect(mostWanted).toBe(5);
    expect(messages).toContain('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...');
    expect(messages.at(-1)).toBe('deployment "web" successfully rolled out');
  });

  it('Recreate: old pods all gone before the new ReplicaSet is created', () => {
    const sim = new WorkloadSim(webDeployment({ replicas: 3, strategy: { type: 'Recreate' } }), timeScale);
    sim.settle();
    const oldName = sim.replicaSets[0].metadata.name;
    sim.edit(setImage('nginx:2.0'));
    sim.settle(() => {
      const running = (ownerName: string | undefined) =>
        sim.pods.filter((p) => p.metadata.ownerReferences?.[0].name === ownerName).length;
      if (sim.replicaSets.length > 1) expect(running(oldName)).toBe(0);
    });
    const newName = sim.replicaSets[1].metadata.name;
    expect(sim.events.slice(1)).toEqual([
      `Normal ScalingReplicaSet Scaled down replica set ${oldName} from 3 to 0`,
      `Normal ScalingReplicaSet Scaled up replica set ${newName} from 0 to 3`,
    ]);
    expect(rolloutStatusMessage(sim.deployment)).toBe('deployment "web" successfully rolled out');
  });

  it('undo to an old template reuses the old ReplicaSet and bumps its revision', () => {
    const sim = new WorkloadSim(webDeployment(), timeScale);
    sim.settle();
    const original = structuredClone(sim.deployment.spec!.template);
    sim.edit(setImage('nginx:2.0'));
    sim.settle();
    const rev1 = sim.rsByRevision('1')!;
    sim.edit((d) => {
      d.spec!.template = original;
    });
    sim.settle();
    expect(sim.replicaSets).toHaveLength(2);
    const reused = sim.replicaSets.find((rs) => rs.metadata.name === rev1.metadata.name)!;
    expect(reused.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(reused.spec!.replicas).toBe(4);
    expect(revisionOf(sim.deployment)).toBe('3');
    expect(rolloutStatusMessage(sim.deployment)).toBe('deployment "web" successfully rolled out');
  });

  it('rollout restart (restartedAt template annotation) makes a new ReplicaSet', () => {
    const sim = new WorkloadSim(webDeployment(), timeScale);
    sim.settle();
    sim.edit((d) => {
      d.spec!.template.metadata!.annotations = { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:01:00Z' };
    });
    sim.settle();
    expect(sim.replicaSets.map((rs) => [revisionOf(rs), rs.spec!.replicas])).toEqual([['1', 0], ['2', 4]]);
    expect(sim.pods.every((p) => p.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'] === '2025-01-01T00:01:00Z')).toBe(true);
  });

  it('revisionHistoryLimit deletes the oldest empty old ReplicaSets once the rollout completes', () => {
    const sim = new WorkloadSim(webDeployment({ revisionHistoryLimit: 1 }), timeScale);
    sim.settle();
    for (const image of ['nginx:2.0', 'nginx:3.0', 'nginx:4.0']) {
      sim.edit(setImage(image));
      sim.settle();
    }
    expect(sim.replicaSets.map((rs) => [revisionOf(rs), rs.spec!.template!.spec!.containers[0].image])).toEqual([['3', 'nginx:3.0'], ['4', 'nginx:4.0']]);
  });

  it('progress deadline: Progressing False ProgressDeadlineExceeded after progressDeadlineSeconds without progress', () => {
    const sim = new WorkloadSim(webDeployment({ progressDeadlineSeconds: 60 }), timeScale);
    sim.settle();
    sim.brokenImages.add('nginx:broken');
    sim.edit(setImage('nginx:broken'));
    for (let i = 0; i < 3; i++) sim.tick();
    sim.syncDeployment();
    const newRS = sim.replicaSets[1];
    expect(condition(sim.deployment, 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${newRS.metadata.name}" is progressing.` });
    const deadlineWallMs = (60 * 1000) / timeScale;
    expect(sim.lastRequeueMs).toBeGreaterThan(deadlineWallMs - 5000);
    expect(sim.lastRequeueMs).toBeLessThanOrEqual(deadlineWallMs + 1);
    sim.advance(sim.lastRequeueMs!);
    sim.syncDeployment();
    expect(condition(sim.deployment, 'Progressing')).toMatchObject({
      status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`,
    });
    expect(rolloutStatusMessage(sim.deployment)).toBe('error: deployment "web" exceeded its progress deadline');
    expect(sim.lastRequeueMs).toBeUndefined();
    expect(sim.availablePods()).toBe(3);
  });

  it('paused: no rollout, Progressing DeploymentPaused, scaling still applies; resume rolls out', () => {
    const sim = new WorkloadSim(webDeployment(), timeScale);
    sim.settle();
    sim.edit((d) => {
      d.spec!.paused = true;
      setImage('nginx:2.0')(d);
    });
    for (let i = 0; i < 3; i++) sim.tick();
    expect(sim.replicaSets).toHaveLength(1);
    expect(condition(sim.deployment, 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    sim.edit((d) => {
      d.spec!.replicas = 6;
    });
    for (let i = 0; i < 5; i++) sim.tick();
    sim.syncDeployment();
    expect(sim.replicaSets.map((rs) => rs.spec!.replicas)).toEqual([6]);
    expect(sim.deployment.status).toMatchObject({ replicas: 6, availableReplicas: 6 });
    expect(sim.events.at(-1)).toBe(`Normal ScalingReplicaSet Scaled up replica set ${sim.replicaSets[0].metadata.name} from 4 to 6`);
    sim.edit((d) => {
      d.spec!.paused = false;
    });
    sim.syncDeployment();
    expect(condition(sim.deployment, 'Progressing')).toMatchObject({ reason: 'NewReplicaSetCreated' });
    sim.settle();
    expect(sim.replicaSets.map((rs) => rs.spec!.replicas)).toEqual([0, 6]);
    expect(rolloutStatusMessage(sim.deployment)).toBe('deployment "web" successfully rolled out');
  });

  it('scaling mid-rollout is proportional and never exceeds replicas + maxSurge', () => {
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } };
    const sim = new WorkloadSim(webDeployment({ replicas: 10, strategy }), timeScale);
    sim.settle();
    sim.brokenImages.add('nginx:broken');
    sim.edit(setImage('nginx:broken'));
    for (let i = 0; i < 4; i++) sim.tick();
    expect(sim.replicaSets.map((rs) => rs.spec!.replicas)).toEqual([8, 5]);
    sim.edit((d) => {
      d.spec!.replicas = 20;
    });
    sim.syncDeployment();
    const sizes = sim.replicaSets.map((rs) => rs.spec!.replicas!);
    expect(sizes).toEqual([14, 9]);
    expect(sizes[0] + sizes[1]).toBe(20 + 3);
    for (let i = 0; i < 4; i++) {
      sim.tick();
      expect(sim.replicaSets.reduce((sum, rs) => sum + rs.spec!.replicas!, 0)).toBeLessThanOrEqual(23);
    }
  });
});

describe('reconcileDeployment: ownership and safety', () => {
  const sim = () => new WorkloadSim(webDeployment());

  it('adopts a matching orphan ReplicaSet in a pass of its own', () => {
    const orphan: ReplicaSet = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: { name: 'web-manual', namespace: 'default', uid: 'orphan', labels: { app: 'web' } },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: webDeployment().spec!.template },
    };
    const { actions } = reconcileDeployment(webDeployment(), [orphan], [], sim().clock());
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ type: 'AdoptReplicaSet' });
    expect((actions[0] as { replicaSet: KubeObject }).replicaSet.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'dep-uid', controller: true, blockOwnerDeletion: true },
    ]);
  });

  it('a hash collision bumps status.collisionCount and creates nothing; the next hash differs', () => {
    const first = sim();
    const [create] = ofType(first.syncDeployment(), 'CreateReplicaSet');
    const squatter: ReplicaSet = { ...structuredClone(create.replicaSet), metadata: { name: create.replicaSet.metadata.name, namespace: 'default', uid: 'other' } };
    const { actions } = reconcileDeployment(webDeployment(), [squatter], [], first.clock());
    expect(actions).toEqual([{ type: 'UpdateStatus', status: { collisionCount: 1 } }]);
    const bumped = { ...webDeployment(), status: { collisionCount: 1 } };
    const [retry] = ofType(reconcileDeployment(bumped, [squatter], [], first.clock()).actions, 'CreateReplicaSet');
    expect(retry.replicaSet.metadata.name).not.toBe(create.replicaSet.metadata.name);
  });

  it('refuses an empty selector with a SelectingAll warning', () => {
    const d = { ...webDeployment({ selector: {} }), status: { observedGeneration: 0 } };
    expect(reconcileDeployment(d, [], [], sim().clock()).actions).toEqual([
      { type: 'RecordEvent', eventType: 'Warning', reason: 'SelectingAll', message: 'This deployment is selecting all pods. A non-empty selector is required.' },
      { type: 'UpdateStatus', status: { observedGeneration: 1 } },
    ]);
  });

  it('a Deployment being deleted creates nothing and only reports status', () => {
    const d = webDeployment();
    d.metadata.deletionTimestamp = '2025-01-01T00:00:00Z';
    expect(reconcileDeployment(d, [], [], sim().clock()).actions.map((a) => a.type)).toEqual(['UpdateStatus']);
  });

  it('is quiet once settled', () => {
    const s = sim();
    s.settle();
    expect(s.syncDeployment()).toEqual([]);
    expect(s.lastRequeueMs).toBeUndefined();
  });
});
