/**
 * A namespace's Pod Security policy, read from its labels as pod-security-admission's
 * api.PolicyToEvaluate reads them: a level (privileged, baseline, restricted) and a
 * version (latest or v1.N) for each of enforce, audit and warn.
 */
import { invalidValue } from '../../field-errors.js';
import type { FieldError } from '../../status.js';

/** How strict a policy is: privileged allows everything, restricted the least. */
export type Level = 'privileged' | 'baseline' | 'restricted';

/** `latest`, or the Kubernetes minor whose policy applies (v1.N). */
export type Version = { latest: true } | { latest: false; minor: number };

/** A level as a given Kubernetes version defined it: what one mode of a namespace applies. */
export interface LevelVersion {
  level: Level;
  version: Version;
}

/** What a namespace enforces (refuses), audits and warns about. */
export interface Policy {
  enforce: LevelVersion;
  audit: LevelVersion;
  warn: LevelVersion;
}

const levels: readonly Level[] = ['privileged', 'baseline', 'restricted'];
const latest: Version = { latest: true };
const privilegedLatest: LevelVersion = { level: 'privileged', version: latest };

/** kube-apiserver's default PodSecurity configuration: every mode privileged:latest. */
const defaultPolicy: Policy = { enforce: privilegedLatest, audit: privilegedLatest, warn: privilegedLatest };

const labelPrefix = 'pod-security.kubernetes.io/';

/** `restricted:latest`, `baseline:v1.30`: how messages name a level and version. */
export function levelVersionString(lv: LevelVersion): string {
  return `${lv.level}:${lv.version.latest ? 'latest' : `v1.${lv.version.minor}`}`;
}

/** Whether two versions are the same (latest is only ever latest). */
export function sameVersion(a: Version, b: Version): boolean {
  return a.latest ? b.latest : !b.latest && a.minor === b.minor;
}

/** api.CompareLevels: negative when `a` is less strict than `b`, 0 when equal, positive when stricter. */
export function compareLevels(a: Level, b: Level): number {
  return levels.indexOf(a) - levels.indexOf(b);
}

const versionPattern = /^v1\.(0|[1-9][0-9]*)$/;

/** api.ParseVersion: a bad value reads as latest and is reported. */
function parseVersion(value: string): { version: Version; error?: string } {
  if (value === 'latest') return { version: latest };
  const match = versionPattern.exec(value);
  if (!match || !Number.isSafeInteger(Number(match[1]))) return { version: latest, error: 'must be "latest" or "v1.x"' };
  return { version: { latest: false, minor: Number(match[1]) } };
}

/** api.ParseLevel: a bad value reads as restricted (fail closed) and is reported. */
function parseLevel(value: string): { level: Level; error?: string } {
  if ((levels as readonly string[]).includes(value)) return { level: value as Level };
  return { level: 'restricted', error: `must be one of ${levels.join(', ')}` };
}

/**
 * api.PolicyToEvaluate: the policy the labels ask for, defaults where a label is missing.
 * A bad label is an error (the namespace is refused when it sets one) but a policy is still
 * returned: a bad enforce level enforces restricted, a bad audit or warn level is privileged.
 */
export function policyFromLabels(labels: Readonly<Record<string, string>> | undefined): { policy: Policy; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const read = (mode: 'enforce' | 'audit' | 'warn', failOpen: boolean): LevelVersion => {
    let { level, version } = defaultPolicy[mode];
    const levelLabel = `${labelPrefix}${mode}`;
    const levelValue = labels?.[levelLabel];
    if (levelValue !== undefined) {
      const parsed = parseLevel(levelValue);
      level = parsed.error && failOpen ? 'privileged' : parsed.level;
      if (parsed.error) errors.push(invalidValue(`metadata.labels[${levelLabel}]`, levelValue, parsed.error));
    }
    const versionLabel = `${levelLabel}-version`;
    const versionValue = labels?.[versionLabel];
    if (versionValue !== undefined) {
      const parsed = parseVersion(versionValue);
      version = parsed.version;
      if (parsed.error) errors.push(invalidValue(`metadata.labels[${versionLabel}]`, versionValue, parsed.error));
    }
    return { level, version };
  };
  const enforce = read('enforce', false);
  const audit = read('audit', true);
  const warn = read('warn', true);
  return { policy: { enforce, audit, warn }, errors };
}
