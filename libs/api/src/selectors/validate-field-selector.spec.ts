import { describe, expect, it } from 'vitest';
import { parseFieldSelector } from './parse-field-selector.js';
import { SelectorError } from './selector-error.js';
import { validateFieldSelector } from './validate-field-selector.js';

describe('validateFieldSelector', () => {
  it.each([
    ['Pod', 'metadata.name=a,metadata.namespace=b,spec.nodeName=n,spec.restartPolicy=Always,spec.schedulerName=s'],
    ['Pod', 'spec.serviceAccountName=sa,spec.hostNetwork=true,status.phase=Running,status.podIP=1.2.3.4,status.nominatedNodeName=n'],
    ['Node', 'metadata.name=n1,spec.unschedulable=true'],
    ['Namespace', 'metadata.name=dev,status.phase=Active'],
    ['Event', 'involvedObject.kind=Pod,involvedObject.namespace=d,involvedObject.name=w,involvedObject.uid=u'],
    ['Event', 'involvedObject.apiVersion=v1,involvedObject.resourceVersion=1,involvedObject.fieldPath=f'],
    ['Event', 'reason=Pulled,reportingComponent=kubelet,source=kubelet,type=Normal,metadata.name=e,metadata.namespace=d'],
    ['Job', 'metadata.name=j,metadata.namespace=d,status.successful=1'],
    ['Service', 'metadata.name=s,metadata.namespace=d'],
    ['Deployment', 'metadata.name=s'],
  ])('accepts %s fields %j', (kind, selector) => {
    const requirements = parseFieldSelector(selector);
    expect(validateFieldSelector(kind, requirements)).toEqual(requirements);
  });

  it('rewrites the legacy spec.host to spec.nodeName for pods', () => {
    expect(validateFieldSelector('Pod', parseFieldSelector('spec.host=n1'))).toEqual([
      { field: 'spec.nodeName', operator: '=', value: 'n1' },
    ]);
  });

  it.each([
    ['Pod', 'spec.foo=x', 'field label not supported: spec.foo'],
    ['Pod', 'spec.nodeName=n,spec.containers=x', 'field label not supported: spec.containers'],
    ['Node', 'metadata.namespace=x', 'field label not supported: metadata.namespace'],
    ['Namespace', 'metadata.namespace=x', 'field label not supported: metadata.namespace'],
    ['Event', 'message=x', 'field label not supported: message'],
    ['Job', 'status.failed=1', 'field label "status.failed" not supported for Job'],
    ['Service', 'spec.type=ClusterIP', '"spec.type" is not a known field selector: only "metadata.name", "metadata.namespace"'],
    ['Lease', 'spec.holderIdentity=x', '"spec.holderIdentity" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ])('refuses %s field selector %j', (kind, selector, message) => {
    expect(() => validateFieldSelector(kind, parseFieldSelector(selector))).toThrow(new SelectorError(message));
  });
});
