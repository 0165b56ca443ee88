import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeUtf8, fromUint8Array, toUint8Array } from './byte-string.js';
import { BrokenPipe, Pipe } from './pipe.js';

describe('Pipe', () => {
  it('hands lines and chunks to the reader in order, then end of input', async () => {
    const pipe = new Pipe();
    pipe.write('one\ntw');
    expect(await pipe.readLine()).toBe('one\n');
    const pending = pipe.readLine();
    pipe.write('o\nthree');
    expect(await pending).toBe('two\n');
    pipe.close();
    expect(await pipe.readLine()).toBe('three');
    expect(await pipe.read()).toBeUndefined();
  });

  it('makes writers wait at capacity and lets them go as the reader drains', async () => {
    const pipe = new Pipe(4);
    pipe.write('abcd');
    let room = false;
    void pipe.whenWritable().then(() => (room = true));
    await Promise.resolve();
    expect(room).toBe(false);
    expect(await pipe.read()).toBe('abcd');
    await Promise.resolve();
    expect(room).toBe(true);
  });

  it('breaks the pipe for writers once the reader is gone, waking those that wait', async () => {
    const pipe = new Pipe(1);
    pipe.write('x');
    const waiting = pipe.whenWritable();
    pipe.cancel();
    await waiting;
    expect(() => pipe.write('y')).toThrow(BrokenPipe);
  });

  it('Pipe.of is complete from the start', async () => {
    const pipe = Pipe.of('all');
    expect(pipe.complete).toBe(true);
    expect(await pipe.readAll()).toBe('all');
  });
});

describe('byte strings', () => {
  it('round-trip UTF-8 text and every byte value', () => {
    expect(encodeUtf8('한')).toBe('\xed\x95\x9c');
    expect(decodeUtf8('\xed\x95\x9c')).toBe('한');
    expect(decodeUtf8('\xff')).toBe('\ufffd');
    const all = Uint8Array.from({ length: 70_000 }, (_, i) => i % 256);
    expect(toUint8Array(fromUint8Array(all))).toEqual(all);
  });
});
