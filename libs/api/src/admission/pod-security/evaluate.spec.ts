import type { PodSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { evaluatePod, forbiddenDetail, forbiddenReason } from './evaluate.js';
import type { LevelVersion } from './policy.js';

const latest = (level: LevelVersion['level']): LevelVersion => ({ level, version: { latest: true } });
const at = (level: LevelVersion['level'], minor: number): LevelVersion => ({ level, version: { latest: false, minor } });
const container = (name: string, securityContext?: object, more: object = {}) => ({ name, image: 'nginx', ...(securityContext ? { securityContext } : {}), ...more });
const hardened = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
const detail = (lv: LevelVersion, spec: PodSpec, annotations?: Record<string, string>) => forbiddenDetail(evaluatePod(lv, { name: 'p', annotations }, spec));

describe('evaluatePod', () => {
  it('words a default pod at restricted as kube-apiserver does', () => {
    expect(detail(latest('restricted'), { containers: [container('c')] })).toBe(
      'allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), '
      + 'unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), '
      + 'runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), '
      + 'seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
  });

  it('passes a default pod at baseline and everything at privileged', () => {
    expect(evaluatePod(latest('baseline'), { name: 'p' }, { containers: [container('c')] })).toEqual([]);
    expect(evaluatePod(latest('privileged'), { name: 'p' }, { hostNetwork: true, containers: [container('c', { privileged: true })] })).toEqual([]);
  });

  it('lists baseline reasons before restricted ones, each group by check ID', () => {
    const spec = {
      hostNetwork: true, hostPID: true,
      volumes: [{ name: 'root', hostPath: { path: '/' } }],
      containers: [container('c', { privileged: true, capabilities: { add: ['SYS_ADMIN'] } }, { ports: [{ containerPort: 80, hostPort: 80 }] })],
    };
    expect(forbiddenReason(evaluatePod(latest('baseline'), { name: 'p' }, spec))).toBe('non-default capabilities, host namespaces, hostPath volumes, hostPort, privileged');
    expect(detail(latest('restricted'), spec)).toBe(
      'host namespaces (hostNetwork=true, hostPID=true), hostPort (container "c" uses hostPort 80), privileged (container "c" must not set securityContext.privileged=true), '
      + 'allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), '
      + 'unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]; container "c" must not include "SYS_ADMIN" in securityContext.capabilities.add), '
      + 'restricted volume types (volume "root" uses restricted volume type "hostPath"), '
      + 'runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), '
      + 'seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
  });

  it.each([
    ['capabilities', { containers: [container('a', { capabilities: { add: ['NET_RAW', 'CHOWN'] } }), container('b', { capabilities: { add: ['SYS_TIME', 'NET_RAW'] } })] }, 'non-default capabilities (containers "a", "b" must not include "NET_RAW", "SYS_TIME" in securityContext.capabilities.add)'],
    ['host ports', { initContainers: [container('i', undefined, { ports: [{ containerPort: 1, hostPort: 9090 }] })], containers: [container('c', undefined, { ports: [{ containerPort: 1, hostPort: 10000 }, { containerPort: 2 }] })] }, 'hostPort (containers "i", "c" use hostPorts 10000, 9090)'],
    ['hostPath volumes', { volumes: [{ name: 'a', hostPath: { path: '/a' } }, { name: 'b', hostPath: { path: '/b' } }, { name: 'e', emptyDir: {} }], containers: [container('c')] }, 'hostPath volumes (volumes "a", "b")'],
    ['procMount', { containers: [container('c', { procMount: 'Unmasked' }), container('d', { procMount: 'Default' })] }, 'procMount (container "c" must not set securityContext.procMount to "Unmasked")'],
    ['seLinuxOptions', { securityContext: { seLinuxOptions: { type: 'foo', user: 'u' } }, containers: [container('c', { seLinuxOptions: { role: 'r' } }), container('d', { seLinuxOptions: { type: 'container_engine_t' } })] }, 'seLinuxOptions (pod and container "c" set forbidden securityContext.seLinuxOptions: type "foo"; user may not be set; role may not be set)'],
    ['seccomp', { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [container('c', { seccompProfile: { type: 'Unconfined' } })] }, 'seccompProfile (pod and container "c" must not set securityContext.seccompProfile.type to "Unconfined")'],
    ['sysctls', { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '1' }, { name: 'kernel.msgmax', value: '1' }, { name: 'a.b', value: '1' }] }, containers: [container('c')] }, 'forbidden sysctls (kernel.msgmax, a.b)'],
    ['hostProcess', { securityContext: { windowsOptions: { hostProcess: true } }, containers: [container('c', { windowsOptions: { hostProcess: true } })] }, 'hostProcess (pod and container "c" must not set securityContext.windowsOptions.hostProcess=true)'],
    ['AppArmor fields', { securityContext: { appArmorProfile: { type: 'Unconfined' } }, containers: [container('c', { appArmorProfile: { type: 'Localhost', localhostProfile: 'x' } })] }, 'forbidden AppArmor profile (pod must not set AppArmor profile type to "Unconfined")'],
  ])('baseline refuses %s', (_name, spec, expected) => {
    expect(detail(latest('baseline'), spec)).toBe(expected);
  });

  it('refuses AppArmor annotations other than runtime/default and localhost/*', () => {
    const annotations = { 'container.apparmor.security.beta.kubernetes.io/c': 'unconfined', 'container.apparmor.security.beta.kubernetes.io/d': 'localhost/x' };
    expect(detail(latest('baseline'), { containers: [container('c'), container('d')] }, annotations)).toBe(
      'forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/c="unconfined"")',
    );
  });

  it.each([
    ['runAsNonRoot=false', { securityContext: { runAsNonRoot: true }, containers: [container('c', { ...hardened, runAsNonRoot: false })] }, 'runAsNonRoot != true (container "c" must not set securityContext.runAsNonRoot=false)'],
    ['runAsUser=0', { securityContext: { runAsUser: 0 }, containers: [container('c', { ...hardened, runAsUser: 0 })] }, 'runAsUser=0 (pod and container "c" must not set runAsUser=0)'],
    ['added capabilities', { containers: [container('c', { ...hardened, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE', 'CHOWN'] } })] }, 'unrestricted capabilities (container "c" must not include "CHOWN" in securityContext.capabilities.add)'],
    ['volume types', { volumes: [{ name: 'n', nfs: { server: 's', path: '/' } }, { name: 'g', gitRepo: { repository: 'r' } }, { name: 'c', configMap: { name: 'x' } }], containers: [container('c', hardened)] }, 'restricted volume types (volumes "n", "g" use restricted volume types "gitRepo", "nfs")'],
  ])('restricted refuses %s', (_name, spec, expected) => {
    expect(detail(latest('restricted'), spec)).toBe(expected);
  });

  it('admits a hardened pod at restricted, the pod-level settings covering its containers', () => {
    const spec = { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [container('c', { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } })] };
    expect(evaluatePod(latest('restricted'), { name: 'p' }, spec)).toEqual([]);
  });

  it('applies the checks of the version asked for', () => {
    const sysctl = { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_wmem', value: '1' }] }, containers: [container('c')] };
    expect(detail(at('baseline', 31), sysctl)).toBe('forbidden sysctls (net.ipv4.tcp_wmem)');
    expect(detail(at('baseline', 40), sysctl)).toBe('');
    const root = { containers: [container('c', { ...hardened, runAsUser: 0 })] };
    expect(detail(at('restricted', 22), root)).toBe('');
    expect(detail(at('restricted', 23), root)).toBe('runAsUser=0 (container "c" must not set runAsUser=0)');
    const windows = { os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [container('c')] };
    expect(detail(latest('restricted'), windows)).toBe('');
    expect(forbiddenReason(evaluatePod(at('restricted', 24), { name: 'p' }, windows))).toBe('allowPrivilegeEscalation != false, unrestricted capabilities, seccompProfile');
  });
});
