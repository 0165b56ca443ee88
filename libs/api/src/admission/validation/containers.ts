/**
 * Container list validation (validateContainers, validateInitContainers,
 * validateContainerCommon): names, images, ports, env, mounts, resources, probes,
 * restart policies and host-port conflicts, with Kubernetes' paths and messages.
 */
import type { Container, ContainerPort, SecurityContext, VolumeMount } from 'kubernetes-types/core/v1';
import type { FieldError } from '../../status.js';
import { duplicate, forbiddenField, invalidValue, notFoundValue, notSupported, required } from '../../field-errors.js';
import { validateEnv, validateEnvFrom } from './env.js';
import { child, index } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { inclusiveRangeError, isDNS1123Label, isValidPortName, isValidPortNum } from './name-formats.js';
import { validateLifecycle, validateProbeOf } from './probes.js';
import { validateResourceRequirements } from './resources.js';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const MAX_ID = 2147483647;

/** What container checks need to know about the pod around them. */
export interface ContainerContext {
  /** Names of the pod's valid volumes, for volumeMounts. */
  volumes: ReadonlySet<string>;
  gracePeriod: number | undefined;
}

function validatePorts(ports: ContainerPort[] | undefined, path: string): FieldError[] {
  if (!Array.isArray(ports)) return [];
  const names = new Set<string>();
  return ports.flatMap((port, i) => {
    const portPath = index(path, i);
    const errors: FieldError[] = [];
    const name = String(port?.name ?? '');
    if (name) {
      const nameErrors = isValidPortName(name);
      if (nameErrors.length > 0) errors.push(...nameErrors.map((message) => invalidValue(child(portPath, 'name'), name, message)));
      else if (names.has(name)) errors.push(duplicate(child(portPath, 'name'), name));
      else names.add(name);
    }
    const containerPort = Number(port?.containerPort ?? 0);
    if (containerPort === 0) errors.push(required(child(portPath, 'containerPort')));
    else errors.push(...isValidPortNum(containerPort).map((message) => invalidValue(child(portPath, 'containerPort'), containerPort, message)));
    const hostPort = Number(port?.hostPort ?? 0);
    if (hostPort !== 0) errors.push(...isValidPortNum(hostPort).map((message) => invalidValue(child(portPath, 'hostPort'), hostPort, message)));
    if (!port?.protocol) errors.push(required(child(portPath, 'protocol')));
    else if (!PROTOCOLS.includes(port.protocol)) errors.push(notSupported(child(portPath, 'protocol'), port.protocol, PROTOCOLS));
    return errors;
  });
}

function validateLocalDescendingPath(value: string, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (value.startsWith('/')) errors.push(invalidValue(path, value, 'must be a relative path'));
  if (value.split(/[\\/]/).includes('..')) errors.push(invalidValue(path, value, "must not contain '..'"));
  return errors;
}

function validateVolumeMounts(mounts: VolumeMount[] | undefined, volumes: ReadonlySet<string>, path: string): FieldError[] {
  if (!Array.isArray(mounts)) return [];
  const mountPaths = new Set<string>();
  return mounts.flatMap((mount, i) => {
    const mountPath = index(path, i);
    const errors: FieldError[] = [];
    const name = String(mount?.name ?? '');
    if (!name) errors.push(required(child(mountPath, 'name')));
    if (!volumes.has(name)) errors.push(notFoundValue(child(mountPath, 'name'), name));
    const target = String(mount?.mountPath ?? '');
    if (!target) errors.push(required(child(mountPath, 'mountPath')));
    if (mountPaths.has(target)) errors.push(invalidValue(child(mountPath, 'mountPath'), target, 'must be unique'));
    mountPaths.add(target);
    if (mount?.subPath) errors.push(...validateLocalDescendingPath(String(mount.subPath), child(path, 'subPath')));
    return errors;
  });
}

function validatePullPolicy(policy: unknown, path: string): FieldError[] {
  if (!policy) return [required(path)];
  return PULL_POLICIES.includes(String(policy)) ? [] : [notSupported(path, policy, PULL_POLICIES)];
}

function validateTerminationMessagePolicy(policy: unknown, path: string): FieldError[] {
  if (!policy) return [required(path)];
  return TERMINATION_MESSAGE_POLICIES.includes(String(policy)) ? [] : [notSupported(path, policy, TERMINATION_MESSAGE_POLICIES)];
}

function validateSecurityContext(context: SecurityContext | undefined, path: string): FieldError[] {
  if (!isStruct(context)) return [];
  const errors: FieldError[] = [];
  for (const field of ['runAsUser', 'runAsGroup'] as const) {
    const id = context[field];
    if (typeof id === 'number' && (id < 0 || id > MAX_ID)) errors.push(invalidValue(child(path, field), id, inclusiveRangeError(0, MAX_ID)));
  }
  if (context.procMount !== undefined && context.procMount !== 'Default' && context.procMount !== 'Unmasked') {
    errors.push(notSupported(child(path, 'procMount'), context.procMount, ['Default', 'Unmasked']));
  }
  return errors;
}

