/**
 * Serves ApiBusRequests from the other services with the same ApiService as HTTP, as the user the
 * subject they arrived on proves (bus-identity.ts): authorized by the Node authorizer and RBAC, and
 * admitted (NodeRestriction among the rest) exactly as the same request over HTTPS would be.
 */
import {
  ApiError, badRequest, controllerServiceAccount, findResourceType, forbidden, groupVersionOf, internalError, isRecordedRefusal, methodNotSupported, metricsListItem,
  nodeRestrictionRefusal, pathNotFound, reportedDrop, scaleOf, storageTypeFor, storedTypeOf, type Command, type KubeObject, type Pod, type ResourceType, type UserInfo, type WriteOptions,
} from '@kubelab/api';
import { senderOfSubject, type ApiBusReply, type ApiBusRequest, type BusIdentity, type EtcdRequest, type KubeadmRequest } from '@kubelab/bus';
import type { ApiService } from '../api.service.js';
import { busRequestLabels, type RequestLabels } from '../metrics/request-metrics.js';
import { busRefusal, busRequestAttributes } from '../audit/request-refusals.js';
import type { RequestAuth } from '../auth/request-auth.js';
import { serviceAccountUser } from '../auth/service-account-tokens.js';
import { answerKubeadm } from '../kubeadm-requests.js';
import { answerTokenBusRequest } from './token-requests.js';
import { JsonText } from './reply-serializer.js';

const writeOptions = (r: ApiBusRequest): WriteOptions => ({ fieldManager: r.actor, fieldValidation: 'Strict' });

function commandOf(r: ApiBusRequest): Command {
  const resource = findResourceType(r.group, r.version, r.plural);
  if (!resource) throw pathNotFound();
  const target = { resource, namespace: r.namespace ?? '', name: r.name ?? '' };
  // The body is the sender's JSON object; the deciders decode and validate it as they do an HTTP body.
  const body = (r.body ?? {}) as KubeObject;
  const scale = body as { spec?: { replicas: number }; metadata?: { resourceVersion?: string } };
  switch (r.verb) {
    case 'create':
      return { type: 'Create', resource, namespace: target.namespace, body, options: writeOptions(r) };
    case 'update':
      return { type: 'Update', ...target, body, options: writeOptions(r) };
    case 'updateStatus':
      return { type: 'Update', ...target, body, options: writeOptions(r), subresource: 'status' };
    case 'finalize':
      return { type: 'Update', ...target, body, options: writeOptions(r), subresource: 'finalize' };
    case 'patch':
      return { type: 'Patch', ...target, patchType: r.patchType ?? 'merge', patch: body, options: writeOptions(r) };
    case 'patchStatus':
      return { type: 'Patch', ...target, patchType: r.patchType ?? 'merge', patch: body, options: writeOptions(r), subresource: 'status' };
    case 'delete':
      return { type: 'Delete', ...target, options: { gracePeriodSeconds: r.gracePeriodSeconds, propagationPolicy: r.propagationPolicy } };
    case 'bind':
      return { type: 'Bind', ...target, nodeName: r.nodeName ?? '' };
    case 'evict':
      return { type: 'Evict', ...target, options: { gracePeriodSeconds: r.gracePeriodSeconds } };
    case 'updateScale':
      return { type: 'UpdateScale', ...target, resource: storageTypeFor(resource), replicas: scale.spec?.replicas as number, resourceVersion: scale.metadata?.resourceVersion, options: writeOptions(r) };
    default:
      throw pathNotFound();
  }
}

/** A NATS message may carry 1 MiB by default; a list reply larger than this is refused, not sent. */
const replyLimitBytes = 900 * 1024;

const authenticated = 'system:authenticated';

/**
 * The user a bus request acts as: the sender its subject proves. The controller-manager's requests act as the controller that
 * signs them (`actor`), as kube-controller-manager runs with --use-service-account-credentials (kubeadm's default): each
 * controller as its ServiceAccount in kube-system, bound to its `system:controller:` role, so it may do what its 1.32 role
 * grants and nothing more. Any other actor of the controller-manager (its shared informers' lists) is
 * system:kube-controller-manager, whose role lists and watches everything and writes little; neither is a cluster admin.
 */
