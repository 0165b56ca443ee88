/**
 * Who a write is recorded as when it names no fieldManager: kube-apiserver's
 * managerOrUserAgent takes the User-Agent up to its first `/` (so plain `kubectl scale`
 * is recorded as `kubectl`). Apply is left alone: it must name its manager.
 */
import type { Command } from './command.js';

const maxManagerLength = 128;
const encoder = new TextEncoder();

/** The manager a User-Agent stands for: its product name, printable characters only, at most 128 bytes. */
export function managerFromUserAgent(userAgent: string): string {
  let manager = '';
  let bytes = 0;
  for (const char of userAgent.split('/')[0]) {
    if (/\p{C}/u.test(char)) continue;
    bytes += char.charCodeAt(0) < 0x80 ? 1 : encoder.encode(char).length;
    if (bytes > maxManagerLength) break;
    manager += char;
  }
  return manager;
}

/** Fills in the fieldManager of a non-apply write from the User-Agent. */
export function withDefaultFieldManager(command: Command, userAgent: string): Command {
  if (command.type !== 'Create' && command.type !== 'Update' && command.type !== 'Patch' && command.type !== 'UpdateScale') return command;
  if (command.options.fieldManager || (command.type === 'Patch' && command.patchType === 'apply')) return command;
  return { ...command, options: { ...command.options, fieldManager: managerFromUserAgent(userAgent) } };
}
