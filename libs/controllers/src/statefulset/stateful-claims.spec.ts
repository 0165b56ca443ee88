import type { PersistentVolumeClaim, Pod, StatefulSet } from '@kubelab/api';
import type { StatefulSetStatus } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { HISTORY_HASH_LABEL, newRevision } from '../revisions/controller-revision.js';
import { claimOwnerReferences, isClaimOwnerUpToDate } from './claim-retention.js';
import { reconcileStatefulSet } from './reconcile-statefulset.js';
import { aggregateErrors, statefulClaimEvent } from './statefulset-events.js';
import type { StatefulSetAction } from './statefulset-actions.js';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const clock = { now: new Date(T0 + 100_000), timeScale: 1 };
const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1' }] } };
const claimTemplate = { metadata: { name: 'data', labels: { tier: 'db' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' } };

type Policy = { whenDeleted?: 'Retain' | 'Delete'; whenScaled?: 'Retain' | 'Delete' };

function sts(replicas: number, policy: Policy = {}, parallel = false): StatefulSet {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default', uid: 'sts-uid', generation: 1 },
    spec: {
      replicas, serviceName: 'nginx', selector: { matchLabels: { app: 'web' } }, template,
      podManagementPolicy: parallel ? 'Parallel' : 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      volumeClaimTemplates: [claimTemplate],
      persistentVolumeClaimRetentionPolicy: { whenDeleted: policy.whenDeleted ?? 'Retain', whenScaled: policy.whenScaled ?? 'Retain' },
    },
    status: {} as StatefulSetStatus,
  };
}

const revision = (set: StatefulSet) => newRevision(set, template, 1, 0, { hashLabel: HISTORY_HASH_LABEL });

function pod(set: StatefulSet, ordinal: number, phase = 'Running'): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: `web-${ordinal}`, namespace: 'default', uid: `uid-${ordinal}`,
      labels: { app: 'web', 'controller-revision-hash': revision(set).metadata.name! },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'sts-uid', controller: true }],
    },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: `data-web-${ordinal}` } }] },
    status: { phase, conditions: [{ type: 'Ready', status: phase === 'Running' ? 'True' : 'False', lastTransitionTime: '2025-01-01T00:00:00Z' }] },
  };
}

const setRef = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'sts-uid', controller: true, blockOwnerDeletion: true };
const podRef = (ordinal: number, uid = `uid-${ordinal}`) => ({ apiVersion: 'v1', kind: 'Pod', name: `web-${ordinal}`, uid, controller: true, blockOwnerDeletion: true });

function claim(ordinal: number, ownerReferences?: any[], deleting = false): PersistentVolumeClaim {
  return {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim',
    metadata: {
      name: `data-web-${ordinal}`, namespace: 'default', uid: `claim-uid-${ordinal}`, resourceVersion: '3',
      labels: { tier: 'db', app: 'web' }, ...(ownerReferences ? { ownerReferences } : {}), ...(deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}),
    },
    spec: claimTemplate.spec,
  };
}

/** Claim and pod writes of a pass, as short strings (owner references by kind/name). */
function steps(actions: StatefulSetAction[]): string[] {
  const owners = (c: PersistentVolumeClaim) => (c.metadata.ownerReferences ?? []).map((r: any) => `${r.kind}/${r.name}`).join(',') || 'none';
  return actions.flatMap((a) => {
    switch (a.type) {
      case 'CreateClaims':
        return [`CreateClaims ${a.pod.metadata.name}: ${[...a.claims.map((c) => c.metadata.name), ...a.problems.map((p) => `(${p})`)].join(', ')}${a.creatingPod ? '' : ' [pending pod]'}`];
      case 'UpdateClaim':
        return [`UpdateClaim ${a.claim.metadata.name} owners=${owners(a.claim)}`];
      case 'CreatePod':
      case 'UpdatePod':
      case 'DeletePod':
        return [`${a.type} ${a.pod.metadata.name}`];
      case 'RecordEvent':
        return a.reason === 'ConflictingController' ? [`Warning ConflictingController`] : [];
      default:
        return [];
    }
  });
}

const decide = (set: StatefulSet, pods: Pod[], claims: PersistentVolumeClaim[]) => reconcileStatefulSet(set, pods, [revision(set)], clock, claims);

