/**
 * PodSpec validation (ValidatePodSpec), shared by pods and the pod templates of
 * Deployments, ReplicaSets and Jobs: volumes, containers, policies, scheduling fields.
 */
import type { HostAlias, PodSecurityContext, PodSpec, TopologySpreadConstraint, Volume } from 'kubernetes-types/core/v1';
import { isPlainObject } from '../../object.js';
import type { FieldError } from '../../status.js';
import { duplicate, forbiddenField, invalidRendered, invalidValue, notSupported, required } from '../../field-errors.js';
import { validateContainers, validateInitContainers } from './containers.js';
import { child, index } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { goStringSlice } from './go-syntax.js';
import { validateIP } from './ip.js';
import { validateLabels } from './object-meta.js';
import { validatePodAffinity } from './pod-affinity.js';
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from './name-formats.js';
import { validateTolerations } from './tolerations.js';

const MAX_INT32 = 2147483647;
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];
const UNSATISFIABLE_ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];
/** A volume as 1.32 has it: kubernetes-types (1.30) lacks the image source. */
type PodVolume = Volume & { image?: { reference?: string; pullPolicy?: string } };
type VolumeSourceField = Exclude<keyof PodVolume, 'name'>;
/** Volume source fields in Kubernetes' checking order, with the path it reports a second source under. */
const VOLUME_SOURCES: ReadonlyArray<[field: VolumeSourceField, reported: string]> = [
  ['emptyDir', 'emptyDir'],
  ['hostPath', 'hostPath'],
  ['gitRepo', 'gitRepo'],
  ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['secret', 'secret'],
  ['nfs', 'nfs'],
  ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['rbd', 'rbd'],
  ['cinder', 'cinder'],
  ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'],
  ['downwardAPI', 'downwarAPI'],
  ['fc', 'fc'],
  ['flexVolume', 'flexVolume'],
  ['configMap', 'configMap'],
  ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'],
  ['projected', 'projected'],
  ['scaleIO', 'scaleIO'],
  ['csi', 'csi'],
  ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];
/** The one required field a few common volume sources must name. */
const REQUIRED_SOURCE_FIELD: Partial<Record<VolumeSourceField, string>> = {
  hostPath: 'path',
  secret: 'secretName',
  configMap: 'name',
  persistentVolumeClaim: 'claimName',
  nfs: 'server',
};

/** Where the spec sits: a pod (stricter host-network ports) or a template. */
export interface PodSpecContext {
  isPod: boolean;
}

function validateVolumeSource(volume: Partial<PodVolume>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  let sources = 0;
  for (const [field, reported] of VOLUME_SOURCES) {
    const source: unknown = volume[field];
    if (!isPlainObject(source)) continue;
    if (sources > 0) {
      errors.push(forbiddenField(child(path, reported), 'may not specify more than 1 volume type'));
      continue;
    }
    sources++;
    const requiredField = REQUIRED_SOURCE_FIELD[field];
    if (requiredField && !source[requiredField]) errors.push(required(child(path, field, requiredField)));
  }
  if (sources === 0) errors.push(required(path, 'must specify a volume type'));
  return errors;
}

/** ValidateVolumes: returns the errors and the names of the valid volumes (for volumeMounts). */
function validateVolumes(volumes: PodVolume[] | undefined, path: string): { errors: FieldError[]; names: Set<string> } {
  const names = new Set<string>();
  const errors: FieldError[] = [];
  listOf(volumes).forEach((volume, i) => {
    const volumePath = index(path, i);
    const name = String(volume?.name ?? '');
    const volumeErrors = validateVolumeSource(volume ?? {}, volumePath);
    if (!name) volumeErrors.push(required(child(volumePath, 'name')));
    else volumeErrors.push(...isDNS1123Label(name).map((message) => invalidValue(child(volumePath, 'name'), name, message)));
    if (names.has(name)) volumeErrors.push(duplicate(child(volumePath, 'name'), name));
    if (volumeErrors.length === 0) names.add(name);
    errors.push(...volumeErrors);
  });
  return { errors, names };
}

