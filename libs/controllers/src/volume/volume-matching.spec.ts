import type { PersistentVolume, PersistentVolumeClaim } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { findBestMatchForClaim, volumeModeMismatch, volumeUnfitForClaim } from './volume-matching.js';

// The volumes and claims of pkg/controller/volume/persistentvolume/index_test.go (createTestVolumes, makePVC).
const RWO = 'ReadWriteOnce';
const ROX = 'ReadOnlyMany';
const RWX = 'ReadWriteMany';

function volume(name: string, size: string, modes: string[], extra: { className?: string; labels?: Record<string, string>; claimRef?: object; phase?: string | null; mode?: string | null } = {}): PersistentVolume {
  const { className, labels, claimRef, phase = 'Available', mode = 'Filesystem' } = extra;
  return {
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name, ...(labels ? { labels } : {}) },
    spec: {
      capacity: { storage: size }, accessModes: modes, hostPath: { path: `/data/${name}` },
      ...(className ? { storageClassName: className } : {}), ...(claimRef ? { claimRef } : {}), ...(mode ? { volumeMode: mode } : {}),
    },
    status: phase ? { phase } : {},
  };
}

function claim(size: string, spec: Record<string, unknown> = {}, name = 'claim01'): PersistentVolumeClaim {
  return {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'myns', uid: `${name}-uid` },
    spec: { accessModes: [ROX, RWO], resources: { requests: { storage: size } }, volumeMode: 'Filesystem', ...spec },
  };
}

const testVolumes = [
  volume('gce-pd-10', '10G', [RWO, ROX]),
  volume('gce-pd-20', '20G', [RWO, ROX], { claimRef: { uid: 'def456' }, phase: 'Bound' }),
  volume('nfs-5', '5G', [RWO, ROX, RWX]),
  volume('gce-pd-1', '1G', [RWO, ROX], { claimRef: { uid: 'abc123' }, phase: 'Bound' }),
  volume('nfs-10', '10G', [RWO, ROX, RWX]),
  volume('gce-pd-5', '5G', [RWO, ROX]),
  volume('nfs-1', '1G', [RWO, ROX, RWX]),
  volume('gce-pd-2', '20000G', [RWO], { labels: { 'should-exist': 'true' } }),
  volume('gce-pd-silver1', '10000G', [RWO], { className: 'silver', labels: { 'should-exist': 'true' } }),
  volume('gce-pd-silver2', '100G', [RWO], { className: 'silver' }),
  volume('gce-pd-gold', '50G', [RWO], { className: 'gold' }),
  volume('local-pd-very-large', '200E', [RWO, ROX, RWX], { className: 'large' }),
  volume('local-pd-extremely-large', '800E', [RWO, ROX, RWX], { className: 'large' }),
  volume('affinity-pv4-pending', '200G', [RWO, ROX], { className: 'wait', phase: 'Pending' }),
  volume('affinity-pv4-failed', '200G', [RWO, ROX], { className: 'wait', phase: 'Failed' }),
  volume('affinity-pv4-released', '200G', [RWO, ROX], { className: 'wait', phase: 'Released' }),
  volume('affinity-pv4-empty', '200G', [RWO, ROX], { className: 'wait', phase: null }),
];

