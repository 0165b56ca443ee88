import { describe, expect, it } from 'vitest';
import { levelVersionString, policyFromLabels } from './policy.js';

const label = (mode: string) => `pod-security.kubernetes.io/${mode}`;

describe('policyFromLabels', () => {
  it('is privileged:latest for every mode without labels', () => {
    const { policy, errors } = policyFromLabels(undefined);
    expect(errors).toEqual([]);
    expect([policy.enforce, policy.audit, policy.warn].map(levelVersionString)).toEqual(['privileged:latest', 'privileged:latest', 'privileged:latest']);
  });

  it('reads each mode and its version', () => {
    const { policy, errors } = policyFromLabels({ [label('enforce')]: 'baseline', [label('enforce-version')]: 'v1.30', [label('warn')]: 'restricted', [label('audit-version')]: 'latest' });
    expect(errors).toEqual([]);
    expect([policy.enforce, policy.audit, policy.warn].map(levelVersionString)).toEqual(['baseline:v1.30', 'privileged:latest', 'restricted:latest']);
  });

  it('reports bad values with upstream wording; enforce fails closed, warn and audit open', () => {
    const { policy, errors } = policyFromLabels({ [label('enforce')]: 'strict', [label('warn')]: 'loud', [label('warn-version')]: '1.30', [label('audit-version')]: 'v1.07' });
    expect(errors).toEqual([
      { type: 'FieldValueInvalid', field: 'metadata.labels[pod-security.kubernetes.io/enforce]', message: 'Invalid value: "strict": must be one of privileged, baseline, restricted' },
      { type: 'FieldValueInvalid', field: 'metadata.labels[pod-security.kubernetes.io/audit-version]', message: 'Invalid value: "v1.07": must be "latest" or "v1.x"' },
      { type: 'FieldValueInvalid', field: 'metadata.labels[pod-security.kubernetes.io/warn]', message: 'Invalid value: "loud": must be one of privileged, baseline, restricted' },
      { type: 'FieldValueInvalid', field: 'metadata.labels[pod-security.kubernetes.io/warn-version]', message: 'Invalid value: "1.30": must be "latest" or "v1.x"' },
    ]);
    expect([policy.enforce, policy.audit, policy.warn].map(levelVersionString)).toEqual(['restricted:latest', 'privileged:latest', 'privileged:latest']);
  });
});
