import { describe, expect, it } from 'vitest';
import type { Command } from '../../commands/command.js';
import { decide } from '../../commands/decide.js';
import type { CommandContext, Decision, StateView } from '../../commands/types.js';
import type { KubeObject } from '../../object.js';
import { bootstrapPolicy } from '../../rbac/bootstrap-policy.js';
import type { PolicyRule, UserInfo } from '../../rbac/types.js';
import { refusal } from '../../refusal.testing.js';
import { storedTypeOf } from '../../registry.js';

const rbacGroup = 'rbac.authorization.k8s.io';
const apiVersion = `${rbacGroup}/v1`;
const alice: UserInfo = { username: 'alice', groups: ['dev', 'system:authenticated'] };
const lab: CommandContext = {
  actor: 'test', cause: null, now: new Date('2026-11-22T10:00:00.000Z'), newUid: () => 'uid', randomSuffix: () => 'x7k2p', randomInt: () => 0,
  options: { defaultNotReadyTolerationSeconds: 300, defaultUnreachableTolerationSeconds: 300, serviceCidr: '10.96.0.0/12' },
};
const asAlice: CommandContext = { ...lab, user: alice };

const podsGet: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['pods'] };
const podsDelete: PolicyRule = { verbs: ['delete'], apiGroups: [''], resources: ['pods'] };
const role = (name: string, rules: PolicyRule[], labels?: Record<string, string>): KubeObject =>
  ({ apiVersion, kind: 'Role', metadata: { name, namespace: 'dev', ...(labels ? { labels } : {}) }, rules });
const roleBinding = (name: string, roleRef: { kind: string; name: string }): KubeObject =>
  ({ apiVersion, kind: 'RoleBinding', metadata: { name, namespace: 'dev' }, roleRef: { apiGroup: rbacGroup, ...roleRef }, subjects: [{ apiGroup: rbacGroup, kind: 'User', name: 'alice' }] });

/** The default policy, a `dev` namespace where alice may write roles and bindings (and read pods), and nothing else. */
function given(): StateView & { apply(decision: Decision): void } {
  const state = new Map<string, KubeObject>();
  const key = (o: KubeObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const writer = role('rbac-writer', [{ verbs: ['create', 'update', 'patch', 'get'], apiGroups: [rbacGroup], resources: ['roles', 'rolebindings'] }, podsGet]);
  const objects = [...bootstrapPolicy.clusterRoles, ...bootstrapPolicy.clusterRoleBindings, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }, writer, roleBinding('alice-writes-rbac', { kind: 'Role', name: 'rbac-writer' })];
  for (const o of objects) state.set(key(o), o);
  return {
    get: (kind, namespace, name) => state.get(`${kind}/${namespace}/${name}`),
    list: (kind, namespace) => [...state.values()].filter((o) => o.kind === kind && (namespace === undefined || (o.metadata.namespace ?? '') === namespace)),
    apply(decision) {
      for (const c of decision.changes) state.set(key(c.object), c.object);
    },
  };
}

const create = (body: KubeObject): Command => ({ type: 'Create', resource: storedTypeOf(body.kind)!, namespace: 'dev', body, options: { fieldValidation: 'Strict' } });
const apply = (name: string, config: object, fieldManager: string, force = false): Command => ({
  type: 'Patch', resource: storedTypeOf('Role')!, namespace: 'dev', name, patchType: 'apply', patch: JSON.stringify(config), options: { fieldValidation: 'Strict', fieldManager, force },
});
const notHeld = (resource: string, name: string) =>
  `403 Forbidden: ${resource}.${rbacGroup} "${name}" is forbidden: user "alice" (groups=["dev" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:`;

describe('the RBAC kinds\' strategy: escalation prevention on the decided object', () => {
  it('refuses a RoleBinding to a role whose rules the writer does not hold, with kube-apiserver\'s words', () => {
    const state = given();
    expect(refusal(() => decide(create(roleBinding('alice-admin', { kind: 'ClusterRole', name: 'admin' })), state, asAlice)).split('\n')[0]).toBe(notHeld('rolebindings', 'alice-admin'));
    expect(decide(create(roleBinding('alice-view', { kind: 'Role', name: 'rbac-writer' })), state, asAlice).reply.code).toBe(201);
  });

  it('leaves the lab\'s own writes, system:masters and an AlwaysAllow api-server unjudged', () => {
    const state = given();
    const binding = create(roleBinding('alice-admin', { kind: 'ClusterRole', name: 'admin' }));
    expect(decide(binding, state, lab).reply.code).toBe(201);
    expect(decide(binding, state, { ...lab, user: { username: 'root', groups: ['system:masters'] } }).reply.code).toBe(201);
    expect(decide(binding, state, { ...asAlice, options: { ...lab.options, authorizationMode: 'AlwaysAllow' } }).reply.code).toBe(201);
  });

  it('judges a server-side apply on the merged object: a rule added by force is refused, and so is a label change of a role whose rules the writer lacks', () => {
    const state = given();
    state.apply(decide(create(role('pods', [podsGet, podsDelete])), state, lab));
    const config = (rules?: PolicyRule[]) => ({ apiVersion, kind: 'Role', metadata: { name: 'pods', labels: { team: 'dev' } }, ...(rules ? { rules } : {}) });
    expect(refusal(() => decide(apply('pods', config([podsGet, podsDelete]), 'alice', true), state, asAlice)).split('\n')[0]).toBe(notHeld('roles', 'pods'));
    // kube-apiserver's policy-based Role storage judges the new object's rules, not what changed: the delete rule is still there.
    expect(refusal(() => decide(apply('pods', config(), 'alice'), state, asAlice)).split('\n')[0]).toBe(notHeld('roles', 'pods'));
  });

  it('allows an apply that drops the rules its manager owned, which a shallow merge of the request would have kept and refused', () => {
    const state = given();
    state.apply(decide(apply('legacy', { apiVersion, kind: 'Role', metadata: { name: 'legacy' }, rules: [podsDelete] }, 'alice'), state, lab));
    const relabelled = decide(apply('legacy', { apiVersion, kind: 'Role', metadata: { name: 'legacy', labels: { team: 'dev' } } }, 'alice'), state, asAlice);
    expect(relabelled.reply.code).toBe(200);
    expect(relabelled.changes[0].object).toMatchObject({ metadata: { labels: { team: 'dev' } } });
    // A Role without rules is written as Go writes a nil slice without omitempty.
    expect(relabelled.changes[0].object.rules).toBeNull();
  });
});
