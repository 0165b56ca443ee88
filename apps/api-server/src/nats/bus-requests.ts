/** Serves ApiBusRequests from the other services with the same ApiService as HTTP. */
import { ApiError, findResourceType, internalError, pathNotFound, type Command, type WriteOptions } from '@kubelab/api';
import type { ApiBusReply, ApiBusRequest } from '@kubelab/bus';
import type { ApiService } from '../api.service.js';
import { answerTokenBusRequest, type TokenIssuer } from './token-requests.js';

const writeOptions = (r: ApiBusRequest): WriteOptions => ({ fieldManager: r.actor, fieldValidation: 'Strict' });

function commandOf(r: ApiBusRequest): Command {
  const resource = findResourceType(r.group, r.version, r.plural);
  if (!resource) throw pathNotFound();
  const target = { resource, namespace: r.namespace ?? '', name: r.name ?? '' };
  const body = (r.body ?? {}) as any;
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
    case 'delete':
      return { type: 'Delete', ...target, options: { gracePeriodSeconds: r.gracePeriodSeconds, propagationPolicy: r.propagationPolicy } };
    case 'bind':
      return { type: 'Bind', ...target, nodeName: r.nodeName ?? '' };
    case 'evict':
      return { type: 'Evict', ...target, options: { gracePeriodSeconds: r.gracePeriodSeconds } };
    default:
      throw pathNotFound();
  }
}

/** A NATS message may carry 1 MiB by default; a list reply larger than this is refused, not sent. */
const replyLimitBytes = 900 * 1024;

/** Answers one request; failures become Status replies, never exceptions. `tokens` answers `requestToken`. */
export async function answerBusRequest(api: ApiService, r: ApiBusRequest, tokens?: TokenIssuer): Promise<ApiBusReply> {
  try {
    const resource = findResourceType(r.group, r.version, r.plural);
    if (!resource) throw pathNotFound();
    if (r.verb === 'requestToken' && tokens) return await answerTokenBusRequest(api, tokens, r);
    if (r.verb === 'get') return { code: 200, body: api.get(resource, r.namespace ?? '', r.name ?? '').object };
    if (r.verb === 'list') {
      const list = api.list(resource, resource.namespaced ? r.namespace : undefined, { labelSelector: r.labelSelector, fieldSelector: r.fieldSelector, limit: r.limit, continue: r.continue });
      const json = api.listJson(resource, list);
      if (json.length > replyLimitBytes) {
        throw internalError(`the list of ${resource.plural} (${json.length} bytes) is larger than one NATS reply may be; ask for pages with limit`);
      }
      return { code: 200, body: JSON.parse(json) };
    }
    const result = await api.execute(commandOf(r), r.actor, r.cause ?? null);
    return { code: result.code, body: JSON.parse(result.body) };
  } catch (e) {
    const status = e instanceof ApiError ? e.status : internalError(e instanceof Error ? e.message : String(e)).status;
    return { code: status.code, body: status };
  }
}