export function busUser(sender: BusIdentity, actor: string): UserInfo {
  switch (sender.kind) {
    case 'kubelet':
      return { username: `system:node:${sender.nodes[0]}`, groups: ['system:nodes', authenticated] };
    case 'scheduler':
      return { username: 'system:kube-scheduler', groups: [authenticated] };
    case 'controller-manager': {
      const account = controllerServiceAccount(actor);
      return account ? serviceAccountUser('kube-system', account) : { username: 'system:kube-controller-manager', groups: [authenticated] };
    }
    case 'admin':
    case 'api-server':
      return { username: 'system:kubelab', groups: ['system:masters', authenticated] };
  }
}

/**
 * Lists an agent's informers make beyond what a kubelet may read: Secrets and ConfigMaps (the kubelet's are judged one by
 * one by the Node authorizer), and the Namespaces and NetworkPolicies its emulated network enforces (a policy-enforcing
 * CNI's own ServiceAccount reads them). The event stream every agent follows carries those objects anyway, so refusing the
 * list would hide nothing; writes, and reads of anything else, are judged as the kubelet's.
 */
const agentInformerLists = new Set(['/configmaps', '/secrets', '/namespaces', 'networking.k8s.io/networkpolicies']);

function informerRead(sender: BusIdentity, r: ApiBusRequest): boolean {
  return sender.kind === 'kubelet' && r.verb === 'list' && agentInformerLists.has(`${r.group}/${r.plural}`);
}

/** NodeRestriction on a kubelet's TokenRequest: bound to a pod, with its UID, scheduled on the kubelet's node. */
function restrictTokenRequest(api: ApiService, sender: BusIdentity, r: ApiBusRequest): void {
  if (sender.kind !== 'kubelet') return;
  const serviceAccounts = storedTypeOf('ServiceAccount')!;
  const ref = (r.body as { spec?: { boundObjectRef?: { name?: string } } } | undefined)?.spec?.boundObjectRef;
  const boundPod = ref?.name ? api.tryGet(storedTypeOf('Pod')!, r.namespace ?? '', ref.name)?.object : undefined;
  const refusal = nodeRestrictionRefusal({
    node: sender.nodes[0], operation: 'CREATE', group: '', resource: 'serviceaccounts', subresource: 'token', namespace: r.namespace ?? '', name: r.name ?? '',
    object: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {}, ...(r.body as object) }, ...(boundPod ? { boundPod } : {}),
  });
  if (refusal) throw forbidden(serviceAccounts, r.name ?? '', refusal);
}

/**
 * A get or list of the resource metrics API, as over HTTP. A list is paged when asked (`limit`, `continue`: the name of the
 * last item sent), as an ApiClient always asks, so a large one still fits NATS replies.
 */
function readMetrics(api: ApiService, resource: ResourceType, r: ApiBusRequest): ApiBusReply {
  if (r.verb === 'get') return { code: 200, body: api.metrics.get(resource, r.namespace ?? '', r.name ?? '') };
  if (r.verb !== 'list') throw methodNotSupported(resource, r.verb);
  const all = api.metrics.list(resource, resource.namespaced ? r.namespace : undefined, r.labelSelector, r.fieldSelector);
  const after = r.continue === undefined ? undefined : continueKey(r.continue);
  const rest = after === undefined ? all : all.filter((m) => itemKey(m) > after);
  const page = r.limit && r.limit > 0 ? rest.slice(0, r.limit) : rest;
  const more = page.length < rest.length ? { continue: Buffer.from(itemKey(page[page.length - 1])).toString('base64url') } : {};
  return { code: 200, body: { kind: resource.listKind, apiVersion: groupVersionOf(resource), metadata: more, items: page.map(metricsListItem) } };
}

const itemKey = (m: KubeObject) => `${m.metadata.namespace ?? ''}/${m.metadata.name}`;

function continueKey(token: string): string {
  const key = Buffer.from(token, 'base64url').toString('utf8');
  if (!key.includes('/')) throw badRequest('invalid continue token');
  return key;
}

