/**
 * The restricted level's checks (pod-security-admission policy/check_*.go, as of 1.32), each with
 * upstream's exact reason and detail: the current pod hardening practices, on top of baseline.
 */
import type { PodSpec, Volume } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from '../../object.js';
import { explicitSeccompViolation, allowedSeccompType } from './baseline-checks.js';
import { forbid, type CheckPod, type Violation } from './check.js';
import { containersOf, isWindowsPod } from './containers.js';
import { containersNamed, joinQuote, pluralize, sortedSet } from './wording.js';

/** The members of a Volume that name its source. */
type VolumeSourceField = Exclude<keyof Volume, 'name'>;

/** From v1.25 a Windows pod passes the checks Windows cannot honour (pod validation refuses the fields there). */
function exceptWindows(check: CheckPod): CheckPod {
  return (metadata, spec) => (isWindowsPod(spec) ? undefined : check(metadata, spec));
}

/** allowPrivilegeEscalation up to v1.24: every container sets allowPrivilegeEscalation=false. */
export function allowPrivilegeEscalation1_8(_metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined {
  const bad = containersOf(spec).filter((c) => c.securityContext?.allowPrivilegeEscalation !== false);
  return bad.length > 0 ? forbid('allowPrivilegeEscalation != false', `${containersNamed(bad.map((c) => c.name))} must set securityContext.allowPrivilegeEscalation=false`) : undefined;
}

/** allowPrivilegeEscalation from v1.25. */
export const allowPrivilegeEscalation1_25 = exceptWindows(allowPrivilegeEscalation1_8);

/** capabilities_restricted up to v1.24: containers drop ALL and add at most NET_BIND_SERVICE. */
export function capabilitiesRestricted1_22(_metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined {
  const missingDropAll: string[] = [];
  const adding: string[] = [];
  const added: string[] = [];
  for (const c of containersOf(spec)) {
    const capabilities = c.securityContext?.capabilities;
    if (capabilities == null) {
      missingDropAll.push(c.name);
      continue;
    }
    if (!(capabilities.drop ?? []).includes('ALL')) missingDropAll.push(c.name);
    const extra = (capabilities.add ?? []).filter((cap) => cap !== 'NET_BIND_SERVICE');
    if (extra.length > 0) adding.push(c.name);
    added.push(...extra);
  }
  const details = [
    ...(missingDropAll.length > 0 ? [`${containersNamed(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`] : []),
    ...(adding.length > 0 ? [`${containersNamed(adding)} must not include ${joinQuote(sortedSet(added))} in securityContext.capabilities.add`] : []),
  ];
  return details.length > 0 ? forbid('unrestricted capabilities', details.join('; ')) : undefined;
}

/** capabilities_restricted from v1.25. */
export const capabilitiesRestricted1_25 = exceptWindows(capabilitiesRestricted1_22);

const allowedVolumeSources: VolumeSourceField[] = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const restrictedVolumeSources: VolumeSourceField[] = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs',
  'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];

/** restrictedVolumes: only the volume types a pod's owner controls (no node, network or cloud volumes). */
export function restrictedVolumes(_metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined {
  const types: string[] = [];
  const bad = (spec?.volumes ?? []).filter((v: Volume | null) => {
    if (v === null || typeof v !== 'object' || allowedVolumeSources.some((s) => v[s] != null)) return false;
    types.push(restrictedVolumeSources.find((s) => v[s] != null) ?? 'unknown');
    return true;
  });
  if (bad.length === 0) return undefined;
  const distinct = sortedSet(types);
  const names = bad.map((v) => v.name);
  return forbid(
    'restricted volume types',
    `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('restricted volume type', 'restricted volume types', distinct.length)} ${joinQuote(distinct)}`,
  );
}

/** runAsNonRoot: the pod, or every container, sets runAsNonRoot=true, and none sets it false. */
export function runAsNonRoot(_metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined {
  const podValue = spec?.securityContext?.runAsNonRoot;
  const podBad = podValue === false;
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const c of containersOf(spec)) {
    const value = c.securityContext?.runAsNonRoot;
    if (value === false) explicit.push(c.name);
    else if (value == null && podValue !== true) implicit.push(c.name);
  }
  if (podBad || explicit.length > 0) {
    const who = [...(podBad ? ['pod'] : []), ...(explicit.length > 0 ? [containersNamed(explicit)] : [])];
    return forbid('runAsNonRoot != true', `${who.join(' and ')} must not set securityContext.runAsNonRoot=false`);
  }
  return implicit.length > 0 ? forbid('runAsNonRoot != true', `pod or ${containersNamed(implicit)} must set securityContext.runAsNonRoot=true`) : undefined;
}

/** runAsUser from v1.23: neither the pod nor a container runs as UID 0. */
export function runAsUser(_metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined {
  const podBad = spec?.securityContext?.runAsUser === 0;
  const bad = containersOf(spec).filter((c) => c.securityContext?.runAsUser === 0).map((c) => c.name);
  if (!podBad && bad.length === 0) return undefined;
  const who = [...(podBad ? ['pod'] : []), ...(bad.length > 0 ? [containersNamed(bad)] : [])];
  return forbid('runAsUser=0', `${who.join(' and ')} must not set runAsUser=0`);
}

/** seccompProfile_restricted up to v1.24: the pod, or every container, sets RuntimeDefault or Localhost. */
export function seccompRestricted1_19(_metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined {
  const explicit = explicitSeccompViolation(spec);
  if (explicit) return explicit;
  const podProfile = spec?.securityContext?.seccompProfile;
  const podSet = podProfile != null && allowedSeccompType(podProfile.type);
  const implicit = podSet ? [] : containersOf(spec).filter((c) => c.securityContext?.seccompProfile == null).map((c) => c.name);
  if (implicit.length === 0) return undefined;
  return forbid('seccompProfile', `pod or ${containersNamed(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`);
}

/** seccompProfile_restricted from v1.25. */
export const seccompRestricted1_25 = exceptWindows(seccompRestricted1_19);
