/**
 * Opening a connection that may never be answered (a NetworkPolicy drop): the
 * client's own timer or the kernel's give up first. Linux retries an unanswered
 * SYN tcp_syn_retries (6) times, 1+2+…+64 s, so connect() fails with ETIMEDOUT
 * after 127 s whatever longer timeout the client asked for.
 */
import type { HttpRequestOptions, HttpResponse } from '../process/process-host.js';
import type { CommandContext } from './command-context.js';

/** How long Linux keeps retrying an unanswered SYN before connect() fails with "Connection timed out". */
export const KERNEL_CONNECT_TIMEOUT_SECONDS = 127;

/** The answer, or who gave up on silence: the client's timer ('client timeout') or the kernel ('connect timed out'). */
export type ConnectOutcome = HttpResponse | undefined | 'client timeout' | 'connect timed out';

/** An HTTP request (a GET unless `request` says otherwise) in lab time under the client's timeout in seconds (undefined: none, the kernel's limit only). */
export async function connectAndGet(context: CommandContext, url: string, clientTimeoutSeconds: number | undefined, request?: HttpRequestOptions): Promise<ConnectOutcome> {
  const clientFirst = clientTimeoutSeconds !== undefined && clientTimeoutSeconds < KERNEL_CONNECT_TIMEOUT_SECONDS;
  const answer = await context.runtime.httpWithin(url, clientFirst ? clientTimeoutSeconds : KERNEL_CONNECT_TIMEOUT_SECONDS, request);
  if (answer !== 'timed out') return answer;
  return clientFirst ? 'client timeout' : 'connect timed out';
}