describe('StatefulSet claims (stateful_pod_control.go, stateful_set_control.go)', () => {
  const retain = sts(1);
  const deleteWithSet = sts(1, { whenDeleted: 'Delete' });
  const deleteScaled = sts(1, { whenScaled: 'Delete' });
  const deleteBoth = sts(1, { whenDeleted: 'Delete', whenScaled: 'Delete' });
  it.each<[string, StatefulSet, Pod[], PersistentVolumeClaim[], string[]]>([
    ['creates the claim before the pod', retain, [], [], ['CreateClaims web-0: data-web-0', 'CreatePod web-0']],
    ['reuses a claim that is there', retain, [], [claim(0)], ['CreatePod web-0']],
    ['a claim being deleted fails the pod\'s creation', retain, [], [claim(0, undefined, true)], ['CreateClaims web-0: (pvc data-web-0 is being deleted)', 'CreatePod web-0']],
    ['a Pending pod gets back a claim it lost', retain, [pod(retain, 0, 'Pending')], [], ['CreateClaims web-0: data-web-0 [pending pod]']],
    ['a running pod with its claim: nothing to do', retain, [pod(retain, 0)], [claim(0)], []],
    ['whenDeleted=Delete: the set becomes the claim\'s controller, and the pod is written again', deleteWithSet, [pod(deleteWithSet, 0)], [claim(0)],
      ['UpdateClaim data-web-0 owners=StatefulSet/web', 'UpdatePod web-0']],
    ['whenDeleted=Delete: an existing claim of a recreated pod gets the set at creation', deleteWithSet, [], [claim(0)],
      ['CreatePod web-0', 'UpdateClaim data-web-0 owners=StatefulSet/web']],
    ['whenDeleted=Delete: a claim already owned by the set is left alone', deleteWithSet, [pod(deleteWithSet, 0)], [claim(0, [setRef])], []],
    ['back to Retain: our reference is removed', retain, [pod(retain, 0)], [claim(0, [setRef])], ['UpdateClaim data-web-0 owners=none', 'UpdatePod web-0']],
    ['a reference of ours that is not a controller is fixed', deleteWithSet, [pod(deleteWithSet, 0)], [claim(0, [{ ...setRef, controller: false }])],
      ['UpdateClaim data-web-0 owners=StatefulSet/web', 'UpdatePod web-0']],
    ['whenScaled=Delete: a condemned pod becomes its claim\'s controller before it is deleted', deleteScaled, [pod(deleteScaled, 0), pod(deleteScaled, 1)], [claim(0), claim(1)],
      ['UpdateClaim data-web-1 owners=Pod/web-1', 'DeletePod web-1']],
    ['both Delete: the set owns claims in range, the condemned pod its own', deleteBoth, [pod(deleteBoth, 0), pod(deleteBoth, 1)], [claim(0, [setRef]), claim(1, [setRef])],
      ['UpdateClaim data-web-1 owners=Pod/web-1', 'DeletePod web-1']],
    ['whenScaled=Retain: a condemned pod\'s claim is kept', retain, [pod(retain, 0), pod(retain, 1)], [claim(0), claim(1)], ['DeletePod web-1']],
    ['whenScaled=Delete: a claim still owned by the previous pod of the name holds the pod back', sts(2, { whenScaled: 'Delete' }), [pod(deleteScaled, 0)],
      [claim(0), claim(1, [podRef(1, 'old-uid')])], []],
    ['a claim an earlier set of the name owned is not touched', deleteWithSet, [pod(deleteWithSet, 0)], [claim(0, [{ ...setRef, uid: 'old-set' }])], []],
    ['another controller\'s claim is not taken, and a Pending pod says so', deleteWithSet, [pod(deleteWithSet, 0, 'Pending')],
      [claim(0, [{ apiVersion: 'example.com/v1', kind: 'Keeper', name: 'k', uid: 'k-uid', controller: true }])], ['Warning ConflictingController']],
  ])('%s', (_name, set, pods, claims, expected) => {
    expect(steps(decide(set, pods, claims).actions)).toEqual(expected);
  });

  it('builds each claim from its template: name, namespace, template labels joined by the selector\'s', () => {
    const create = decide(retain, [], []).actions.find((a) => a.type === 'CreateClaims');
    expect(create).toMatchObject({ type: 'CreateClaims', creatingPod: true, problems: [] });
    expect((create as Extract<StatefulSetAction, { type: 'CreateClaims' }>).claims).toEqual([{
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: { name: 'data-web-0', namespace: 'default', labels: { tier: 'db', app: 'web' } },
      spec: claimTemplate.spec,
    }]);
  });

  it('says what holds back a pod whose claim belongs to an earlier pod', () => {
    const set = sts(2, { whenScaled: 'Delete' });
    expect(decide(set, [pod(set, 0)], [claim(0), claim(1, [podRef(1, 'old-uid')])]).waitingFor)
      .toBe('waiting for the PersistentVolumeClaims of the previous pod web-1 to be deleted');
  });

  it('records SuccessfulCreate for the pod after its claims\' owners are set', () => {
    const events = decide(deleteWithSet, [], [claim(0)]).actions.filter((a) => a.type === 'RecordEvent' || a.type === 'UpdateClaim').map((a) => a.type === 'RecordEvent' ? a.reason : a.type);
    expect(events).toEqual(['UpdateClaim', 'SuccessfulCreate']);
  });
});

