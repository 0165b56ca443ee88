/** The one entry point: a command and the current state in, a decision out. */
import type { KubeObject } from '../object.js';
import type { Command } from './command.js';
import { decideDelete, decideDeleteCollection, decideUnadmittedDelete } from './decide-delete.js';
import { decidePatch } from './decide-patch.js';
import { decideScale } from './decide-scale.js';
import { decideCreate, decideUpdate } from './decide-write.js';
import type { CommandContext, Decision, StateView } from './types.js';
import { nodeOfUser } from '../rbac/node-authorizer.js';
import { nodeRestrictionRefusal, type NodeWrite, type NodeWriteOperation } from '../admission/node-restriction.js';
import { strategyFor } from '../kinds/registry.js';
import type { KindWrite } from '../kinds/strategy.js';
import { storeKindOf, type ResourceType } from '../registry.js';
import { forbidden, pathNotFound } from '../status.js';
import { goJsonForm } from '../schema/go-json-form.js';

/**
 * Decides a command: the one entry point of every write. A kubelet's write then passes
 * NodeRestriction. What it stores is in the form Go's structs give it (goJsonForm), so every
 * read, list, watch and reply shows the fields kube-apiserver always writes.
 */
export function decide(c: Command, view: StateView, ctx: CommandContext): Decision {
  const node = ctx.user ? nodeOfUser(ctx.user) : undefined;
  const before = node !== undefined && 'name' in c ? view.get(storeKindOf(c.resource), c.resource.namespaced ? c.namespace : '', c.name) : undefined;
  const decided = decideCommand(c, view, ctx);
  const decision = { ...decided, changes: decided.changes.map((change) => ({ ...change, object: goJsonForm(change.object) })) };
  if (node !== undefined) restrictNode(node, c, decision, before, view);
  return decision;
}

const operations: Partial<Record<Command['type'], NodeWriteOperation>> = { Create: 'CREATE', Update: 'UPDATE', Patch: 'UPDATE', UpdateScale: 'UPDATE', Delete: 'DELETE', DeleteCollection: 'DELETE', Bind: 'CREATE', Evict: 'CREATE' };

/** Throws NodeRestriction's 403 when the kubelet of `node` may not make this write. */
function restrictNode(node: string, c: Command, decision: Decision, before: KubeObject | undefined, view: StateView): void {
  const primary = decision.reply.change === undefined ? undefined : decision.changes[decision.reply.change]?.object;
  const subresource = c.type === 'Bind' ? 'binding' : c.type === 'Evict' ? 'eviction' : c.type === 'UpdateScale' ? 'scale' : 'subresource' in c ? c.subresource : undefined;
  const name = 'name' in c ? c.name : primary?.metadata.name ?? (c.type === 'Create' ? c.body.metadata?.name ?? '' : '');
  const write: NodeWrite = {
    node, operation: operations[c.type] ?? 'UPDATE', group: c.resource.group, resource: c.resource.plural, subresource, namespace: c.namespace, name,
    // A write that changes nothing (a status report the same as the last) leaves the object as it was.
    object: c.type === 'Create' ? primary ?? c.body : primary ?? before, oldObject: before, nodeObject: view.get('Node', '', node),
  };
  const refusal = nodeRestrictionRefusal(write);
  if (refusal) throw forbidden(c.resource, name, refusal);
}

const kindWrite = (t: ResourceType, namespace: string, view: StateView, ctx: CommandContext): KindWrite => ({ resource: t, namespace: t.namespaced ? namespace : '', view, ctx });

function decideCommand(c: Command, view: StateView, ctx: CommandContext): Decision {
  switch (c.type) {
    case 'Create':
      return decideCreate(c.resource, c.namespace, c.body, c.options, view, ctx);
    case 'Update':
      return decideUpdate(c.resource, c.namespace, c.name, c.body, c.options, c.subresource, view, ctx);
    case 'Patch':
      if (c.subresource === 'scale') throw new Error('scale patches are resolved to UpdateScale by the caller');
      return decidePatch(c.resource, c.namespace, c.name, c.patchType, c.patch, c.options, c.subresource, view, ctx);
    case 'Delete':
      return decideDelete(c.resource, c.namespace, c.name, c.options, view, ctx);
    case 'DeleteCollection':
      return decideDeleteCollection(c.resource, c.namespace, c.names, c.options, view, ctx);
    case 'Bind': {
      const bind = strategyFor(c.resource).bind;
      if (!bind) throw pathNotFound();
      return bind(kindWrite(c.resource, c.namespace, view, ctx), c.name, c.nodeName);
    }
    case 'Evict': {
      const evict = strategyFor(c.resource).evict;
      if (!evict) throw pathNotFound();
      return evict(kindWrite(c.resource, c.namespace, view, ctx), c.name, c.options, (obj, options) => decideUnadmittedDelete(c.resource, obj, options, ctx));
    }
    case 'UpdateScale':
      return decideScale(c.resource, c.namespace, c.name, c.replicas, c.resourceVersion, c.options, view, ctx);
    default: {
      const never: never = c;
      throw new Error(`unknown command ${JSON.stringify(never)}`);
    }
  }
}
