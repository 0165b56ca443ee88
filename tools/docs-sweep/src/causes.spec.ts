import { describe, expect, it } from 'vitest';
import { classifyApplyError, classifyApplyStderr, classifyPod, isSettled, type PodObservation, summarize } from './causes.js';

describe('classifyApplyError', () => {
  it('names the kind and version the lab has no API for', () => {
    expect(classifyApplyError('error: resource mapping not found for name: "gw" namespace: "" from "x.yaml": no matches for kind "Gateway" in version "gateway.networking.k8s.io/v1"'))
      .toBe('no API for kind Gateway in gateway.networking.k8s.io/v1');
  });

  it('keeps field paths and error types of an Invalid refusal, folding indices and values', () => {
    const line = 'Error from server (Invalid): error when creating "pods/a.yaml": Pod "with-node-affinity" is invalid: [spec.containers[0].image: Required value, spec.affinity.nodeAffinity: Invalid value: "x": must be set]';
    expect(classifyApplyError(line)).toBe('Invalid: spec.containers[*].image: Required value; Invalid: spec.affinity.nodeAffinity: Invalid value: must be set');
  });

  it('folds names and numbers out of other server refusals, keeping the reason', () => {
    expect(classifyApplyError('Error from server (Forbidden): error when creating "a.yaml": pods "p" is forbidden: exceeded quota: q, requested: cpu=2'))
      .toBe('Forbidden: forbidden: exceeded quota: q, requested: cpu=2');
    expect(classifyApplyError('Error from server (NotFound): error when creating "a.yaml": namespaces "x" not found')).toBe('NotFound: namespaces "…" not found');
  });

  it('tells strict decoding errors and kubectl\'s own refusals apart', () => {
    expect(classifyApplyError('Error from server (BadRequest): error when creating "a.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"'))
      .toBe('BadRequest: strict decoding error: unknown field "spec.foo"');
    expect(classifyApplyError('error: the namespace from the provided object "a" does not match the namespace "b". You must pass \'--namespace=a\' to perform this operation.'))
      .toBe('the file names a namespace other than -n');
  });

  it('reads a message that spans lines as one: an object\'s field errors, a configuration kubectl could not retrieve', () => {
    const invalid = 'The Job "process-item-$ITEM" is invalid: \n* metadata.name: Invalid value: "process-item-$ITEM": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\'\n* spec.template.labels: Invalid value: "x": a valid label must be an empty string';
    expect(classifyApplyStderr(invalid)).toEqual(['Invalid: metadata.name: Invalid value: a lowercase RFC N subdomain must consist of lower case alphanumeric characters; Invalid: spec.template.labels: Invalid value: a valid label must be an empty string']);
    const unnamed = 'error: error when retrieving current configuration of:\nResource: "batch/v1, Resource=jobs", GroupVersionKind: "batch/v1, Kind=Job"\nName: "", Namespace: "ns"\nfrom server for: "/x/job.yaml": resource name may not be empty\n';
    expect(classifyApplyStderr(unnamed)).toEqual(['kubectl: resource name may not be empty']);
  });

  it('ignores warnings and blank lines', () => {
    expect(classifyApplyError('Warning: spec.template.spec.containers[0].image: ...')).toBeUndefined();
    expect(classifyApplyStderr('Warning: deprecated\n\nerror: error parsing a.yaml: yaml: line 3\n')).toEqual(['kubectl could not parse the file']);
  });
});

const pod = (status: string, more: Partial<PodObservation> = {}): PodObservation => ({ file: 'pods/a.yaml', namespace: 'ns', name: 'p', ready: '1/1', status, waiting: [], ...more });

describe('classifyPod', () => {
  it('counts ready Running and Completed pods as themselves', () => {
    expect(classifyPod(pod('Running'))).toBe('Running');
    expect(classifyPod(pod('Running', { ready: '1/2' }))).toBe('Running, not ready');
    expect(classifyPod(pod('Completed', { ready: '0/1' }))).toBe('Completed');
  });

  it('gives Pending the scheduler\'s message with counts folded', () => {
    expect(classifyPod(pod('Pending', { schedulingMessage: '0/3 nodes are available: 3 node(s) didn\'t match Pod\'s node affinity/selector.' })))
      .toBe('Pending: N/N nodes are available: N node(s) didn\'t match Pod\'s node affinity/selector.');
  });

  it('gives image pull errors the image', () => {
    expect(classifyPod(pod('ImagePullBackOff', { waiting: [{ reason: 'ImagePullBackOff', message: 'Back-off pulling image', image: 'quay.io/x:1' }] }))).toBe('ImagePullBackOff: quay.io/x:1');
  });

  it('explains other states by a waiting message, else the newest Warning event', () => {
    expect(classifyPod(pod('CreateContainerConfigError', { waiting: [{ reason: 'CreateContainerConfigError', message: 'configmap "c" not found', image: 'nginx' }] })))
      .toBe('CreateContainerConfigError: configmap "…" not found');
    expect(classifyPod(pod('Init:0/1', { lastWarning: 'FailedMount: hostPath type check failed: /etc/machine-id is not a file' }))).toBe('Init:N/M: FailedMount: hostPath type check failed: /etc/machine-id is not a file');
    expect(classifyPod(pod('CrashLoopBackOff', { waiting: [{ reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=c pod=p_ns(uid)', image: 'busybox' }], lastWarning: 'BackOff: Back-off restarting failed container' })))
      .toBe('CrashLoopBackOff');
  });
});

describe('isSettled', () => {
  it('waits on pods still starting, not on ones that will stay as they are', () => {
    expect(isSettled(pod('ContainerCreating'))).toBe(false);
    expect(isSettled(pod('Init:0/1'))).toBe(false);
    expect(isSettled(pod('Running', { ready: '0/1' }))).toBe(false);
    expect(isSettled(pod('Running'))).toBe(true);
    expect(isSettled(pod('CrashLoopBackOff'))).toBe(true);
  });
});

describe('summarize', () => {
  it('counts files, refusals by cause and pods by cause, each cause with an example file', () => {
    const summary = summarize(
      [
        { file: 'a.yaml', accepted: true, objects: ['pod/p'], causes: [], errors: [] },
        { file: 'b.yaml', accepted: false, objects: [], causes: ['no API for kind Gateway in gateway.networking.k8s.io/v1'], errors: ['…'] },
      ],
      [pod('Running'), pod('Completed'), pod('CrashLoopBackOff', { file: 'c.yaml' })],
    );
    expect(summary).toEqual({
      files: 2, accepted: 1, pods: 3, good: 2, running: 1, completed: 1,
      refused: [{ cause: 'no API for kind Gateway in gateway.networking.k8s.io/v1', files: 1, example: 'b.yaml' }],
      others: [{ cause: 'CrashLoopBackOff', pods: 1, example: 'c.yaml' }],
    });
  });
});
