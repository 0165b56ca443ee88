import { dirname } from 'node:path';
import { kubectlFor, labCredentials, tempSqliteFile, type Kubectl } from '@kubelab/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { startApiServer, type RunningApiServer } from '../src/server.js';

// The Kubernetes docs' example (reference/access-authn-authz/validating-admission-policy), bound to
// namespaces labelled environment=test with Deny and to environment=staging with Warn.
const demoPolicy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "demo-policy.example.com"
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  validations:
    - expression: "object.spec.replicas <= 5"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: "demo-binding-test.example.com"
spec:
  policyName: "demo-policy.example.com"
  validationActions: [Deny]
  matchResources:
    namespaceSelector:
      matchLabels:
        environment: test
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: "demo-binding-staging.example.com"
spec:
  policyName: "demo-policy.example.com"
  validationActions: [Warn]
  matchResources:
    namespaceSelector:
      matchLabels:
        environment: staging
`;

const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: nginx}
  template:
    metadata:
      labels: {app: nginx}
    spec:
      containers:
      - name: nginx
        image: nginx
`;

// The docs' parameter example, with a ConfigMap as the param kind.
const replicaLimitPolicy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replicalimit-policy.example.com
spec:
  failurePolicy: Fail
  paramKind:
    apiVersion: v1
    kind: ConfigMap
  matchConstraints:
    namespaceSelector:
      matchLabels: {suite: params}
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  validations:
    - expression: "object.spec.replicas <= int(params.data.maxReplicas)"
      messageExpression: "'object.spec.replicas must be no greater than ' + params.data.maxReplicas"
      reason: Forbidden
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: replicalimit-binding.example.com
spec:
  policyName: replicalimit-policy.example.com
  validationActions: [Deny]
  paramRef:
    name: replica-limit
    parameterNotFoundAction: Deny
`;

// Names of ConfigMaps checked for everyone but cluster admins (system:masters), with who asked in the message.
const namingPolicy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: ok-names.example.com
spec:
  matchConstraints:
    namespaceSelector:
      matchLabels: {suite: names}
    resourceRules:
    - apiGroups: [""]
      apiVersions: ["v1"]
      operations: ["CREATE"]
      resources: ["configmaps"]
  matchConditions:
    - name: not-cluster-admins
      expression: "!('system:masters' in request.userInfo.groups)"
  variables:
    - name: prefix
      expression: "'ok-'"
  validations:
    - expression: "object.metadata.name.startsWith(variables.prefix)"
      messageExpression: "request.userInfo.username + ' may only create ConfigMaps named ' + variables.prefix + '*, not ' + object.metadata.name"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: ok-names-binding.example.com
spec:
  policyName: ok-names.example.com
  validationActions: [Deny]
`;

