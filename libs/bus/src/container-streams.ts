/**
 * Byte streams between the api-server and the agent that runs a container
 * (exec, attach, port-forward), carried over the NATS connection both already
 * have, so an agent on another host needs nothing but its NATS credentials.
 *
 * The api-server opens a session with a request to the node's agent; after a
 * yes, each side publishes frames on its own per-session subject. Flow control
 * is credit-based, like HTTP/2 windows: a side may have at most `window` data
 * bytes unacknowledged, and the reader grants more credit only once its consumer
 * has taken the bytes, so a slow client slows the container (and a fast
 * container cannot fill the broker). Both sides ping while idle and give up on a
 * peer that has gone silent, so a killed process never leaves a session behind.
 */
import { randomUUID } from 'node:crypto';
import type { NatsConnection, Subscription } from 'nats';

/** What the api-server asks the agent to connect to. */
export interface StreamOpen {
  /** Unique per session: names its subjects. */
  id: string;
  /** ssh: a shell on the node itself (`kubelab ssh`), in no pod: namespace, pod and podUid are empty. */
  kind: 'exec' | 'attach' | 'portforward' | 'ssh';
  namespace: string;
  pod: string;
  podUid: string;
  container?: string;
  command?: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
  /** Port-forward: the container port this one TCP connection goes to. */
  port?: number;
  /** Who asked, for the container's process table and the log. */
  user: string;
  /** seq of the log entry recording the session, when there is one: the cause of what it makes happen. */
  recordSeq?: number;
}

/** The agent's answer to an open: yes, or the Status the kubelet refuses with. */
export type StreamOpenReply = { ok: true } | { ok: false; status: Record<string, unknown> };

/** How a session ended, as the kubelet reports it on the error channel. */
export interface StreamEnd {
  status: Record<string, unknown>;
}

const enum Frame {
  Data = 0,
  Eof = 1,
  Resize = 2,
  Credit = 3,
  End = 4,
  Cancel = 5,
  Ping = 6,
}

/** Bytes one side may send before the other acknowledges them. */
const defaultWindow = 1024 * 1024;
/** Largest data frame: well under NATS' default 1 MiB payload limit. */
const maxChunk = 64 * 1024;
const defaultPingMs = 5_000;
const defaultSilenceMs = 20_000;

export interface StreamTuning {
  window?: number;
  pingMs?: number;
  /** A peer silent this long is taken for gone. */
  silenceMs?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const subjectsOf = (id: string) => ({ toAgent: `kubelab.stream.${id}.in`, toApi: `kubelab.stream.${id}.out` });

/** The subject an agent serves stream opens for `node` on. */
export const streamOpenSubject = (node: string) => `kubelab.agent.${node}.stream`;

function frame(type: Frame, channel = 0, payload?: Uint8Array): Uint8Array {
  const out = new Uint8Array(2 + (payload?.length ?? 0));
  out[0] = type;
  out[1] = channel;
  if (payload) out.set(payload, 2);
  return out;
}

function json(type: Frame, value: unknown): Uint8Array {
  return frame(type, 0, encoder.encode(JSON.stringify(value)));
}

function readJson<T>(data: Uint8Array): T | undefined {
  try {
    return JSON.parse(decoder.decode(data.subarray(2))) as T;
  } catch {
    return undefined;
  }
}

/**
 * One side of a session. Data goes out with `send` (resolving when the peer has
 * room), comes in through `onData` (whose promise holds back the credit), and
 * the session ends once: by `end`/`cancel` here, the peer's, or its silence.
 */
class StreamPeer {
  private readonly sub: Subscription;
  private credit: number;
  private readonly creditWaiters: (() => void)[] = [];
  private consumed = 0;
  private lastHeard = Date.now();
  private readonly pinger: NodeJS.Timeout;
  private closed = false;
  private dataHandler?: (channel: number, data: Uint8Array) => void | Promise<void>;
  /** Data that arrived before anyone listened: kept for the first handler. */
  private early: [number, Uint8Array][] = [];
  /** What was to happen after the early data: it waits for the handler too. */
  private readonly waitingForHandler: (() => void)[] = [];
  private queue: Promise<void> = Promise.resolve();
  private readonly closeHandlers: ((reason: StreamClose) => void)[] = [];

  constructor(
    private readonly nc: NatsConnection,
    private readonly sendSubject: string,
    receiveSubject: string,
    private readonly control: (type: Frame, data: Uint8Array) => void,
    private readonly tuning: Required<StreamTuning>,
  ) {
    this.credit = tuning.window;
    this.sub = nc.subscribe(receiveSubject, { callback: (_e, msg) => this.receive(msg.data) });
    this.pinger = setInterval(() => this.tick(), tuning.pingMs);
  }

