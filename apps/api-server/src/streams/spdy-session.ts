/**
 * The server end of a SPDY/3.1 session, as much of it as Kubernetes clients use: they open
 * every stream (SYN_STREAM with a `streamtype` header), we accept with SYN_REPLY, both ends
 * send DATA and half-close with FIN, RST_STREAM resets, PINGs are echoed.
 *
 * Written here rather than on spdy-transport because client-go's peer (moby/spdystream) has
 * no flow control at all: it never sends WINDOW_UPDATE, so a sender that honours SPDY/3.1
 * windows stalls after 64 KiB, and it ignores our SETTINGS and WINDOW_UPDATE frames. So this
 * session sends none and keeps no windows: back-pressure is TCP's (or the WebSocket's).
 *
 * Header blocks: inbound ones are inflated with the SPDY/3 dictionary through one zlib
 * stream per session (node:zlib, asynchronous, so frames are handled one after another);
 * outbound ones are written as stored (uncompressed) deflate blocks after a zlib header that
 * names the dictionary, which any inflater reads and which needs no asynchronous step.
 */
import { createInflate, constants as zlibConstants, type Inflate } from 'node:zlib';
import { spdy3Dictionary } from './spdy-dictionary.js';

const frameHeaderBytes = 8;
const maxDataFrame = 64 * 1024;
const flagFin = 0x01;
const rstCancel = 5;
const rstProtocolError = 1;
/** Frames read ahead of the one being handled before the client is no longer read. */
const maxQueuedFrames = 8;

const enum FrameType {
  SynStream = 1,
  SynReply = 2,
  RstStream = 3,
  Settings = 4,
  Ping = 6,
  GoAway = 7,
  Headers = 8,
  WindowUpdate = 9,
}

/** How the session reaches its client: a raw socket, or a WebSocket that tunnels the bytes. */
export interface SpdyTransport {
  /** Resolves when the transport has taken the bytes (its buffer has room again). */
  send(bytes: Buffer): Promise<void>;
  /** Stop reading the client until resume(): a stream's consumer is slower than the client. */
  pause(): void;
  resume(): void;
  close(): void;
}

/** One client-opened stream. */
export class SpdyStream {
  private dataHandler: (data: Buffer) => void | Promise<void> = () => undefined;
  private endHandler: () => void = () => undefined;
  private resetHandler: () => void = () => undefined;
  private localClosed = false;
  remoteClosed = false;
  reset = false;

  constructor(private readonly session: SpdySession, readonly id: number, readonly headers: Record<string, string>) {}

  /** Bytes from the client; the session reads no further frame until the promise settles. */
  onData(handler: (data: Buffer) => void | Promise<void>): void {
    this.dataHandler = handler;
  }
  onEnd(handler: () => void): void {
    this.endHandler = handler;
    if (this.remoteClosed && !this.reset) handler();
  }
  onReset(handler: () => void): void {
    this.resetHandler = handler;
    if (this.reset) handler();
  }

  async write(data: Uint8Array): Promise<void> {
    for (let at = 0; at < data.length; at += maxDataFrame) {
      if (this.localClosed || this.reset) return;
      await this.session.sendData(this.id, Buffer.from(data.subarray(at, at + maxDataFrame)), false);
    }
  }

  /** Half-close: FIN on an empty DATA frame, as spdystream's Close does. */
  end(): void {
    if (this.localClosed || this.reset) return;
    this.localClosed = true;
    void this.session.sendData(this.id, Buffer.alloc(0), true);
  }

  /** RST_STREAM CANCEL. */
  cancel(): void {
    if (this.reset) return;
    this.reset = true;
    this.localClosed = true;
    this.session.sendReset(this.id, rstCancel);
  }

  /** @internal */
  deliver(data: Buffer, fin: boolean): void | Promise<void> {
    const pending = data.length > 0 && !this.reset ? this.dataHandler(data) : undefined;
    if (!fin) return pending;
    return Promise.resolve(pending).then(() => this.remoteEnd());
  }

  /** @internal */
  remoteEnd(): void {
    if (this.remoteClosed) return;
    this.remoteClosed = true;
    if (!this.reset) this.endHandler();
  }

  /** @internal */
  remoteReset(): void {
    if (this.reset) return;
    this.reset = true;
    this.localClosed = true;
    this.resetHandler();
  }
}