/** GET and PUT of NAME/scale, answered with the Scale as over HTTPS; a kind without the subresource is a 404. */
async function answerScale(api: ApiService, resource: ResourceType, r: ApiBusRequest, user: UserInfo): Promise<ApiBusReply> {
  if (!resource.subresources.some((s) => s.name === 'scale')) throw pathNotFound();
  if (r.verb === 'getScale') return { code: 200, body: scaleOf(api.get(storageTypeFor(resource), r.namespace ?? '', r.name ?? '').object) };
  const result = await api.execute(commandOf(r), r.actor, r.cause ?? null, user);
  const body = JSON.parse(result.body);
  return { code: result.code, body: result.code === 200 && body.kind !== 'Scale' ? scaleOf(body) : body };
}

/**
 * Answers one request arriving on `subject`; failures become Status replies (refusals also audit entries), never exceptions.
 * A resource request that passed authorization is timed in the api-server's request histogram, as the same call over HTTPS.
 */
export async function answerBusRequest(api: ApiService, auth: RequestAuth, subject: string, r: ApiBusRequest): Promise<ApiBusReply> {
  const began = performance.now();
  let timed: RequestLabels | undefined;
  const sender = senderOfSubject(subject);
  const user = sender ? busUser(sender, r.actor) : undefined;
  try {
    if (!sender || !user) throw pathNotFound();
    // A dropped connection is the emulated network's report, which only an agent makes.
    if (r.verb === 'recordDrop') {
      if (sender.kind !== 'kubelet') throw pathNotFound();
      return { code: 201, body: { seq: await api.audit.dropped(reportedDrop(r.body), user.username, r.actor) } };
    }
    // etcd's tools and kubeadm's admin writes on a control-plane node (kubeadm's label says which; its etcd's mirror pod may be between two), and nowhere else.
    if (r.verb === 'etcd' || r.verb === 'kubeadm') {
      const node = sender.kind === 'kubelet' ? sender.nodes[0] : '';
      const labels = api.tryGet(storedTypeOf('Node')!, '', node)?.object.metadata.labels ?? {};
      const mirror = api.tryGet(storedTypeOf('Pod')!, 'kube-system', `etcd-${node}`)?.object as Pod | undefined;
      if (!node || (labels['node-role.kubernetes.io/control-plane'] === undefined && mirror?.spec?.nodeName !== node)) throw pathNotFound();
      if (r.verb === 'kubeadm') return { code: 200, body: await answerKubeadm(api, r.body as KubeadmRequest, r.cause ?? null) };
      if (!api.etcd) throw pathNotFound();
      return { code: 200, body: await api.etcd.answer(r.body as EtcdRequest, node) };
    }
    const resource = findResourceType(r.group, r.version, r.plural);
    if (!resource) throw pathNotFound();
    if (!informerRead(sender, r)) auth.authorize(user, busRequestAttributes(r));
    timed = busRequestLabels(r, resource);
    if (r.verb === 'requestToken') {
      restrictTokenRequest(api, sender, r);
      return await answerTokenBusRequest(api, auth, r);
    }
    if (resource.storage === 'metrics') return readMetrics(api, resource, r);
    if (r.verb === 'get' || r.verb === 'list' || r.verb === 'getScale') await api.caughtUp();
    if (r.verb === 'get') return { code: 200, body: api.get(resource, r.namespace ?? '', r.name ?? '').object };
    if (r.verb === 'getScale' || r.verb === 'updateScale') return await answerScale(api, resource, r, user);
    if (r.verb === 'list') {
      const list = api.list(resource, resource.namespaced ? r.namespace : undefined, { labelSelector: r.labelSelector, fieldSelector: r.fieldSelector, limit: r.limit, continue: r.continue });
      const json = api.listJson(resource, list);
      if (json.length > replyLimitBytes) {
        throw internalError(`the list of ${resource.plural} (${json.length} bytes) is larger than one NATS reply may be; ask for pages with limit`);
      }
      return { code: 200, body: new JsonText(json) };
    }
    const result = await api.execute(commandOf(r), r.actor, r.cause ?? null, user);
    return { code: result.code, body: r.replyObject === false && result.code < 300 ? null : new JsonText(result.body) };
  } catch (e) {
    const status = e instanceof ApiError ? e.status : internalError(e instanceof Error ? e.message : String(e)).status;
    if (isRecordedRefusal(status.code)) api.audit.refused(busRefusal(r, status, user ?? { username: r.actor, groups: [] }), r.actor);
    return { code: status.code, body: status };
  } finally {
    if (timed) api.requests.observe(timed, (performance.now() - began) / 1000);
  }
}