function validateContainerCommon(container: Partial<Container>, context: ContainerContext, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = String(container.name ?? '');
  if (!name) errors.push(required(child(path, 'name')));
  else errors.push(...isDNS1123Label(name).map((message) => invalidValue(child(path, 'name'), name, message)));
  if (!container.image) errors.push(required(child(path, 'image')));
  errors.push(...validateTerminationMessagePolicy(container.terminationMessagePolicy, child(path, 'terminationMessagePolicy')));
  errors.push(...validatePorts(container.ports, child(path, 'ports')));
  errors.push(...validateEnv(container.env, child(path, 'env')));
  errors.push(...validateEnvFrom(container.envFrom, child(path, 'envFrom')));
  errors.push(...validateVolumeMounts(container.volumeMounts, context.volumes, child(path, 'volumeMounts')));
  errors.push(...validatePullPolicy(container.imagePullPolicy, child(path, 'imagePullPolicy')));
  errors.push(...validateResourceRequirements(container.resources, child(path, 'resources')));
  errors.push(...validateSecurityContext(container.securityContext, child(path, 'securityContext')));
  return errors;
}

function validateProbesAndHooks(container: Partial<Container>, context: ContainerContext, path: string): FieldError[] {
  return [
    ...validateLifecycle(container.lifecycle, context.gracePeriod, child(path, 'lifecycle')),
    ...validateProbeOf('livenessProbe', container.livenessProbe, context.gracePeriod, child(path, 'livenessProbe')),
    ...validateProbeOf('readinessProbe', container.readinessProbe, context.gracePeriod, child(path, 'readinessProbe')),
    ...validateProbeOf('startupProbe', container.startupProbe, context.gracePeriod, child(path, 'startupProbe')),
  ];
}

/** AccumulateUniqueHostPorts: the same protocol/hostIP/hostPort may be used once. */
function hostPortConflicts(containers: Partial<Container>[], path: string): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  containers.forEach((container, ci) => {
    listOf(container?.ports).forEach((port, pi) => {
      if (!port?.hostPort) return;
      const signature = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      if (seen.has(signature)) errors.push(duplicate(child(index(child(index(path, ci), 'ports'), pi), 'hostPort'), signature));
      else seen.add(signature);
    });
  });
  return errors;
}

/** validateContainers: at least one, unique names, and no restartPolicy on regular containers. */
export function validateContainers(containers: Container[] | undefined, context: ContainerContext, path: string): FieldError[] {
  if (!Array.isArray(containers) || containers.length === 0) return [required(path)];
  const names = new Set<string | undefined>();
  const errors = containers.flatMap((container, i) => {
    const containerPath = index(path, i);
    const c: Partial<Container> = container ?? {};
    const containerErrors = validateContainerCommon(c, context, containerPath);
    if (names.has(c.name)) containerErrors.push(duplicate(child(containerPath, 'name'), c.name));
    else names.add(c.name);
    containerErrors.push(...validateProbesAndHooks(c, context, containerPath));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      containerErrors.push(forbiddenField(child(containerPath, 'restartPolicy'), 'may not be set for non-init containers'));
    }
    return containerErrors;
  });
  return [...errors, ...hostPortConflicts(containers, path)];
}

const INIT_ONLY_FIELDS = ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/** validateInitContainers: names unique across all containers; probes and hooks only for sidecars (restartPolicy Always). */
export function validateInitContainers(initContainers: Container[] | undefined, containers: Container[] | undefined, context: ContainerContext, path: string): FieldError[] {
  if (!Array.isArray(initContainers)) return [];
  const names = new Set<string | undefined>(listOf(containers).map((c) => c?.name));
  return initContainers.flatMap((container, i) => {
    const containerPath = index(path, i);
    const c: Partial<Container> = container ?? {};
    const errors = validateContainerCommon(c, context, containerPath);
    const hasPolicy = c.restartPolicy !== undefined && c.restartPolicy !== null;
    if (hasPolicy && c.restartPolicy !== 'Always') errors.push(notSupported(child(containerPath, 'restartPolicy'), c.restartPolicy, ['Always']));
    if (names.has(c.name)) errors.push(duplicate(child(containerPath, 'name'), c.name));
    else if (c.name) names.add(c.name);
    errors.push(...hostPortConflicts([c], path));
    if (c.restartPolicy === 'Always') {
      errors.push(...validateProbesAndHooks(c, context, containerPath));
    } else {
      for (const field of INIT_ONLY_FIELDS) {
        if (c[field] !== undefined && c[field] !== null) {
          errors.push(forbiddenField(child(containerPath, field), 'may not be set for init containers without restartPolicy=Always'));
        }
      }
    }
    return errors;
  });
}