/** A SPDY/3.1 server session over one transport. */
export class SpdySession {
  private readonly streams = new Map<number, SpdyStream>();
  private readonly inflate: Inflate = createInflate({ dictionary: spdy3Dictionary });
  private inflated: Buffer[] = [];
  private sentHeaderPreamble = false;
  private pending: Buffer = Buffer.alloc(0);
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private lastStreamId = 0;
  private closedFlag = false;
  private closeHandlers: (() => void)[] = [];

  constructor(private readonly transport: SpdyTransport, private readonly onStream: (stream: SpdyStream) => void) {
    this.inflate.on('data', (chunk: Buffer) => this.inflated.push(chunk));
    this.inflate.on('error', () => this.fail());
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  onClose(handler: () => void): void {
    if (this.closedFlag) handler();
    else this.closeHandlers.push(handler);
  }

  /** Bytes from the client, in any split; frames are handled in order. */
  receive(bytes: Buffer): void {
    if (this.closedFlag) return;
    this.pending = this.pending.length ? Buffer.concat([this.pending, bytes]) : bytes;
    while (this.pending.length >= frameHeaderBytes) {
      const length = this.pending.readUIntBE(5, 3);
      if (this.pending.length < frameHeaderBytes + length) break;
      const frame = this.pending.subarray(0, frameHeaderBytes + length);
      this.pending = this.pending.subarray(frameHeaderBytes + length);
      this.enqueue(frame);
    }
  }

  /** The transport is gone (or we are done): every stream is reset, the session is over. */
  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.inflate.close();
    for (const stream of this.streams.values()) stream.remoteReset();
    this.streams.clear();
    this.transport.close();
    for (const handler of this.closeHandlers.splice(0)) handler();
  }

  /** GOAWAY, then close once the transport has sent it: how the kubelet ends a session. */
  async goAway(): Promise<void> {
    if (this.closedFlag) return;
    const frame = control(FrameType.GoAway, 0, 8);
    frame.writeUInt32BE(this.lastStreamId, 8);
    frame.writeUInt32BE(0, 12);
    await this.transport.send(frame).catch(() => undefined);
    this.close();
  }

  /** @internal */
  sendData(id: number, data: Buffer, fin: boolean): Promise<void> {
    if (this.closedFlag) return Promise.resolve();
    const header = Buffer.alloc(frameHeaderBytes);
    header.writeUInt32BE(id & 0x7fffffff, 0);
    header.writeUInt8(fin ? flagFin : 0, 4);
    header.writeUIntBE(data.length, 5, 3);
    return this.transport.send(Buffer.concat([header, data])).catch(() => this.close());
  }

  /** @internal */
  sendReset(id: number, status: number): void {
    this.streams.delete(id);
    if (this.closedFlag) return;
    const frame = control(FrameType.RstStream, 0, 8);
    frame.writeUInt32BE(id, 8);
    frame.writeUInt32BE(status, 12);
    void this.transport.send(frame).catch(() => this.close());
  }

  private enqueue(frame: Buffer): void {
    this.queued++;
    if (this.queued > maxQueuedFrames) this.transport.pause();
    this.queue = this.queue
      .then(() => (this.closedFlag ? undefined : this.handle(frame)))
      .catch(() => this.fail())
      .finally(() => {
        this.queued--;
        if (this.queued === 0 && !this.closedFlag) this.transport.resume();
      });
  }

  private fail(): void {
    this.close();
  }

  private async handle(frame: Buffer): Promise<void> {
    const flags = frame[4];
    const payload = frame.subarray(frameHeaderBytes);
    if ((frame[0] & 0x80) === 0) {
      const stream = this.streams.get(frame.readUInt32BE(0) & 0x7fffffff);
      if (stream) await stream.deliver(payload, (flags & flagFin) !== 0);
      return;
    }
    const version = frame.readUInt16BE(0) & 0x7fff;
    if (version !== 3) throw new Error(`SPDY version ${version}`);
    switch (frame.readUInt16BE(2) as FrameType) {
      case FrameType.SynStream:
        return this.synStream(payload, flags);
      case FrameType.SynReply:
        await this.headerBlock(payload.subarray(4));
        return;
      case FrameType.Headers:
        await this.headerBlock(payload.subarray(4));
        return;
      case FrameType.RstStream: {
        const id = payload.readUInt32BE(0) & 0x7fffffff;
        const stream = this.streams.get(id);
        this.streams.delete(id);
        stream?.remoteReset();
        return;
      }
      case FrameType.Ping:
        await this.transport.send(frame);
        return;
      case FrameType.GoAway:
        this.close();
        return;
      default:
        // SETTINGS, WINDOW_UPDATE and unknown types: nothing to do without flow control.
        return;
    }
  }

