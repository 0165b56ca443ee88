import { describe, expect, it } from 'vitest';
import { parseFieldSelector } from './parse-field-selector.js';
import { SelectorError } from './selector-error.js';
import { validateFieldSelector, type SelectableKind } from './validate-field-selector.js';

/** `batch/Job` → { group: 'batch', kind: 'Job' }; `Pod` is in the core group. */
function kindOf(groupKind: string): SelectableKind {
  const slash = groupKind.lastIndexOf('/');
  return { group: groupKind.slice(0, Math.max(slash, 0)), kind: groupKind.slice(slash + 1) };
}

describe('validateFieldSelector', () => {
  it.each([
    ['Pod', 'metadata.name=a,metadata.namespace=b,spec.nodeName=n,spec.restartPolicy=Always,spec.schedulerName=s'],
    ['Pod', 'spec.serviceAccountName=sa,spec.hostNetwork=true,status.phase=Running,status.podIP=1.2.3.4,status.nominatedNodeName=n'],
    ['Node', 'metadata.name=n1,spec.unschedulable=true'],
    ['Namespace', 'metadata.name=dev,status.phase=Active'],
    ['Event', 'involvedObject.kind=Pod,involvedObject.namespace=d,involvedObject.name=w,involvedObject.uid=u'],
    ['Event', 'involvedObject.apiVersion=v1,involvedObject.resourceVersion=1,involvedObject.fieldPath=f'],
    ['Event', 'reason=Pulled,reportingComponent=kubelet,source=kubelet,type=Normal,metadata.name=e,metadata.namespace=d'],
    ['batch/Job', 'metadata.name=j,metadata.namespace=d,status.successful=1'],
    ['Service', 'metadata.name=s,metadata.namespace=d,spec.clusterIP=None,spec.type=NodePort'],
    ['apps/Deployment', 'metadata.name=s'],
    ['Secret', 'type=Opaque,metadata.name=s,metadata.namespace=d'],
    ['ReplicationController', 'status.replicas=2,metadata.name=rc,metadata.namespace=d'],
    ['ServiceAccount', 'metadata.name=default,metadata.namespace=d'],
    ['PersistentVolumeClaim', 'metadata.name=data,metadata.namespace=d'],
    ['certificates.k8s.io/CertificateSigningRequest', 'metadata.name=csr,spec.signerName=kubernetes.io/kubelet-serving'],
    ['events.k8s.io/Event', 'reason=Pulled,type=Normal,source=kubelet,metadata.name=e,metadata.namespace=d'],
  ])('accepts %s fields %j', (groupKind, selector) => {
    const requirements = parseFieldSelector(selector);
    expect(validateFieldSelector(kindOf(groupKind), requirements)).toEqual(requirements);
  });

  it('rewrites the legacy spec.host to spec.nodeName for pods', () => {
    expect(validateFieldSelector(kindOf('Pod'), parseFieldSelector('spec.host=n1'))).toEqual([
      { field: 'spec.nodeName', operator: '=', value: 'n1' },
    ]);
  });

  it('maps events.k8s.io/v1 fields onto the stored core Event\'s', () => {
    const selector = 'regarding.kind=Pod,regarding.namespace=d,regarding.name=w,regarding.uid=u,regarding.apiVersion=v1,regarding.resourceVersion=7,regarding.fieldPath=f,reportingController=kubelet';
    expect(validateFieldSelector(kindOf('events.k8s.io/Event'), parseFieldSelector(selector)).map((r) => `${r.field}=${r.value}`)).toEqual([
      'involvedObject.apiVersion=v1',
      'involvedObject.fieldPath=f',
      'involvedObject.kind=Pod',
      'involvedObject.name=w',
      'involvedObject.namespace=d',
      'involvedObject.resourceVersion=7',
      'involvedObject.uid=u',
      'reportingComponent=kubelet',
    ]);
  });

  it.each([
    ['Pod', 'spec.foo=x', 'field label not supported: spec.foo'],
    ['Pod', 'spec.nodeName=n,spec.containers=x', 'field label not supported: spec.containers'],
    ['Node', 'metadata.namespace=x', 'field label not supported: metadata.namespace'],
    ['Namespace', 'metadata.namespace=x', 'field label not supported: metadata.namespace'],
    ['Event', 'message=x', 'field label not supported: message'],
    ['batch/Job', 'status.failed=1', 'field label "status.failed" not supported for Job'],
    ['Service', 'spec.selector=x', 'field label not supported: spec.selector'],
    ['coordination.k8s.io/Lease', 'spec.holderIdentity=x', '"spec.holderIdentity" is not a known field selector: only "metadata.name", "metadata.namespace"'],
    ['Secret', 'data.key=x', 'field label not supported: data.key'],
    ['ReplicationController', 'spec.replicas=1', 'field label not supported: spec.replicas'],
    ['ServiceAccount', 'secrets=x', '"secrets" is not a known field selector: only "metadata.name", "metadata.namespace"'],
    ['PersistentVolumeClaim', 'spec.volumeName=pv', '"spec.volumeName" is not a known field selector: only "metadata.name", "metadata.namespace"'],
    ['certificates.k8s.io/CertificateSigningRequest', 'metadata.namespace=d', 'field label not supported: metadata.namespace'],
    ['certificates.k8s.io/CertificateSigningRequest', 'spec.username=u', 'field label not supported: spec.username'],
    ['events.k8s.io/Event', 'involvedObject.name=w', 'field label not supported: involvedObject.name'],
    ['events.k8s.io/Event', 'reportingComponent=kubelet', 'field label not supported: reportingComponent'],
    ['events.k8s.io/Event', 'note=x', 'field label not supported: note'],
    ['example.com/Job', 'status.successful=1', '"status.successful" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ])('refuses %s field selector %j', (groupKind, selector, message) => {
    expect(() => validateFieldSelector(kindOf(groupKind), parseFieldSelector(selector))).toThrow(new SelectorError(message));
  });
});
