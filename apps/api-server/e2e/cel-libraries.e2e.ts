/**
 * ValidatingAdmissionPolicy with the Kubernetes CEL libraries, with the real kubectl on the
 * shared lab: the docs' service-CIDR policy (tasks/network/extend-service-ip-ranges) is accepted,
 * policies calling cidr(), quantity(), url() and the authorizer admit and refuse requests with
 * their messages, and a library call that does not type-check is refused in cel-go's words.
 */
import { sharedLab, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// content/en/examples/service/networking/vap-servicecidr-default.yaml, as the docs give it.
const serviceCidrPolicy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "servicecidrs.default"
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups:   ["networking.k8s.io"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["servicecidrs"]
  matchConditions:
  - name: 'exclude-default-servicecidr'
    expression: "object.metadata.name != 'kubernetes'"
  variables:
  - name: allowed
    expression: "['10.96.0.0/16','2001:db8::/64']"
  validations:
  - expression: "object.spec.cidrs.all(newCIDR, variables.allowed.exists(allowedCIDR, cidr(allowedCIDR).containsCIDR(newCIDR)))"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: "servicecidrs-default-binding"
spec:
  policyName: "servicecidrs.default"
  validationActions: [Deny,Audit]
`;

/** The same check on what the lab serves: Services' externalIPs must lie in the allowed ranges. */
const libraryPolicies = (namespace: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: cel-libraries.example.com
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups: [""]
      apiVersions: ["v1"]
      operations: ["CREATE", "UPDATE"]
      resources: ["services", "pods", "configmaps"]
  variables:
  - name: allowed
    expression: "['192.0.2.0/24', '2001:db8::/64']"
  validations:
  - expression: "!has(object.spec) || !has(object.spec.externalIPs) || object.spec.externalIPs.all(ip, variables.allowed.exists(c, cidr(c).containsIP(ip)))"
    messageExpression: "'externalIPs must lie in ' + variables.allowed.join(' or ') + ', not ' + object.spec.externalIPs.filter(ip, !variables.allowed.exists(c, cidr(c).containsIP(ip))).join(', ')"
  - expression: "!has(object.spec) || !has(object.spec.containers) || object.spec.containers.all(c, !has(c.resources) || !has(c.resources.limits) || !('memory' in c.resources.limits) || !quantity(c.resources.limits.memory).isGreaterThan(quantity('1Gi')))"
    message: "memory limits may not exceed 1Gi"
  - expression: "!has(object.data) || !('endpoint' in object.data) || url(object.data.endpoint).getScheme() == 'https'"
    messageExpression: "'endpoint must use https, not ' + url(object.data.endpoint).getScheme()"
  - expression: "!has(object.metadata.labels) || !('protected' in object.metadata.labels) || authorizer.group('rbac.authorization.k8s.io').resource('rolebindings').namespace(object.metadata.namespace).check('create').allowed()"
    messageExpression: "'only who may create rolebindings in ' + object.metadata.namespace + ' may create protected objects'"
    reason: Forbidden
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: cel-libraries-binding.example.com
spec:
  policyName: cel-libraries.example.com
  validationActions: [Deny]
  matchResources:
    namespaceSelector:
      matchLabels:
        kubernetes.io/metadata.name: ${namespace}
`;

const service = (externalIP: string) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80}]
  externalIPs: ["${externalIP}"]
`;

const pod = (memory: string) => `apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: app
    image: nginx
    resources:
      limits: {memory: ${memory}}