describe('findBestMatchForClaim (TestMatchVolume)', () => {
  const selector = (labels: Record<string, string>) => ({ selector: { matchLabels: labels } });
  it.each([
    { given: 'successful-match-gce-10', claim: claim('8G'), expected: 'gce-pd-10' },
    { given: 'successful-match-nfs-5', claim: claim('5G', { accessModes: [ROX, RWO, RWX] }), expected: 'nfs-5' },
    { given: 'successful-skip-1g-bound-volume', claim: claim('1G'), expected: 'gce-pd-5' },
    { given: 'successful-no-match', claim: claim('999G'), expected: undefined },
    { given: 'successful-no-match-due-to-label', claim: claim('999G', selector({ 'should-not-exist': 'true' })), expected: undefined },
    { given: 'successful-no-match-due-to-size-constraint-with-label-selector', claim: claim('20000G', selector({ 'should-exist': 'true' })), expected: undefined },
    { given: 'successful-match-due-with-constraint-and-label-selector', claim: claim('20000G', { ...selector({ 'should-exist': 'true' }), accessModes: [RWO] }), expected: 'gce-pd-2' },
    { given: 'successful-match-with-class', claim: claim('1G', { ...selector({ 'should-exist': 'true' }), accessModes: [RWO], storageClassName: 'silver' }), expected: 'gce-pd-silver1' },
    { given: 'successful-match-with-class-and-labels', claim: claim('1G', { accessModes: [RWO], storageClassName: 'silver' }), expected: 'gce-pd-silver2' },
    { given: 'successful-match-very-large', claim: claim('1E', { accessModes: [RWO], storageClassName: 'large' }), expected: 'local-pd-very-large' },
    { given: 'successful-match-exact-extremely-large', claim: claim('800E', { accessModes: [RWO], storageClassName: 'large' }), expected: 'local-pd-extremely-large' },
    { given: 'successful-no-match-way-too-large', claim: claim('950E', { accessModes: [RWO], storageClassName: 'large' }), expected: undefined },
    { given: 'a "" class only matches class-less volumes', claim: claim('60G', { accessModes: [RWO], storageClassName: '' }), expected: 'gce-pd-2' },
    { given: 'volumes not Available are skipped (Pending, Failed, Released, no phase)', claim: claim('150G', { storageClassName: 'wait' }), expected: undefined },
  ])('$given', ({ claim: c, expected }) => {
    expect(findBestMatchForClaim(c, testVolumes, false)?.metadata.name).toBe(expected);
  });

  it('matches nothing unbound when binding is delayed (TestBestMatchDelayed)', () => {
    expect(findBestMatchForClaim(claim('8G'), testVolumes, true)).toBeUndefined();
  });

  it('skips a volume already bound for its similar neighbour (TestMatchingWithBoundVolumes)', () => {
    const bound = volume('gce001', '1G', [RWO, ROX], { claimRef: { uid: 'abc123' }, phase: 'Bound' });
    const free = volume('gce002', '1G', [RWO, ROX]);
    expect(findBestMatchForClaim(claim('1G'), [bound, free], false)?.metadata.name).toBe('gce002');
  });
});

describe('findBestMatchForClaim over access modes (TestFindingVolumeWithDifferentAccessModes)', () => {
  const gce = volume('gce', '10G', [RWO, ROX]);
  const ebs = volume('ebs', '10G', [RWO]);
  const nfs = volume('nfs', '10G', [RWO, ROX, RWX]);
  const taken = (v: PersistentVolume) => ({ ...v, spec: { ...v.spec, claimRef: {} } });
  it.each([
    { given: 'RWO takes the volume with the fewest modes', volumes: [gce, ebs, nfs], modes: [RWO], expected: 'ebs' },
    { given: 'RWO+ROX', volumes: [gce, ebs, nfs], modes: [RWO, ROX], expected: 'gce' },
    { given: 'the order of the requested modes does not matter', volumes: [gce, ebs, nfs], modes: [RWX, RWO, ROX], expected: 'nfs' },
    { given: 'fewer modes requested still match', volumes: [gce, ebs, nfs], modes: [RWX], expected: 'nfs' },
    { given: 'the exact match taken: the next level up', volumes: [gce, taken(ebs), nfs], modes: [RWO], expected: 'gce' },
    { given: 'up the levels of modes', volumes: [taken(gce), taken(ebs), nfs], modes: [RWO], expected: 'nfs' },
    { given: 'a partial mode request', volumes: [gce, taken(ebs), nfs], modes: [ROX], expected: 'gce' },
  ])('$given', ({ volumes, modes, expected }) => {
    expect(findBestMatchForClaim(claim('1G', { accessModes: modes }), volumes, false)?.metadata.name).toBe(expected);
  });
});

