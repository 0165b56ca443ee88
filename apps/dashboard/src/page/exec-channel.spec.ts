import { describe, expect, it } from 'vitest';
import { closeStdinFrame, decodeFrame, endLines, execUrl, exitCode, resizeFrame, stdinFrame } from './exec-channel.js';

const bytes = (channel: number, text: string) => Uint8Array.from([channel, ...new TextEncoder().encode(text)]);
const failure = (code: string, message = `command terminated with non-zero exit code: error executing command [sh], exit code ${code}`) => ({
  status: 'Failure', message, reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: code }] },
});

describe('encoding', () => {
  it('puts keystrokes on channel 0 as UTF-8', () => {
    expect([...stdinFrame('ls é\r')]).toEqual([0, 0x6c, 0x73, 0x20, 0xc3, 0xa9, 0x0d]);
    expect([...stdinFrame(Uint8Array.of(3))]).toEqual([0, 3]);
    expect([...stdinFrame('')]).toEqual([0]);
  });

  it('puts the terminal size on channel 4 as remotecommand.TerminalSize', () => {
    const frame = resizeFrame(120, 40);
    expect(frame[0]).toBe(4);
    expect(new TextDecoder().decode(frame.subarray(1))).toBe('{"Width":120,"Height":40}');
  });

  it('closes stdin with v5\'s [255, 0]', () => {
    expect([...closeStdinFrame()]).toEqual([255, 0]);
  });
});

describe('decodeFrame', () => {
  it('reads stdout and stderr as bytes, a UTF-8 character split across messages included', () => {
    const split = decodeFrame(Uint8Array.of(1, 0x68, 0xc3));
    expect(split).toEqual({ type: 'output', stream: 'stdout', data: Uint8Array.of(0x68, 0xc3) });
    expect(decodeFrame(bytes(2, 'sh: nope: not found\n'))).toEqual({ type: 'output', stream: 'stderr', data: new TextEncoder().encode('sh: nope: not found\n') });
  });

  it('reads the Status on channel 3, and keeps a status that is not JSON as its message', () => {
    expect(decodeFrame(bytes(3, '{"metadata":{},"status":"Success"}'))).toEqual({ type: 'status', status: { metadata: {}, status: 'Success' } });
    expect(decodeFrame(bytes(3, 'container not found'))).toEqual({ type: 'status', status: { status: 'Failure', message: 'container not found' } });
  });

  it('reads a closed channel and an unknown one', () => {
    expect(decodeFrame(Uint8Array.of(255, 1))).toEqual({ type: 'closed', channel: 1 });
    expect(decodeFrame(Uint8Array.of(9, 1))).toEqual({ type: 'unknown', channel: 9 });
  });
});

describe('exitCode', () => {
  it.each([
    [{ status: 'Success' }, 0],
    [failure('3'), 3],
    [failure('127'), 127],
    [{ status: 'Failure', message: 'container "db" in pod "web" is not running', reason: 'BadRequest' }, undefined],
    [{ status: 'Failure', details: { causes: [{ reason: 'ExitCode', message: 'three' }] } }, undefined],
  ])('%j: %s', (status, code) => {
    expect(exitCode(status)).toBe(code);
  });
});

describe('endLines', () => {
  const ended = { opened: true, sawOutput: true, command: 'sh' };

  it('prints the exit code the status carries', () => {
    expect(endLines({ ...ended, status: { status: 'Success' } })).toEqual(['[session ended: exit 0]']);
    expect(endLines({ ...ended, status: failure('3') })).toEqual(['[session ended: exit 3]']);
  });

  it('says the container has no shell when sh could not start (126 or 127 before any output)', () => {
    const missing = failure('127', 'exec: "sh": executable file not found in $PATH');
    expect(endLines({ ...ended, sawOutput: false, status: missing })).toEqual([
      '[session ended: exit 127]',
      'this container has no sh to run (exec: "sh": executable file not found in $PATH)',
    ]);
    expect(endLines({ ...ended, sawOutput: false, status: { status: 'Failure', details: { causes: [{ reason: 'ExitCode', message: '126' }] } } }))
      .toEqual(['[session ended: exit 126]', 'this container has no sh to run']);
    expect(endLines({ ...ended, status: missing })).toEqual(['[session ended: exit 127]']);
  });

  it('prints a failure that is no exit code as its message', () => {
    expect(endLines({ ...ended, status: { status: 'Failure', message: 'container "db" in pod "web" is not running' } }))
      .toEqual(['[session ended: container "db" in pod "web" is not running]']);
  });

  it('tells a dropped connection from one that never opened', () => {
    expect(endLines({ ...ended })).toEqual(['[session ended: the connection closed]']);
    expect(endLines({ ...ended, opened: false, sawOutput: false })).toEqual(['[no session: the dashboard could not open a WebSocket to the pod\'s exec]']);
  });
});

describe('execUrl', () => {
  it('asks for the command on a TTY in the container, over ws or wss as the page was loaded', () => {
    expect(execUrl('http://127.0.0.1:8001', { namespace: 'default', pod: 'web-1', container: 'nginx' }, 'sh'))
      .toBe('ws://127.0.0.1:8001/api/v1/namespaces/default/pods/web-1/exec?command=sh&stdin=true&stdout=true&stderr=true&tty=true&container=nginx');
    expect(execUrl('https://lab.example', { namespace: 'drills', pod: 'probed', container: 'nginx' }, 'sh'))
      .toMatch(/^wss:\/\/lab\.example\/api\/v1\/namespaces\/drills\/pods\/probed\/exec\?/);
  });
});