describe('ValidatingAdmissionPolicy with the real kubectl', () => {
  let server: RunningApiServer;
  let kubectl: Kubectl;

  beforeAll(async () => {
    // HTTPS, so that requests have a user (the admin's certificate) and kubectl --as can impersonate another.
    const database = tempSqliteFile();
    server = await startApiServer(parseConfig(['--port', '0', '--database', database], {}), pino({ level: 'silent' }));
    kubectl = kubectlFor(server.url, labCredentials(dirname(database)));
  });
  afterAll(() => server?.close());

  const namespace = async (name: string, label: string) => {
    expect((await kubectl(['create', 'namespace', name])).code).toBe(0);
    expect((await kubectl(['label', 'namespace', name, label])).code).toBe(0);
  };

  it('refuses the docs example in a bound namespace with kube-apiserver\'s words, warns under Warn, ignores other namespaces and subresources', async () => {
    await namespace('test', 'environment=test');
    await namespace('staging', 'environment=staging');
    const applied = await kubectl(['apply', '-f', '-'], { stdin: demoPolicy });
    expect(applied).toMatchObject({ code: 0, stderr: '' });

    const denied = "deployments.apps \"nginx\" is forbidden: ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: failed expression: object.spec.replicas <= 5";
    const created = await kubectl(['create', 'deployment', 'nginx', '--image=nginx', '--replicas=6', '-n', 'test']);
    expect(created).toMatchObject({ code: 1, stdout: '', stderr: `error: failed to create deployment: ${denied}\n` });
    const viaApply = await kubectl(['apply', '-n', 'test', '-f', '-'], { stdin: deployment(6) });
    expect(viaApply).toMatchObject({ code: 1, stdout: '' });
    expect(viaApply.stderr).toBe("The deployments \"nginx\" is invalid: : ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: failed expression: object.spec.replicas <= 5\n");
    expect((await kubectl(['get', 'deployments', '-n', 'test'])).stderr).toBe('No resources found in test namespace.\n');

    expect(await kubectl(['create', 'deployment', 'nginx', '--image=nginx', '--replicas=3', '-n', 'test'])).toMatchObject({ code: 0, stderr: '' });
    // As on a real cluster, a rule for "deployments" does not cover the deployments/scale subresource.
    expect(await kubectl(['scale', 'deployment', 'nginx', '--replicas=7', '-n', 'test'])).toMatchObject({ code: 0, stdout: 'deployment.apps/nginx scaled\n' });

    const warned = await kubectl(['create', 'deployment', 'nginx', '--image=nginx', '--replicas=6', '-n', 'staging']);
    expect(warned).toMatchObject({
      code: 0, stdout: 'deployment.apps/nginx created\n',
      stderr: "Warning: Validation failed for ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-staging.example.com': failed expression: object.spec.replicas <= 5\n",
    });
    expect(await kubectl(['create', 'deployment', 'nginx', '--image=nginx', '--replicas=6'])).toMatchObject({ code: 0, stderr: '' });
  });

  it('reads its limit from a ConfigMap param, and refuses while the param is missing', async () => {
    await namespace('params', 'suite=params');
    expect(await kubectl(['apply', '-f', '-'], { stdin: replicaLimitPolicy })).toMatchObject({ code: 0, stderr: '' });

    const missing = await kubectl(['create', 'deployment', 'web', '--image=nginx', '--replicas=1', '-n', 'params']);
    expect(missing).toMatchObject({
      code: 1, stdout: '',
      stderr: "error: failed to create deployment: deployments.apps \"web\" is forbidden: ValidatingAdmissionPolicy 'replicalimit-policy.example.com' with binding 'replicalimit-binding.example.com' denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction\n",
    });

    expect((await kubectl(['create', 'configmap', 'replica-limit', '--from-literal=maxReplicas=3', '-n', 'params'])).code).toBe(0);
    const tooMany = await kubectl(['apply', '-n', 'params', '-f', '-'], { stdin: deployment(4) });
    expect(tooMany).toMatchObject({ code: 1, stdout: '' });
    expect(tooMany.stderr).toBe(
      "Error from server (Forbidden): error when creating \"STDIN\": deployments.apps \"nginx\" is forbidden: ValidatingAdmissionPolicy 'replicalimit-policy.example.com' with binding 'replicalimit-binding.example.com' denied request: object.spec.replicas must be no greater than 3\n",
    );
    expect(await kubectl(['apply', '-n', 'params', '-f', '-'], { stdin: deployment(3) })).toMatchObject({ code: 0, stdout: 'deployment.apps/nginx created\n' });
  });

  it('skips cluster admins by a matchCondition and names the user it refuses in its messageExpression', async () => {
    await namespace('names', 'suite=names');
    expect(await kubectl(['apply', '-f', '-'], { stdin: namingPolicy })).toMatchObject({ code: 0, stderr: '' });
    expect((await kubectl(['create', 'rolebinding', 'alice-edit', '--clusterrole=edit', '--user=alice', '-n', 'names'])).code).toBe(0);

    expect(await kubectl(['create', 'configmap', 'admin-made', '-n', 'names'])).toMatchObject({ code: 0, stdout: 'configmap/admin-made created\n' });
    const refused = await kubectl(['create', 'configmap', 'settings', '-n', 'names', '--as=alice', '--as-group=devs']);
    expect(refused).toMatchObject({
      code: 1, stdout: '',
      stderr: "error: failed to create configmap: configmaps \"settings\" is forbidden: ValidatingAdmissionPolicy 'ok-names.example.com' with binding 'ok-names-binding.example.com' denied request: alice may only create ConfigMaps named ok-*, not settings\n",
    });
    expect(await kubectl(['create', 'configmap', 'ok-settings', '-n', 'names', '--as=alice', '--as-group=devs'])).toMatchObject({ code: 0, stdout: 'configmap/ok-settings created\n' });
  });

  it('refuses a policy whose expression does not compile, naming the field', async () => {
    const broken = demoPolicy.split('---')[0].replace('demo-policy.example.com', 'broken.example.com').replace('object.spec.replicas <= 5', 'object.spec.replicas <<= 5');
    const refused = await kubectl(['apply', '-f', '-'], { stdin: broken });
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe(
      'The ValidatingAdmissionPolicy "broken.example.com" is invalid: spec.validations[0].expression: Invalid value: "object.spec.replicas <<= 5": compilation failed: ERROR: <input>:1:23: Syntax error: Unexpected token: LE\n'
      + ' | object.spec.replicas <<= 5\n | ......................^\n',
    );
  });
});
