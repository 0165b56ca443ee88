/**
 * Server-side dry run (`dryRun=All`), kept out of the deciders: a command is decided exactly as
 * its real write, then the store stops before numbering, staging or appending anything, as
 * kube-apiserver's DryRunnableStorage stops before etcd.
 */
import type { KubeObject } from '../object.js';
import type { Command } from './command.js';
import type { Change } from './types.js';

/** Whether the command only asks what its write would be. */
export function isDryRun(command: Command): boolean {
  return command.options?.dryRun === true;
}

/**
 * The object a change would leave, as a dry run answers it: nothing is written, so no
 * resourceVersion is taken. A create answers without one; an update, a graceful delete or a
 * delete answers with the one the object has now (the storage's current revision).
 */
export function unstoredObject(change: Change): KubeObject {
  const metadata = { ...change.object.metadata };
  const current = change.previous?.metadata.resourceVersion;
  if (current === undefined) delete metadata.resourceVersion;
  else metadata.resourceVersion = current;
  return { ...change.object, metadata };
}