describe('isClaimOwnerUpToDate and the owner references it wants (stateful_set_utils_test.go)', () => {
  const inRange = pod(sts(2), 1);
  const condemned = pod(sts(2), 3);
  it.each<[string, Policy, Pod, any[], boolean, string[]]>([
    ['Retain/Retain, no refs', {}, inRange, [], true, []],
    ['Retain/Retain, set ref', {}, inRange, [setRef], false, []],
    ['whenDeleted=Delete, in range, no refs', { whenDeleted: 'Delete' }, inRange, [], false, ['StatefulSet/web']],
    ['whenDeleted=Delete, condemned keeps the set', { whenDeleted: 'Delete' }, condemned, [setRef], true, ['StatefulSet/web']],
    ['whenScaled=Delete, in range, no refs', { whenScaled: 'Delete' }, inRange, [], true, []],
    ['whenScaled=Delete, condemned, no refs', { whenScaled: 'Delete' }, condemned, [], false, ['Pod/web-3']],
    ['both Delete, in range, pod ref', { whenDeleted: 'Delete', whenScaled: 'Delete' }, inRange, [podRef(1)], false, ['StatefulSet/web']],
    ['both Delete, condemned, set ref', { whenDeleted: 'Delete', whenScaled: 'Delete' }, condemned, [setRef], false, ['Pod/web-3']],
    ['a stale pod ref is left alone (were it rewritten, a stale ref counts as an unexpected controller)', { whenScaled: 'Delete' }, condemned, [podRef(3, 'old')], true, []],
    ['another controller with our ref: ours is scrubbed', { whenDeleted: 'Delete' }, inRange,
      [setRef, { apiVersion: 'v1', kind: 'Other', name: 'o', uid: 'o', controller: true }], false, ['Other/o']],
    ['a plain owner (not a controller) is kept beside ours', { whenDeleted: 'Delete' }, inRange,
      [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'c', uid: 'c' }], false, ['ConfigMap/c', 'StatefulSet/web']],
  ])('%s', (_name, policy, target, refs, upToDate, wanted) => {
    const set = sts(2, policy);
    const c = claim(1, refs);
    expect(isClaimOwnerUpToDate(c, set, target)).toBe(upToDate);
    expect(claimOwnerReferences(c, set, target).map((r) => `${r.kind}/${r.name}`)).toEqual(wanted);
  });
});

describe('claim events', () => {
  it('words them as recordClaimEvent does, and aggregates errors as errors.NewAggregate', () => {
    const set = sts(1);
    expect(statefulClaimEvent('data-web-0', 'web-0', set).message).toBe('create Claim data-web-0 Pod web-0 in StatefulSet web success');
    expect(statefulClaimEvent('data-web-0', 'web-0', set, 'quota exceeded')).toEqual({
      type: 'RecordEvent', eventType: 'Warning', reason: 'FailedCreate', message: 'create Claim data-web-0 for Pod web-0 in StatefulSet web failed error: quota exceeded',
    });
    expect(aggregateErrors(['a'])).toBe('a');
    expect(aggregateErrors(['a', 'b', 'a'])).toBe('[a, b]');
  });
});