  private async synStream(payload: Buffer, flags: number): Promise<void> {
    const id = payload.readUInt32BE(0) & 0x7fffffff;
    const headers = await this.headerBlock(payload.subarray(10));
    if (id <= this.lastStreamId || id % 2 === 0) {
      this.sendReset(id, rstProtocolError);
      return;
    }
    this.lastStreamId = id;
    const stream = new SpdyStream(this, id, headers);
    this.streams.set(id, stream);
    this.reply(id);
    this.onStream(stream);
    if (flags & flagFin) stream.remoteEnd();
  }

  /** SYN_REPLY with no headers: spdystream's CreateStream waits for it. */
  private reply(id: number): void {
    const block = this.encodeHeaders({});
    const frame = control(FrameType.SynReply, 0, 4 + block.length);
    frame.writeUInt32BE(id, 8);
    block.copy(frame, 12);
    void this.transport.send(frame).catch(() => this.close());
  }

  private headerBlock(compressed: Buffer): Promise<Record<string, string>> {
    return new Promise((resolve, reject) => {
      this.inflate.write(compressed);
      this.inflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
        const block = Buffer.concat(this.inflated);
        this.inflated = [];
        try {
          resolve(decodeHeaders(block));
        } catch (e) {
          reject(e);
        }
      });
    });
  }

  /** A header block as stored deflate blocks; the first one carries the zlib header naming the dictionary. */
  private encodeHeaders(headers: Record<string, string>): Buffer {
    const entries = Object.entries(headers);
    const parts: Buffer[] = [u32(entries.length)];
    for (const [name, value] of entries) {
      const n = Buffer.from(name.toLowerCase());
      const v = Buffer.from(value);
      parts.push(u32(n.length), n, u32(v.length), v);
    }
    const raw = Buffer.concat(parts);
    const out: Buffer[] = [];
    if (!this.sentHeaderPreamble) {
      this.sentHeaderPreamble = true;
      // CMF 0x78 (deflate, 32K window), FLG 0x20 (FDICT; 0x7820 is a multiple of 31), then the dictionary's Adler-32.
      out.push(Buffer.from([0x78, 0x20]), u32(adler32(spdy3Dictionary)));
    }
    for (let at = 0; at < raw.length; at += 0xffff) {
      const chunk = raw.subarray(at, at + 0xffff);
      const header = Buffer.alloc(5);
      header.writeUInt16LE(chunk.length, 1);
      header.writeUInt16LE(~chunk.length & 0xffff, 3);
      out.push(header, chunk);
    }
    // The empty stored block a sync flush ends with: Go's inflater hands out the block's bytes only when it reads this marker.
    out.push(Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]));
    return Buffer.concat(out);
  }
}

function control(type: FrameType, flags: number, length: number): Buffer {
  const frame = Buffer.alloc(frameHeaderBytes + length);
  frame.writeUInt16BE(0x8000 | 3, 0);
  frame.writeUInt16BE(type, 2);
  frame.writeUInt8(flags, 4);
  frame.writeUIntBE(length, 5, 3);
  return frame;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b;
}

function adler32(data: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Names are lower case; a value with several entries joins them with NUL, kept as one string. */
function decodeHeaders(block: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  if (block.length === 0) return headers;
  let at = 0;
  const count = block.readUInt32BE(at);
  at += 4;
  for (let i = 0; i < count; i++) {
    const nameLength = block.readUInt32BE(at);
    const name = block.subarray(at + 4, at + 4 + nameLength).toString();
    at += 4 + nameLength;
    const valueLength = block.readUInt32BE(at);
    const value = block.subarray(at + 4, at + 4 + valueLength).toString();
    at += 4 + valueLength;
    headers[name.toLowerCase()] = value;
  }
  return headers;
}
