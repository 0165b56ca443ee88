/** The one entry point: a command and the current state in, a decision out. */
import type { Command } from './command.js';
import { decideDelete, decideDeleteCollection } from './decide-delete.js';
import { decidePatch } from './decide-patch.js';
import { decideEvict } from './decide-evict.js';
import { decideBind } from './decide-pod.js';
import { decideScale } from './decide-scale.js';
import { decideCreate, decideUpdate } from './decide-write.js';
import type { CommandContext, Decision, StateView } from './types.js';

/** Decides a command: the one entry point of every write. */
export function decide(c: Command, view: StateView, ctx: CommandContext): Decision {
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
    case 'Bind':
      return decideBind(c.resource, c.namespace, c.name, c.nodeName, view, ctx);
    case 'Evict':
      return decideEvict(c.resource, c.namespace, c.name, c.options, view, ctx);
    case 'UpdateScale':
      return decideScale(c.resource, c.namespace, c.name, c.replicas, c.resourceVersion, c.options, view, ctx);
    default: {
      const never: never = c;
      throw new Error(`unknown command ${JSON.stringify(never)}`);
    }
  }
}
