/**
 * The Pod Security checks by level and version, as pod-security-admission's policy/registry.go
 * arranges them: each check has versions (the first policy version each applies to); a restricted
 * check may override the baseline check it tightens; baseline checks run first, then restricted
 * ones, each group in the order of the check IDs, so messages always list reasons the same way.
 */
import * as baseline from './baseline-checks.js';
import type { CheckPod } from './check.js';
import type { LevelVersion } from './policy.js';
import * as restricted from './restricted-checks.js';

interface VersionedCheck {
  /** The first v1.N this version of the check applies to. */
  since: number;
  check: CheckPod;
  overrides?: string[];
}

interface Check {
  id: string;
  level: 'baseline' | 'restricted';
  versions: VersionedCheck[];
}

const checks: Check[] = [
  { id: 'allowPrivilegeEscalation', level: 'restricted', versions: [{ since: 8, check: restricted.allowPrivilegeEscalation1_8 }, { since: 25, check: restricted.allowPrivilegeEscalation1_25 }] },
  { id: 'appArmorProfile', level: 'baseline', versions: [{ since: 0, check: baseline.appArmorProfile }] },
  { id: 'capabilities_baseline', level: 'baseline', versions: [{ since: 0, check: baseline.capabilitiesBaseline }] },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    versions: [
      { since: 22, check: restricted.capabilitiesRestricted1_22, overrides: ['capabilities_baseline'] },
      { since: 25, check: restricted.capabilitiesRestricted1_25, overrides: ['capabilities_baseline'] },
    ],
  },
  { id: 'hostNamespaces', level: 'baseline', versions: [{ since: 0, check: baseline.hostNamespaces }] },
  { id: 'hostPathVolumes', level: 'baseline', versions: [{ since: 0, check: baseline.hostPathVolumes }] },
  { id: 'hostPorts', level: 'baseline', versions: [{ since: 0, check: baseline.hostPorts }] },
  { id: 'privileged', level: 'baseline', versions: [{ since: 0, check: baseline.privileged }] },
  { id: 'procMount', level: 'baseline', versions: [{ since: 0, check: baseline.procMount }] },
  { id: 'restrictedVolumes', level: 'restricted', versions: [{ since: 0, check: restricted.restrictedVolumes, overrides: ['hostPathVolumes'] }] },
  { id: 'runAsNonRoot', level: 'restricted', versions: [{ since: 0, check: restricted.runAsNonRoot }] },
  { id: 'runAsUser', level: 'restricted', versions: [{ since: 23, check: restricted.runAsUser }] },
  { id: 'seLinuxOptions', level: 'baseline', versions: [{ since: 0, check: baseline.seLinuxOptions1_0 }, { since: 31, check: baseline.seLinuxOptions1_31 }] },
  { id: 'seccompProfile_baseline', level: 'baseline', versions: [{ since: 0, check: baseline.seccompBaseline1_0 }, { since: 19, check: baseline.seccompBaseline1_19 }] },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    versions: [
      { since: 19, check: restricted.seccompRestricted1_19, overrides: ['seccompProfile_baseline'] },
      { since: 25, check: restricted.seccompRestricted1_25, overrides: ['seccompProfile_baseline'] },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    versions: [{ since: 0, check: baseline.sysctls1_0 }, { since: 27, check: baseline.sysctls1_27 }, { since: 29, check: baseline.sysctls1_29 }, { since: 32, check: baseline.sysctls1_32 }],
  },
  { id: 'windowsHostProcess', level: 'baseline', versions: [{ since: 0, check: baseline.windowsHostProcess }] },
];

/** The newest policy version kube-apiserver 1.32 knows: `latest` and any later v1.N evaluate as it. */
const newestMinor = 32;

const byId = (a: Check, b: Check) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The version of a check that applies to a policy minor: the newest one not newer than it. */
function applying(check: Check, minor: number): VersionedCheck | undefined {
  return check.versions.filter((v) => v.since <= minor).at(-1);
}

/**
 * checkRegistry.EvaluatePod's choice of checks: none for privileged; the baseline checks for
 * baseline; for restricted, the baseline checks no restricted check overrides, then the
 * restricted checks.
 */
export function checksFor(lv: LevelVersion): CheckPod[] {
  if (lv.level === 'privileged') return [];
  const minor = lv.version.latest ? newestMinor : Math.min(lv.version.minor, newestMinor);
  const at = (level: Check['level']) =>
    checks.filter((c) => c.level === level).sort(byId).flatMap((c) => {
      const version = applying(c, minor);
      return version ? [{ id: c.id, version }] : [];
    });
  const baselineChecks = at('baseline');
  if (lv.level === 'baseline') return baselineChecks.map((c) => c.version.check);
  const restrictedChecks = at('restricted');
  const overridden = new Set(restrictedChecks.flatMap((c) => c.version.overrides ?? []));
  return [...baselineChecks.filter((c) => !overridden.has(c.id)), ...restrictedChecks].map((c) => c.version.check);
}
