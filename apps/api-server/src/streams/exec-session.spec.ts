import { describe, expect, it } from 'vitest';
import type { ContainerStream, Status, StreamOutcome, StreamTarget } from './container-stream.js';
import { runExecSession, terminalSize, type ExecClient } from './exec-session.js';
import { StreamGauge } from './stream-gauge.js';

const target: StreamTarget = {
  kind: 'exec', namespace: 'default', pod: 'p', podUid: 'u', node: 'n', container: 'c', command: ['sh'],
  stdin: true, stdout: true, stderr: false, tty: false, user: 'kubelab-admin',
};

/** A ContainerStream the test drives: what it was told, and a hand on its output and end. */
function containerStream() {
  const calls: string[] = [];
  let handler: (channel: 1 | 2, data: Uint8Array) => void | Promise<void> = () => undefined;
  let finish!: (o: StreamOutcome) => void;
  let release!: () => void;
  const room = new Promise<void>((r) => (release = r));
  const stream: ContainerStream = {
    write: async (d) => {
      calls.push(`write ${Buffer.from(d).toString()}`);
      await room;
    },
    end: () => void calls.push('end'),
    resize: (w, h) => void calls.push(`resize ${w}x${h}`),
    onData: (h) => void (handler = h),
    done: new Promise((r) => (finish = r)),
    cancel: () => void calls.push('cancel'),
  };
  return { stream, calls, emit: (ch: 1 | 2, text: string) => handler(ch, Buffer.from(text)), finish, release };
}

function client() {
  const events: string[] = [];
  let taken!: () => void;
  const pending = new Promise<void>((r) => (taken = r));
  const c: ExecClient = {
    output: async (ch, d) => {
      events.push(`out${ch} ${Buffer.from(d).toString()}`);
      await pending;
    },
    status: async (s: Status) => void events.push(`status ${s.status}`),
    finish: () => void events.push('finish'),
  };
  return { c, events, take: () => taken() };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('runExecSession', () => {
  it('holds the container back until the client took its output, then sends the Status and closes', async () => {
    const s = containerStream();
    const k = client();
    const gauge = new StreamGauge();
    runExecSession(s.stream, target, k.c, gauge);
    expect(gauge.streams).toBe(1);
    let delivered = false;
    void Promise.resolve(s.emit(1, 'a')).then(() => (delivered = true));
    s.finish({ status: { status: 'Success' } });
    await tick();
    expect(delivered).toBe(false);
    expect(k.events).toEqual(['out1 a']);
    k.take();
    await tick();
    expect(delivered).toBe(true);
    expect(k.events).toEqual(['out1 a', 'status Success', 'finish']);
    expect(gauge.streams).toBe(0);
  });

  it('drops a channel the client did not ask for', async () => {
    const s = containerStream();
    const k = client();
    runExecSession(s.stream, target, k.c, new StreamGauge());
    await s.emit(2, 'stderr under no stderr');
    expect(k.events).toEqual([]);
  });

  it('writes stdin in order, ends it after the last write, passes sizes, and cancels when the client goes', async () => {
    const s = containerStream();
    const k = client();
    const input = runExecSession(s.stream, target, k.c, new StreamGauge());
    const first = input.stdin(Buffer.from('one'));
    void input.stdin(Buffer.from('two'));
    input.stdinEnd();
    input.resize(80, 24);
    input.resize(0, 0);
    await tick();
    // A resize travels on its own stream (as on the kubelet), not behind stdin.
    expect(s.calls).toEqual(['resize 80x24', 'write one']);
    s.release();
    await first;
    await tick();
    expect(s.calls).toEqual(['resize 80x24', 'write one', 'write two', 'end']);
    input.clientGone();
    input.clientGone();
    expect(s.calls.filter((c) => c === 'cancel')).toHaveLength(1);
    s.finish({ status: { status: 'Success' } });
    await tick();
    expect(k.events).toEqual([]);
  });
});

describe('terminalSize', () => {
  it.each([
    ['{"Width":80,"Height":24}', { width: 80, height: 24 }],
    ['{"Width":80}', undefined],
    ['{"Width":-1,"Height":24}', undefined],
    ['not json', undefined],
    ['null', undefined],
  ])('%s', (text, size) => expect(terminalSize(text)).toEqual(size));
});
