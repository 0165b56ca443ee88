/**
 * The baseline level's checks (pod-security-admission policy/check_*.go, as of 1.32), each with
 * upstream's exact reason and detail. Baseline forbids the known privilege escalations; the
 * defaults of a minimally specified pod pass.
 */
import type { Container, EphemeralContainer, PodSpec, SELinuxOptions, Sysctl, Volume } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from '../../object.js';
import { forbid, type Violation } from './check.js';
import { containersOf } from './containers.js';
import { containersNamed, joinQuote, pluralize, quoted, sortedSet } from './wording.js';

const securityContextOf = (c: Container | EphemeralContainer) => c.securityContext ?? undefined;

/** `pod`, `containers "a", "b"`, joined with ` and `: who set a forbidden value. */
function setters(podSets: boolean, containers: readonly string[]): string {
  const who = podSets ? ['pod'] : [];
  if (containers.length > 0) who.push(containersNamed(containers));
  return who.join(' and ');
}

const appArmorAnnotationPrefix = 'container.apparmor.security.beta.kubernetes.io/';
const allowedAppArmorTypes = new Set(['RuntimeDefault', 'Localhost']);
const allowedAppArmorAnnotation = (value: string) => value === '' || value === 'runtime/default' || value.startsWith('localhost/');

/** appArmorProfile: no Unconfined (or other) AppArmor profile, by field or by the beta annotations. */
export function appArmorProfile(metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined {
  const badValues: string[] = [];
  const podProfile = spec?.securityContext?.appArmorProfile;
  const podBad = podProfile != null && !allowedAppArmorTypes.has(podProfile.type ?? '');
  if (podBad) badValues.push(podProfile.type ?? '');
  const badContainers = containersOf(spec).filter((c) => {
    const profile = securityContextOf(c)?.appArmorProfile;
    if (profile == null || allowedAppArmorTypes.has(profile.type ?? '')) return false;
    badValues.push(profile.type ?? '');
    return true;
  });
  const who = podBad ? ['pod'] : [];
  if (badContainers.length > 0) who.push(containersNamed(badContainers.map((c) => c.name)));
  const annotations = Object.entries(metadata.annotations ?? {})
    .filter(([key, value]) => key.startsWith(appArmorAnnotationPrefix) && !allowedAppArmorAnnotation(value))
    .map(([key, value]) => `${key}=${quoted(value)}`);
  const values = [...sortedSet(badValues), ...sortedSet(annotations)];
  if (annotations.length > 0) who.push(pluralize('annotation', 'annotations', annotations.length));
  if (who.length === 0) return undefined;
  return forbid(
    pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    `${who.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`,
  );
}

const defaultCapabilities = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

/** capabilities_baseline: containers add only capabilities of the container runtime's default set. */
export function capabilitiesBaseline(_metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined {
  const added: string[] = [];
  const bad = containersOf(spec).filter((c) => {
    const extra = (securityContextOf(c)?.capabilities?.add ?? []).filter((cap) => !defaultCapabilities.has(cap));
    added.push(...extra);
    return extra.length > 0;
  });
  if (bad.length === 0) return undefined;
  return forbid('non-default capabilities', `${containersNamed(bad.map((c) => c.name))} must not include ${joinQuote(sortedSet(added))} in securityContext.capabilities.add`);
}

/** hostNamespaces: no host network, PID or IPC namespace. */
export function hostNamespaces(_metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined {
  const shared = [
    spec?.hostNetwork === true ? 'hostNetwork=true' : '',
    spec?.hostPID === true ? 'hostPID=true' : '',
    spec?.hostIPC === true ? 'hostIPC=true' : '',
  ].filter(Boolean);
  return shared.length > 0 ? forbid('host namespaces', shared.join(', ')) : undefined;
}

/** hostPathVolumes: no hostPath volume. */
export function hostPathVolumes(_metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined {
  const names = (spec?.volumes ?? []).filter((v: Volume | null) => v?.hostPath != null).map((v) => v.name);
  return names.length > 0 ? forbid('hostPath volumes', `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`) : undefined;
}

/** hostPorts: no container port bound on the node. */
export function hostPorts(_metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined {
  const ports: string[] = [];
  const bad = containersOf(spec).filter((c) => {
    const used = (c.ports ?? []).filter((p) => p?.hostPort != null && p.hostPort !== 0).map((p) => String(p.hostPort));
    ports.push(...used);
    return used.length > 0;
  });
  if (bad.length === 0) return undefined;
  const distinct = sortedSet(ports);
  return forbid('hostPort', `${containersNamed(bad.map((c) => c.name))} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', distinct.length)} ${distinct.join(', ')}`);
}

/** privileged: no privileged container. */
export function privileged(_metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined {
  const bad = containersOf(spec).filter((c) => securityContextOf(c)?.privileged === true);
  return bad.length > 0 ? forbid('privileged', `${containersNamed(bad.map((c) => c.name))} must not set securityContext.privileged=true`) : undefined;
}

/** procMount: the default /proc masks stay. */
export function procMount(_metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined {
  const types: string[] = [];
  const bad = containersOf(spec).filter((c) => {
    const mount = securityContextOf(c)?.procMount;
    if (mount == null || mount === 'Default') return false;
    types.push(mount);
    return true;
  });
  if (bad.length === 0) return undefined;
  return forbid('procMount', `${containersNamed(bad.map((c) => c.name))} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`);
}

/** seLinuxOptions with the types allowed up to a version: a container type only, no user or role. */
function seLinuxOptions(allowedTypes: ReadonlySet<string>) {
  return (_metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined => {
    const badTypes: string[] = [];
    let setUser = false;
    let setRole = false;
    const valid = (options: SELinuxOptions): boolean => {
      let ok = true;
      if (!allowedTypes.has(options.type ?? '')) {
        ok = false;
        badTypes.push(options.type ?? '');
      }
      if (options.user) [ok, setUser] = [false, true];
      if (options.role) [ok, setRole] = [false, true];
      return ok;
    };
    const podOptions = spec?.securityContext?.seLinuxOptions;
    const podBad = podOptions != null && !valid(podOptions);
    const bad = containersOf(spec).filter((c) => {
      const options = securityContextOf(c)?.seLinuxOptions;
      return options != null && !valid(options);
    });
    if (!podBad && bad.length === 0) return undefined;
    const types = sortedSet(badTypes);
    const data = [
      ...(types.length > 0 ? [`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`] : []),
      ...(setUser ? ['user may not be set'] : []),
      ...(setRole ? ['role may not be set'] : []),
    ];
    return forbid('seLinuxOptions', `${setters(podBad, bad.map((c) => c.name))} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`);
  };
}

const seLinuxTypes = ['', 'container_t', 'container_init_t', 'container_kvm_t'];

/** seLinuxOptions up to v1.30. */
export const seLinuxOptions1_0 = seLinuxOptions(new Set(seLinuxTypes));

/** seLinuxOptions from v1.31: container_engine_t is allowed too. */
export const seLinuxOptions1_31 = seLinuxOptions(new Set([...seLinuxTypes, 'container_engine_t']));

const seccompPodAnnotation = 'seccomp.security.alpha.kubernetes.io/pod';
const seccompContainerAnnotationPrefix = 'container.seccomp.security.alpha.kubernetes.io/';
const allowedSeccompAnnotation = (v: string) => v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');

/** seccompProfile_baseline up to v1.18: the alpha seccomp annotations name no other profile. */
export function seccompBaseline1_0(metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined {
  const annotations = metadata.annotations ?? {};
  const keys = [seccompPodAnnotation, ...containersOf(spec).map((c) => `${seccompContainerAnnotationPrefix}${c.name}`)];
  const bad = sortedSet(keys.filter((k) => annotations[k] !== undefined && !allowedSeccompAnnotation(annotations[k])).map((k) => `${k}=${quoted(annotations[k])}`));
  return bad.length > 0 ? forbid('seccompProfile', `forbidden ${pluralize('annotation', 'annotations', bad.length)} ${bad.join(', ')}`) : undefined;
}

/** A seccomp profile type baseline and restricted accept. */
export const allowedSeccompType = (type: unknown) => type === 'RuntimeDefault' || type === 'Localhost';

/** The pod and containers that set a seccomp profile type other than RuntimeDefault or Localhost. */
export function explicitSeccompViolation(spec: PodSpec | undefined): Violation | undefined {
  const badValues: string[] = [];
  const podProfile = spec?.securityContext?.seccompProfile;
  const podBad = podProfile != null && !allowedSeccompType(podProfile.type);
  if (podBad) badValues.push(podProfile.type ?? '');
  const bad = containersOf(spec).filter((c) => {
    const profile = securityContextOf(c)?.seccompProfile;
    if (profile == null || allowedSeccompType(profile.type)) return false;
    badValues.push(profile.type ?? '');
    return true;
  });
  if (!podBad && bad.length === 0) return undefined;
  return forbid('seccompProfile', `${setters(podBad, bad.map((c) => c.name))} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`);
}

/** seccompProfile_baseline from v1.19: a seccompProfile, where set, is RuntimeDefault or Localhost. */
export function seccompBaseline1_19(_metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined {
  return explicitSeccompViolation(spec);
}

/** sysctls allowed from a version: only the namespaced, isolated ("safe") sysctls. */
function sysctls(allowed: ReadonlySet<string | undefined>) {
  return (_metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined => {
    const bad = (spec?.securityContext?.sysctls ?? []).map((s: Sysctl | null) => s?.name).filter((name) => !allowed.has(name));
    return bad.length > 0 ? forbid('forbidden sysctls', bad.join(', ')) : undefined;
  };
}

const sysctls1_0Names = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'];
const sysctls1_27Names = [...sysctls1_0Names, 'net.ipv4.ip_local_reserved_ports'];
const sysctls1_29Names = [...sysctls1_27Names, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];

/** sysctls up to v1.26. */
export const sysctls1_0 = sysctls(new Set(sysctls1_0Names));
/** sysctls from v1.27: net.ipv4.ip_local_reserved_ports too. */
export const sysctls1_27 = sysctls(new Set(sysctls1_27Names));
/** sysctls from v1.29: the TCP keepalive and fin timeout sysctls too. */
export const sysctls1_29 = sysctls(new Set(sysctls1_29Names));
/** sysctls from v1.32: net.ipv4.tcp_rmem and net.ipv4.tcp_wmem too. */
export const sysctls1_32 = sysctls(new Set([...sysctls1_29Names, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']));

/** windowsHostProcess: no Windows HostProcess pod or container. */
export function windowsHostProcess(_metadata: ObjectMeta, spec: PodSpec | undefined): Violation | undefined {
  const bad = containersOf(spec).filter((c) => securityContextOf(c)?.windowsOptions?.hostProcess === true);
  const podBad = spec?.securityContext?.windowsOptions?.hostProcess === true;
  if (!podBad && bad.length === 0) return undefined;
  return forbid('hostProcess', `${setters(podBad, bad.map((c) => c.name))} must not set securityContext.windowsOptions.hostProcess=true`);
}