describe('pre-bound volumes (TestFindingPreboundVolumes)', () => {
  const c = claim('1Gi', { accessModes: [RWO] });
  const ref = { kind: 'PersistentVolumeClaim', namespace: 'myns', name: 'claim01', uid: 'claim01-uid' };
  const pv = (name: string, size: string, extra: Parameters<typeof volume>[3] = {}) => volume(name, size, [RWO], extra);
  const badMode = volume('pvBadMode', '1Gi', [ROX], { claimRef: ref });
  it.each([
    { given: 'an exact match on size', volumes: [pv('pv1', '1Gi'), pv('pv5', '5Gi'), pv('pv8', '8Gi')], expected: 'pv1' },
    { given: 'the exact match pre-bound elsewhere: the next size up', volumes: [pv('pv1', '1Gi', { claimRef: { name: 'foo', namespace: 'bar' } }), pv('pv5', '5Gi'), pv('pv8', '8Gi')], expected: 'pv5' },
    { given: 'the largest pre-bound to the claim wins', volumes: [pv('pv1', '1Gi'), pv('pv5', '5Gi'), pv('pv8', '8Gi', { claimRef: ref })], expected: 'pv8' },
    { given: 'one pre-bound but too small: the exact match', volumes: [pv('pv1', '1Gi'), pv('pvBadSize', '1Mi', { claimRef: ref })], expected: 'pv1' },
    { given: 'one pre-bound without the access mode: the exact match', volumes: [pv('pv1', '1Gi'), badMode], expected: 'pv1' },
    { given: 'pre-bound by name only (no uid) to this claim, even when binding is delayed', volumes: [pv('pv5', '5Gi', { claimRef: { namespace: 'myns', name: 'claim01' }, className: 'other' })], expected: 'pv5' },
  ])('$given', ({ volumes, expected }) => {
    expect(findBestMatchForClaim(c, volumes, false)?.metadata.name).toBe(expected);
    if (expected === 'pv5' && volumes.length === 1) expect(findBestMatchForClaim(c, volumes, true)?.metadata.name).toBe('pv5');
  });
});

describe('volume modes (TestVolumeModeCheck, TestFilteringVolumeModes)', () => {
  it.each([
    { claimMode: 'Block', volumeMode: 'Filesystem', mismatch: true },
    { claimMode: 'Filesystem', volumeMode: 'Block', mismatch: true },
    { claimMode: 'Block', volumeMode: 'Block', mismatch: false },
    { claimMode: 'Filesystem', volumeMode: 'Filesystem', mismatch: false },
    { claimMode: 'Filesystem', volumeMode: null, mismatch: false },
    { claimMode: null, volumeMode: 'Filesystem', mismatch: false },
    { claimMode: null, volumeMode: null, mismatch: false },
    { claimMode: null, volumeMode: 'Block', mismatch: true },
    { claimMode: 'Block', volumeMode: null, mismatch: true },
  ])('claim $claimMode, volume $volumeMode → mismatch $mismatch', ({ claimMode, volumeMode, mismatch }) => {
    const c = claim('8G', { accessModes: [RWO], volumeMode: claimMode ?? undefined });
    const v = volume('v', '10G', [RWO], { mode: volumeMode });
    expect(volumeModeMismatch(c, v)).toBe(mismatch);
    expect(findBestMatchForClaim(c, [v], false)?.metadata.name).toBe(mismatch ? undefined : 'v');
  });
});

describe('volumeUnfitForClaim (checkVolumeSatisfyClaim, TestStorageObjectInUseProtectionFiltering)', () => {
  const c = claim('1G', { accessModes: [RWO] });
  const fit = volume('pv1', '1G', [RWO]);
  it.each([
    { given: 'a fitting volume', volume: fit, expected: undefined },
    { given: 'a volume being deleted', volume: { ...fit, metadata: { ...fit.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } }, expected: 'the volume is marked for deletion "pv1"' },
    { given: 'a volume too small', volume: volume('pv1', '500M', [RWO]), expected: 'requested PV is too small' },
    { given: 'a volume of another class', volume: volume('pv1', '1G', [RWO], { className: 'gold' }), expected: 'storageClassName does not match' },
    { given: 'a block volume', volume: volume('pv1', '1G', [RWO], { mode: 'Block' }), expected: 'incompatible volumeMode' },
    { given: 'a read-only volume', volume: volume('pv1', '1G', [ROX]), expected: 'incompatible accessMode' },
  ])('$given', ({ volume: v, expected }) => {
    expect(volumeUnfitForClaim(v, c)).toBe(expected);
  });

  it('skips a volume being deleted when matching', () => {
    expect(findBestMatchForClaim(c, [{ ...fit, metadata: { ...fit.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } }], false)).toBeUndefined();
  });
});
