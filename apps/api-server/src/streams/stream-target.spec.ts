import type { KubeObject } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { execTarget, forwardedPorts, parsePort, portForwardTarget } from './stream-target.js';

function pod(spec: Record<string, unknown>, phase = 'Running'): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'u-1' }, spec: { nodeName: 'node-1', ...spec }, status: { phase } };
}
const one = { containers: [{ name: 'main' }] };
const params = (query: string) => new URLSearchParams(query);

describe('execTarget: the checks kube-apiserver and the kubelet make before a stream opens', () => {
  it('resolves the only container and reads the repeated command', () => {
    expect(execTarget('exec', pod(one), params('command=sh&command=-c&command=exit 3&stdout=true&stderr=1'))).toEqual({
      kind: 'exec', namespace: 'default', pod: 'web', podUid: 'u-1', node: 'node-1', container: 'main',
      command: ['sh', '-c', 'exit 3'], stdin: false, stdout: true, stderr: true, tty: false, user: 'kubelab-admin',
    });
  });

  it("reads booleans as kube-apiserver does: Python's True and False too", () => {
    expect(execTarget('exec', pod(one), params('command=ls&stdin=False&stdout=True&stderr=TRUE&tty=0'))).toMatchObject({ stdin: false, stdout: true, stderr: true, tty: false });
  });

  it('drops stderr under a tty, as the kubelet does', () => {
    expect(execTarget('attach', pod(one), params('stdin=true&stdout=true&stderr=true&tty=true'))).toMatchObject({ stderr: false, tty: true });
  });

  it.each([
    ['a wrong container', one, 'Running', 'container=sidecar&command=ls&stdout=1', 'container sidecar is not valid for pod web'],
    ['several containers and none named', { initContainers: [{ name: 'init' }], containers: [{ name: 'a' }, { name: 'b' }] }, 'Running', 'command=ls&stdout=1',
      'a container name must be specified for pod web, choose one of: [init a b]'],
    ['no container at all', { containers: [] }, 'Running', 'command=ls&stdout=1', 'a container name must be specified for pod web'],
    ['a pod not yet scheduled', { containers: [{ name: 'main' }], nodeName: undefined }, 'Pending', 'command=ls&stdout=1', 'pod web does not have a host assigned'],
    ['a completed pod', one, 'Succeeded', 'command=ls&stdout=1', 'cannot exec into a container in a completed pod; current phase is Succeeded'],
    ['no stream asked for', one, 'Running', 'command=ls', 'you must specify at least 1 of stdin, stdout, stderr'],
    ['no command', one, 'Running', 'stdout=1', 'you must specify at least one command for the container'],
  ])('refuses %s with 400', (_what, spec, phase, query, message) => {
    expect(() => execTarget('exec', pod(spec, phase), params(query))).toThrow(expect.objectContaining({ code: 400, message }));
  });

  it('accepts a named init or ephemeral container', () => {
    const spec = { initContainers: [{ name: 'init' }], containers: [{ name: 'a' }, { name: 'b' }], ephemeralContainers: [{ name: 'debugger' }] };
    expect(execTarget('attach', pod(spec), params('container=debugger&stdout=1')).container).toBe('debugger');
    expect(execTarget('exec', pod(spec), params('container=init&command=ls&stdout=1')).container).toBe('init');
  });

  it('words attach to a finished pod as kubectl attach does', () => {
    expect(() => execTarget('attach', pod(one, 'Failed'), params('stdout=1'))).toThrow('cannot attach a container in a completed pod; current phase is Failed');
  });
});

describe('port-forward targets', () => {
  it('needs a node, and reads ports as the kubelet does', () => {
    expect(portForwardTarget(pod(one))).toMatchObject({ kind: 'portforward', node: 'node-1', podUid: 'u-1' });
    expect(() => portForwardTarget(pod({ ...one, nodeName: '' }, 'Pending'))).toThrow('pod web does not have a host assigned');
    expect(forwardedPorts(params('ports=80,8080&ports=9090'))).toEqual([80, 8080, 9090]);
    expect(() => forwardedPorts(params(''))).toThrow('query parameter "port" is required');
    expect(() => parsePort('http')).toThrow('unable to parse "http" as a port: invalid syntax');
    expect(() => parsePort('0')).toThrow('port "0" must be > 0');
    expect(() => parsePort('70000')).toThrow('unable to parse "70000" as a port');
  });
});