function validateHostNetworkPorts(spec: Partial<PodSpec>, path: string, context: PodSpecContext): FieldError[] {
  if (spec.hostNetwork !== true || !Array.isArray(spec.containers)) return [];
  return spec.containers.flatMap((container, ci) =>
    listOf(container?.ports).flatMap((port, pi) => {
      const hostPort = Number(port?.hostPort ?? 0);
      const containerPort = Number(port?.containerPort ?? 0);
      if ((context.isPod || hostPort !== 0) && hostPort !== containerPort) {
        return [invalidValue(child(index(child(index(child(path, 'containers'), ci), 'ports'), pi), 'hostPort'), hostPort, 'must match `containerPort` when `hostNetwork` is true')];
      }
      return [];
    }),
  );
}

function validateEnumField(value: unknown, supported: string[], path: string): FieldError[] {
  if (!value) return [required(path)];
  return supported.includes(String(value)) ? [] : [notSupported(path, value, supported)];
}

function validatePodSecurityContext(context: PodSecurityContext | undefined, path: string): FieldError[] {
  if (!isStruct(context)) return [];
  const errors: FieldError[] = [];
  for (const field of ['fsGroup', 'runAsUser', 'runAsGroup'] as const) {
    const id = context[field];
    if (typeof id === 'number' && (id < 0 || id > MAX_INT32)) errors.push(invalidValue(child(path, field), id, inclusiveRangeError(0, MAX_INT32)));
  }
  listOf(context.supplementalGroups).forEach((gid, i) => {
    if (gid < 0 || gid > MAX_INT32) errors.push(invalidValue(index(child(path, 'supplementalGroups'), i), gid, inclusiveRangeError(0, MAX_INT32)));
  });
  return errors;
}

function validateDNSConfig(spec: Partial<PodSpec>, path: string): FieldError[] {
  const config = spec.dnsConfig;
  if (spec.dnsPolicy === 'None') {
    if (!isStruct(config)) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!Array.isArray(config.nameservers) || config.nameservers.length === 0) {
      return [required(child(path, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
    }
  }
  if (!isStruct(config)) return [];
  const nameservers = listOf(config.nameservers);
  const errors: FieldError[] = [];
  if (nameservers.length > 3) errors.push(invalidRendered(child(path, 'nameservers'), goStringSlice(nameservers), 'must not have more than 3 nameservers'));
  nameservers.forEach((server, i) => errors.push(...validateIP(String(server), index(child(path, 'nameservers'), i))));
  return errors;
}

function validateQualifiedNames<T>(items: T[] | undefined, nameOf: (item: T) => string | undefined, field: string, path: string, withDuplicates: boolean): FieldError[] {
  const seen = new Set<string>();
  return listOf(items).flatMap((item, i) => {
    const itemPath = field ? child(index(path, i), field) : index(path, i);
    const name = String(nameOf(item) ?? '');
    const errors = isQualifiedName(name).map((message) => invalidValue(itemPath, name, message));
    if (withDuplicates && seen.has(name)) errors.push(duplicate(index(path, i), name));
    seen.add(name);
    return errors;
  });
}

function validateTopologySpread(constraints: TopologySpreadConstraint[] | undefined, path: string): FieldError[] {
  return listOf(constraints).flatMap((constraint, i) => {
    const itemPath = index(path, i);
    const errors: FieldError[] = [];
    const maxSkew = Number(constraint?.maxSkew ?? 0);
    if (maxSkew <= 0) errors.push(invalidValue(child(itemPath, 'maxSkew'), maxSkew, 'must be greater than zero'));
    if (!constraint?.topologyKey) errors.push(required(child(itemPath, 'topologyKey'), 'can not be empty'));
    if (!UNSATISFIABLE_ACTIONS.includes(constraint?.whenUnsatisfiable ?? '')) {
      errors.push(notSupported(child(itemPath, 'whenUnsatisfiable'), constraint?.whenUnsatisfiable ?? '', UNSATISFIABLE_ACTIONS));
    }
    return errors;
  });
}

function validateHostAliases(aliases: HostAlias[] | undefined, path: string): FieldError[] {
  return listOf(aliases).flatMap((alias, i) => [
    ...validateIP(String(alias?.ip ?? ''), child(index(path, i), 'ip')),
    ...listOf(alias?.hostnames).flatMap((host, j) =>
      isDNS1123Subdomain(String(host)).map((message) => invalidValue(index(child(index(path, i), 'hostnames'), j), host, message)),
    ),
  ]);
}

function validateNamedReferences(spec: Partial<PodSpec>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const subdomainFields = ['serviceAccountName', 'nodeName'] as const;
  for (const field of subdomainFields) {
    if (spec[field]) errors.push(...isDNS1123Subdomain(String(spec[field])).map((message) => invalidValue(child(path, field), spec[field], message)));
  }
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && deadline !== null && (deadline < 1 || deadline > MAX_INT32)) {
    errors.push(invalidValue(child(path, 'activeDeadlineSeconds'), deadline, inclusiveRangeError(1, MAX_INT32)));
  }
  for (const field of ['hostname', 'subdomain'] as const) {
    if (spec[field]) errors.push(...isDNS1123Label(String(spec[field])).map((message) => invalidValue(child(path, field), spec[field], message)));
  }
  return errors;
}

function validateSchedulingFields(spec: Partial<PodSpec>, path: string): FieldError[] {
  const errors = validateTolerations(spec.tolerations, child(path, 'tolerations'));
  errors.push(...validateHostAliases(spec.hostAliases, child(path, 'hostAliases')));
  if (spec.priorityClassName) {
    errors.push(...isDNS1123Subdomain(String(spec.priorityClassName)).map((message) => invalidValue(child(path, 'priorityClassName'), spec.priorityClassName, message)));
  }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    errors.push(...validateEnumField(spec.preemptionPolicy, PREEMPTION_POLICIES, child(path, 'preemptionPolicy')));
  }
  if (isStruct(spec.os)) {
    if (!spec.os.name) errors.push(required(child(path, 'os', 'name'), 'cannot be empty'));
    else if (spec.os.name !== 'linux' && spec.os.name !== 'windows') errors.push(notSupported(child(path, 'os'), spec.os.name, ['linux', 'windows']));
  }
  return errors;
}