`;

const denied = (message: string) => `ValidatingAdmissionPolicy 'cel-libraries.example.com' with binding 'cel-libraries-binding.example.com' denied request: ${message}`;

describe('ValidatingAdmissionPolicy with the Kubernetes CEL libraries', () => {
  let lab: TestLab;
  beforeAll(async () => {
    lab = await sharedLab('cel-libraries');
  });
  afterAll(async () => {
    if (lab) {
      await lab.kubectl(['delete', 'validatingadmissionpolicybinding', 'servicecidrs-default-binding', 'cel-libraries-binding.example.com', '--ignore-not-found']);
      await lab.kubectl(['delete', 'validatingadmissionpolicy', 'servicecidrs.default', 'cel-libraries.example.com', '--ignore-not-found']);
    }
    lab?.stop();
  });

  it('accepts the docs\' service-CIDR policy, whose cidr() call compiles', async () => {
    expect(await lab.kubectl(['apply', '-f', '-'], { stdin: serviceCidrPolicy })).toMatchObject({
      code: 0, stderr: '',
      stdout: 'validatingadmissionpolicy.admissionregistration.k8s.io/servicecidrs.default created\nvalidatingadmissionpolicybinding.admissionregistration.k8s.io/servicecidrs-default-binding created\n',
    });
  });

  it('refuses a policy whose library call does not type-check, in cel-go\'s words', async () => {
    const broken = serviceCidrPolicy.split('---')[0].replace('servicecidrs.default', 'broken-cidr.example.com').replace('cidr(allowedCIDR)', 'cidr(1)');
    const refused = await lab.kubectl(['apply', '-f', '-'], { stdin: broken });
    const expression = 'object.spec.cidrs.all(newCIDR, variables.allowed.exists(allowedCIDR, cidr(1).containsCIDR(newCIDR)))';
    expect(refused).toMatchObject({
      code: 1, stdout: '',
      stderr: `The ValidatingAdmissionPolicy "broken-cidr.example.com" is invalid: spec.validations[0].expression: Invalid value: "${expression}": compilation failed: ERROR: <input>:1:74: found no matching overload for 'cidr' applied to '(int)'\n | ${expression}\n | ${'.'.repeat(73)}^\n`,
    });
  });

  it('admits and refuses Services, Pods and ConfigMaps by cidr(), quantity(), url() and the authorizer, with the policy\'s messages', async () => {
    expect(await lab.kubectl(['apply', '-f', '-'], { stdin: libraryPolicies(lab.namespace) })).toMatchObject({ code: 0, stderr: '' });

    const outside = await lab.kubectl(['create', '-f', '-'], { stdin: service('198.51.100.7') });
    expect(outside).toMatchObject({ code: 1, stdout: '' });
    expect(outside.stderr).toBe(`The services "web" is invalid: : ${denied('externalIPs must lie in 192.0.2.0/24 or 2001:db8::/64, not 198.51.100.7')}\n`);
    expect(await lab.kubectl(['create', '-f', '-'], { stdin: service('192.0.2.10') })).toMatchObject({ code: 0, stdout: 'service/web created\n' });

    const big = await lab.kubectl(['create', '-f', '-'], { stdin: pod('2Gi') });
    expect(big).toMatchObject({ code: 1, stderr: `The pods "big" is invalid: : ${denied('memory limits may not exceed 1Gi')}\n` });
    expect(await lab.kubectl(['create', '-f', '-', '--dry-run=server'], { stdin: pod('1024Mi') })).toMatchObject({ code: 0, stdout: 'pod/big created (server dry run)\n' });

    const plain = await lab.kubectl(['create', 'configmap', 'api', '--from-literal=endpoint=http://example.com/v1']);
    expect(plain).toMatchObject({ code: 1, stderr: `error: failed to create configmap: configmaps "api" is forbidden: ${denied('endpoint must use https, not http')}\n` });
    expect(await lab.kubectl(['create', 'configmap', 'api', '--from-literal=endpoint=https://example.com/v1'])).toMatchObject({ code: 0, stdout: 'configmap/api created\n' });
  });

  it('asks the authorizer as the requesting user: an editor may not create what only an admin of the namespace may', async () => {
    const ns = lab.namespace;
    expect((await lab.kubectl(['create', 'rolebinding', 'cel-editor', '--clusterrole=edit', '--user=cel-editor'])).code).toBe(0);
    const locked = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: locked\n  labels: {protected: "yes"}\n';
    const asEditor = await lab.kubectl(['create', '-f', '-', '--as=cel-editor'], { stdin: locked });
    expect(asEditor).toMatchObject({
      code: 1, stdout: '',
      stderr: `Error from server (Forbidden): error when creating "STDIN": configmaps "locked" is forbidden: ${denied(`only who may create rolebindings in ${ns} may create protected objects`)}\n`,
    });
    expect(await lab.kubectl(['create', '-f', '-'], { stdin: locked })).toMatchObject({ code: 0, stdout: 'configmap/locked created\n' });
  });
});
