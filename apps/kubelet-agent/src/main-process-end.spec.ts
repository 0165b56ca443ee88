import { describe, expect, it } from 'vitest';
import { goDaemonEnd, mainProcessEndLines } from './main-process-end.js';

describe('a Go daemon\'s main process signalled by root, as systemd records its end', () => {
  it.each([
    ['SIGTERM', { code: 'exited', status: '0/SUCCESS' }, ['kubelet.service: Deactivated successfully.']],
    ['SIGINT', { code: 'exited', status: '0/SUCCESS' }, ['kubelet.service: Deactivated successfully.']],
    ['SIGHUP', { code: 'killed', status: '1/HUP' }, ['kubelet.service: Deactivated successfully.']],
    ['SIGKILL', { code: 'killed', status: '9/KILL', result: 'signal' }, ['kubelet.service: Main process exited, code=killed, status=9/KILL', 'kubelet.service: Failed with result \'signal\'.']],
    ['SIGQUIT', { code: 'exited', status: '2/INVALIDARGUMENT', result: 'exit-code' }, ['kubelet.service: Main process exited, code=exited, status=2/INVALIDARGUMENT', 'kubelet.service: Failed with result \'exit-code\'.']],
    ['SIGSEGV', { code: 'exited', status: '2/INVALIDARGUMENT', result: 'exit-code' }, ['kubelet.service: Main process exited, code=exited, status=2/INVALIDARGUMENT', 'kubelet.service: Failed with result \'exit-code\'.']],
  ])('%s', (signal, end, lines) => {
    expect(goDaemonEnd(signal)).toEqual(end);
    expect(mainProcessEndLines('kubelet.service', goDaemonEnd(signal)!)).toEqual(lines);
  });

  it.each(['SIGUSR1', 'SIGWINCH', 'SIGCHLD', 'SIGALRM'])('%s leaves it running', (signal) => {
    expect(goDaemonEnd(signal)).toBeUndefined();
  });
});