  private tick(): void {
    if (Date.now() - this.lastHeard > this.tuning.silenceMs) return this.close({ kind: 'silent' });
    this.publish(frame(Frame.Ping));
  }

  private receive(data: Uint8Array): void {
    if (this.closed || data.length < 2) return;
    this.lastHeard = Date.now();
    const type = data[0] as Frame;
    if (type === Frame.Data) {
      if (this.dataHandler) this.deliver(this.dataHandler, data[1], data.slice(2));
      else this.early.push([data[1], data.slice(2)]);
      return;
    }
    if (type === Frame.Credit) {
      this.credit += new DataView(data.buffer, data.byteOffset + 2, 4).getUint32(0);
      this.wakeWriters();
      return;
    }
    if (type === Frame.Ping) return;
    this.control(type, data);
  }

  private acknowledge(bytes: number): void {
    if (this.closed) return;
    this.consumed += bytes;
    if (this.consumed < this.tuning.window / 4) return;
    const grant = new Uint8Array(4);
    new DataView(grant.buffer).setUint32(0, this.consumed);
    this.consumed = 0;
    this.publish(frame(Frame.Credit, 0, grant));
  }

  private wakeWriters(): void {
    while (this.credit > 0 && this.creditWaiters.length > 0) this.creditWaiters.shift()!();
  }

  publish(data: Uint8Array): void {
    if (this.closed) return;
    if (this.nc.isClosed()) return this.close({ kind: 'silent' });
    this.nc.publish(this.sendSubject, data);
  }

  private deliver(handler: (channel: number, data: Uint8Array) => void | Promise<void>, channel: number, payload: Uint8Array): void {
    this.queue = this.queue.then(async () => {
      if (this.closed) return;
      try {
        await handler(channel, payload);
      } finally {
        this.acknowledge(payload.length);
      }
    });
  }

  onData(handler: (channel: number, data: Uint8Array) => void | Promise<void>): void {
    this.dataHandler = handler;
    for (const [channel, payload] of this.early.splice(0)) this.deliver(handler, channel, payload);
    for (const then of this.waitingForHandler.splice(0)) void this.queue.then(then);
  }

  onClose(handler: (reason: StreamClose) => void): void {
    this.closeHandlers.push(handler);
  }

  /** Sends `data` on `channel` in chunks, each waiting for credit; resolves when all is sent. */
  async send(channel: number, data: Uint8Array): Promise<void> {
    for (let offset = 0; offset < data.length; offset += maxChunk) {
      while (this.credit <= 0) {
        if (this.closed) return;
        await new Promise<void>((resolve) => this.creditWaiters.push(resolve));
      }
      if (this.closed) return;
      const chunk = data.subarray(offset, offset + maxChunk);
      this.credit -= chunk.length;
      this.publish(frame(Frame.Data, channel, chunk));
    }
  }

  /** Ends the session here (once); the peer is told with `farewell` when given. */
  close(reason: StreamClose, farewell?: Uint8Array): void {
    if (this.closed) return;
    if (farewell && !this.nc.isClosed()) this.nc.publish(this.sendSubject, farewell);
    this.closed = true;
    clearInterval(this.pinger);
    if (!this.nc.isClosed()) this.sub.unsubscribe();
    this.creditWaiters.splice(0).forEach((wake) => wake());
    for (const handler of this.closeHandlers.splice(0)) handler(reason);
  }