/** Checks a PodSpec at `path` (`spec` for pods, `spec.template.spec` for workloads). */
export function validatePodSpec(spec: PodSpec | undefined, path: string, context: PodSpecContext): FieldError[] {
  const s: Partial<PodSpec> = isStruct(spec) ? spec : {};
  const errors: FieldError[] = [];
  const gracePeriod = s.terminationGracePeriodSeconds;
  if (gracePeriod === undefined || gracePeriod === null) errors.push(required(child(path, 'terminationGracePeriodSeconds')));
  const volumes = validateVolumes(s.volumes, child(path, 'volumes'));
  errors.push(...volumes.errors);
  const containerContext = { volumes: volumes.names, gracePeriod: typeof gracePeriod === 'number' ? gracePeriod : undefined };
  errors.push(...validateContainers(s.containers, containerContext, child(path, 'containers')));
  errors.push(...validateInitContainers(s.initContainers, s.containers, containerContext, child(path, 'initContainers')));
  errors.push(...validateHostNetworkPorts(s, path, context));
  errors.push(...validateEnumField(s.restartPolicy, RESTART_POLICIES, child(path, 'restartPolicy')));
  errors.push(...validateEnumField(s.dnsPolicy, DNS_POLICIES, child(path, 'dnsPolicy')));
  errors.push(...validateLabels(s.nodeSelector, child(path, 'nodeSelector')));
  errors.push(...validatePodSecurityContext(s.securityContext, child(path, 'securityContext')));
  errors.push(...validateDNSConfig(s, child(path, 'dnsConfig')));
  errors.push(...validateQualifiedNames(s.readinessGates, (gate) => gate?.conditionType, 'conditionType', child(path, 'readinessGates'), false));
  errors.push(...validateQualifiedNames(s.schedulingGates, (gate) => gate?.name, '', child(path, 'schedulingGates'), true));
  errors.push(...validateTopologySpread(s.topologySpreadConstraints, child(path, 'topologySpreadConstraints')));
  errors.push(...validatePodAffinity(s.affinity, child(path, 'affinity')));
  errors.push(...validateNamedReferences(s, path));
  errors.push(...validateSchedulingFields(s, path));
  return errors;
}
