import { createDeflate, createInflate, constants as zlibConstants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { spdy3Dictionary } from './spdy-dictionary.js';
import { SpdySession, type SpdyStream } from './spdy-session.js';

/** A client as spdystream is one: header blocks through one deflate stream, sync-flushed per frame. */
function peer() {
  const deflate = createDeflate({ dictionary: spdy3Dictionary });
  const inflate = createInflate({ dictionary: spdy3Dictionary });
  const zipped: Buffer[] = [];
  const unzipped: Buffer[] = [];
  deflate.on('data', (c: Buffer) => zipped.push(c));
  inflate.on('data', (c: Buffer) => unzipped.push(c));
  const through = (z: typeof deflate | typeof inflate, out: Buffer[], input: Buffer) =>
    new Promise<Buffer>((resolve) => {
      z.write(input);
      z.flush(zlibConstants.Z_SYNC_FLUSH, () => resolve(Buffer.concat(out.splice(0))));
    });
  const block = (headers: Record<string, string>) => {
    const parts = [u32(Object.keys(headers).length)];
    for (const [k, v] of Object.entries(headers)) parts.push(u32(k.length), Buffer.from(k), u32(v.length), Buffer.from(v));
    return Buffer.concat(parts);
  };
  return {
    async synStream(id: number, headers: Record<string, string>, fin = false) {
      const compressed = await through(deflate, zipped, block(headers));
      const body = Buffer.concat([u32(id), u32(0), Buffer.from([0, 0]), compressed]);
      return Buffer.concat([control(1, fin ? 1 : 0, body.length), body]);
    },
    /** The headers a SYN_REPLY carries, read with a standard inflater. */
    replyHeaders: (frame: Buffer) => through(inflate, unzipped, frame.subarray(12)),
  };
}

function u32(n: number) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
function control(type: number, flags: number, length: number) {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(0x8003, 0);
  h.writeUInt16BE(type, 2);
  h[4] = flags;
  h.writeUIntBE(length, 5, 3);
  return h;
}
function data(id: number, bytes: string, fin = false) {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(id);
  h[4] = fin ? 1 : 0;
  h.writeUIntBE(bytes.length, 5, 3);
  return Buffer.concat([h, Buffer.from(bytes)]);
}

function session() {
  const sent: Buffer[] = [];
  const streams: SpdyStream[] = [];
  let closed = false;
  const s = new SpdySession({ send: async (b) => void sent.push(b), pause: () => undefined, resume: () => undefined, close: () => (closed = true) }, (st) => streams.push(st));
  return { s, sent, streams, closed: () => closed };
}

/** Header blocks inflate on the thread pool: wait for what a test expects, with a deadline. */
async function until(check: () => boolean) {
  const deadline = Date.now() + 2000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in 2 s');
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe('SpdySession', () => {
  it('accepts client streams with a SYN_REPLY a standard inflater reads, split across reads', async () => {
    const client = peer();
    const { s, sent, streams } = session();
    const bytes = Buffer.concat([await client.synStream(1, { streamtype: 'error' }), await client.synStream(3, { streamtype: 'stdout' })]);
    for (let at = 0; at < bytes.length; at += 7) s.receive(bytes.subarray(at, at + 7));
    await until(() => sent.length === 2);
    expect(streams.map((st) => [st.id, st.headers.streamtype])).toEqual([[1, 'error'], [3, 'stdout']]);
    expect(sent.map((f) => [f.readUInt16BE(2), f.readUInt32BE(8)])).toEqual([[2, 1], [2, 3]]);
    expect(await client.replyHeaders(sent[0])).toEqual(u32(0));
    expect(await client.replyHeaders(sent[1])).toEqual(u32(0));
  });

  it('delivers data in order, then the FIN; writes DATA frames and half-closes with an empty FIN', async () => {
    const client = peer();
    const { s, sent, streams } = session();
    s.receive(await client.synStream(1, { streamtype: 'stdin' }));
    await until(() => streams.length === 1);
    const got: string[] = [];
    streams[0].onData(async (d) => void got.push(d.toString()));
    streams[0].onEnd(() => got.push('EOF'));
    s.receive(Buffer.concat([data(1, 'ab'), data(1, 'cd', true)]));
    await until(() => got.length === 3);
    expect(got).toEqual(['ab', 'cd', 'EOF']);
    sent.length = 0;
    await streams[0].write(Buffer.from('out'));
    streams[0].end();
    await until(() => sent.length === 2);
    expect(sent).toEqual([data(1, 'out'), data(1, '', true)]);
  });

  it('echoes PINGs, resets on RST_STREAM, and ends every stream when closed', async () => {
    const client = peer();
    const { s, sent, streams, closed } = session();
    s.receive(await client.synStream(1, { streamtype: 'data' }));
    s.receive(await client.synStream(3, { streamtype: 'error' }));
    await until(() => streams.length === 2);
    const resets: number[] = [];
    streams.forEach((st) => st.onReset(() => resets.push(st.id)));
    sent.length = 0;
    const ping = Buffer.concat([control(6, 0, 4), u32(7)]);
    const rst = Buffer.concat([control(3, 0, 8), u32(1), u32(5)]);
    s.receive(Buffer.concat([ping, rst]));
    await until(() => resets.length === 1);
    expect(sent).toEqual([ping]);
    expect(resets).toEqual([1]);
    s.close();
    expect(resets).toEqual([1, 3]);
    expect(closed()).toBe(true);
  });

  it('closes the session on a frame of another SPDY version or a broken header block', async () => {
    const { s, closed } = session();
    s.receive(Buffer.concat([Buffer.from([0x80, 0x02, 0x00, 0x01, 0, 0, 0, 12]), u32(1), u32(0), Buffer.from([0, 0, 0, 0])]));
    await until(closed);
    expect(closed()).toBe(true);
    const other = session();
    other.s.receive(Buffer.concat([control(1, 0, 14), u32(1), u32(0), Buffer.from([0, 0]), Buffer.from('junk')]));
    await until(other.closed);
    expect(other.closed()).toBe(true);
  });
});