  /** Data already received is handed over before `then` runs. */
  afterQueued(then: () => void): void {
    if (!this.dataHandler && this.early.length > 0) this.waitingForHandler.push(then);
    else void this.queue.then(then);
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

type StreamClose = { kind: 'ended'; end: StreamEnd } | { kind: 'cancelled' } | { kind: 'silent' };

const tuned = (t: StreamTuning = {}): Required<StreamTuning> => ({
  window: t.window ?? defaultWindow,
  pingMs: t.pingMs ?? defaultPingMs,
  silenceMs: t.silenceMs ?? defaultSilenceMs,
});

/** The opening side's end of a session: the api-server's for a client's exec, attach or port-forward; `kubelab ssh`'s. */
export interface ApiStream {
  write(data: Uint8Array): Promise<void>;
  end(): void;
  resize(width: number, height: number): void;
  onData(handler: (channel: 1 | 2, data: Uint8Array) => void | Promise<void>): void;
  readonly done: Promise<StreamEnd>;
  cancel(): void;
}

const lostAgent = (message: string): StreamEnd => ({
  status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'InternalError', code: 500 },
});

/** Result of asking an agent: the open stream, or the refusal Status (or undefined: no agent answered). */
export type OpenResult = { ok: true; stream: ApiStream } | { ok: false; status?: Record<string, unknown> };

/** Opens a session on the agent serving `node`. */
export async function openContainerStream(
  nc: NatsConnection,
  node: string,
  request: Omit<StreamOpen, 'id'>,
  tuning?: StreamTuning,
): Promise<OpenResult> {
  const id = randomUUID();
  const subjects = subjectsOf(id);
  let endWith: (end: StreamEnd) => void = () => undefined;
  const done = new Promise<StreamEnd>((resolve) => (endWith = resolve));
  const peer = new StreamPeer(nc, subjects.toAgent, subjects.toApi, (type, data) => {
    if (type !== Frame.End) return;
    const end = readJson<StreamEnd>(data) ?? lostAgent('the kubelet-agent sent an unreadable end of stream');
    peer.afterQueued(() => peer.close({ kind: 'ended', end }));
  }, tuned(tuning));
  peer.onClose((reason) => {
    if (reason.kind === 'ended') endWith(reason.end);
    else if (reason.kind === 'silent') endWith(lostAgent(`the kubelet-agent for node "${node}" stopped answering`));
    else endWith({ status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' } });
  });
  let reply: StreamOpenReply;
  try {
    const msg = await nc.request(streamOpenSubject(node), encoder.encode(JSON.stringify({ ...request, id })), { timeout: 5_000 });
    reply = JSON.parse(decoder.decode(msg.data)) as StreamOpenReply;
  } catch {
    peer.close({ kind: 'cancelled' });
    return { ok: false };
  }
  if (!reply.ok) {
    peer.close({ kind: 'cancelled' });
    return { ok: false, status: reply.status };
  }
  return {
    ok: true,
    stream: {
      write: (data) => peer.send(0, data),
      end: () => peer.publish(frame(Frame.Eof)),
      resize: (width, height) => peer.publish(json(Frame.Resize, { width, height })),
      onData: (handler) => peer.onData((channel, data) => handler(channel === 2 ? 2 : 1, data)),
      done,
      cancel: () => peer.close({ kind: 'cancelled' }, frame(Frame.Cancel)),
    },
  };
}

/** The agent's end of a session. */
export interface AgentStream {
  readonly request: StreamOpen;
  /** Output toward the client (1 stdout / port data, 2 stderr); resolves when the client has room. */
  send(channel: 1 | 2, data: Uint8Array): Promise<void>;
  /** Ends the session with the kubelet's Status (after the output already sent). */
  finish(end: StreamEnd): void;
  /** stdin / client bytes; the handler's promise holds back the credit. */
  onInput(handler: (data: Uint8Array) => void | Promise<void>): void;
  onEof(handler: () => void): void;
  onResize(handler: (width: number, height: number) => void): void;
  /** The client went away or the api-server fell silent: stop the process side. */
  onCancel(handler: () => void): void;
}

/**
 * Serves opens for `node`: `accept` answers each at once with a refusal Status,
 * or with the function that runs the accepted session.
 */
export function serveContainerStreams(
  nc: NatsConnection,
  node: string,
  accept: (request: StreamOpen) => { ok: false; status: Record<string, unknown> } | { ok: true; run: (stream: AgentStream) => void },
  tuning?: StreamTuning,
): Subscription {
  return nc.subscribe(streamOpenSubject(node), {
    callback: (_e, msg) => {
      let request: StreamOpen;
      try {
        request = JSON.parse(decoder.decode(msg.data)) as StreamOpen;
      } catch {
        return;
      }
      const decision = accept(request);
      if (!decision.ok) {
        msg.respond(encoder.encode(JSON.stringify(decision satisfies StreamOpenReply)));
        return;
      }
      const subjects = subjectsOf(request.id);
      const handlers = { eof: () => undefined as void, resize: (_w: number, _h: number) => undefined as void, cancel: () => undefined as void };
      const peer = new StreamPeer(nc, subjects.toApi, subjects.toAgent, (type, data) => {
        if (type === Frame.Eof) peer.afterQueued(() => handlers.eof());
        if (type === Frame.Resize) {
          const size = readJson<{ width: number; height: number }>(data);
          if (size) handlers.resize(size.width, size.height);
        }
        if (type === Frame.Cancel) peer.close({ kind: 'cancelled' });
      }, tuned(tuning));
      peer.onClose((reason) => {
        if (reason.kind !== 'ended') handlers.cancel();
      });
      msg.respond(encoder.encode(JSON.stringify({ ok: true } satisfies StreamOpenReply)));
      decision.run({
        request,
        send: (channel, data) => peer.send(channel, data),
        finish: (end) => peer.close({ kind: 'ended', end }, json(Frame.End, end)),
        onInput: (handler) => peer.onData((_channel, data) => handler(data)),
        onEof: (handler) => (handlers.eof = handler),
        onResize: (handler) => (handlers.resize = handler),
        onCancel: (handler) => (handlers.cancel = handler),
      });
    },
  });
}
