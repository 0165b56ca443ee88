import { ApiError } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { dryRunList, dryRunOf, dryRunQuery } from './dry-run-option.js';
import { deleteOptions, writeOptions } from './request-options.js';

function statusOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
  throw new Error('expected an ApiError');
}

/** A protobuf DeleteOptions as kubectl would send it: `k8s\0`, a runtime.Unknown with the typeMeta, and raw field 5 (dryRun). */
function protobufDeleteOptions(dryRun: string[]): Buffer {
  const len = (field: number, content: number[]) => [(field << 3) | 2, content.length, ...content];
  const str = (field: number, text: string) => len(field, [...Buffer.from(text)]);
  const raw = dryRun.flatMap((v) => str(5, v));
  return Buffer.from([0x6b, 0x38, 0x73, 0x00, ...len(1, [...str(1, 'v1'), ...str(2, 'DeleteOptions')]), ...len(2, raw)]);
}

describe('dryRunOf', () => {
  it('is a real write without values and a dry run with All (once or repeated)', () => {
    expect(dryRunOf([], 'CreateOptions')).toBe(false);
    expect(dryRunOf(['All'], 'CreateOptions')).toBe(true);
    expect(dryRunOf(['All', 'All'], 'PatchOptions')).toBe(true);
  });

  it('refuses any other value with kube-apiserver\'s 422, naming the options kind', () => {
    expect(statusOf(() => dryRunOf(['x'], 'CreateOptions'))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 422, reason: 'Invalid',
      message: 'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"x"}: supported values: "All"',
      details: { name: '', group: 'meta.k8s.io', kind: 'CreateOptions', causes: [{ reason: 'FieldValueNotSupported', message: 'Unsupported value: []string{"x"}: supported values: "All"', field: 'dryRun' }] },
    });
    expect(statusOf(() => dryRunOf(['All', 'all'], 'DeleteOptions'))?.message)
      .toBe('DeleteOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"All", "all"}: supported values: "All"');
  });
});

describe('dryRunQuery and dryRunList', () => {
  it('reads ?dryRun=All, and refuses an empty ?dryRun= as Go decodes it: one empty value', () => {
    expect(dryRunQuery({}, 'UpdateOptions')).toBe(false);
    expect(dryRunQuery({ dryRun: 'All' }, 'UpdateOptions')).toBe(true);
    expect(statusOf(() => dryRunQuery({ dryRun: '' }, 'UpdateOptions'))?.message)
      .toBe('UpdateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{""}: supported values: "All"');
  });

  it('reads a body\'s list, and refuses a value that is not a list of strings with a 400', () => {
    expect(dryRunList(undefined, 'DeleteOptions')).toBe(false);
    expect(dryRunList([], 'DeleteOptions')).toBe(false);
    expect(dryRunList(['All'], 'DeleteOptions')).toBe(true);
    expect(statusOf(() => dryRunList('All', 'DeleteOptions'))).toMatchObject({ code: 400, message: 'DeleteOptions.dryRun must be a list of strings, e.g. ["All"]' });
  });
});

describe('writeOptions and deleteOptions carry dryRun', () => {
  it('sets dryRun on writes from the query, validated as the given options kind', () => {
    expect(writeOptions({ dryRun: 'All' }, 'PatchOptions')).toMatchObject({ dryRun: true, fieldValidation: 'Warn' });
    expect(writeOptions({}, 'CreateOptions').dryRun).toBe(false);
    expect(statusOf(() => writeOptions({ dryRun: 'Server' }, 'PatchOptions'))?.message).toMatch(/^PatchOptions\.meta\.k8s\.io "" is invalid: dryRun: /);
  });

  it('sets dryRun on deletes from a JSON body (kubectl delete --dry-run=server), a protobuf body or the query', () => {
    const json = Buffer.from(JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background', dryRun: ['All'] }));
    expect(deleteOptions(json, 'application/json', {})).toMatchObject({ dryRun: true, propagationPolicy: 'Background' });
    expect(deleteOptions(protobufDeleteOptions(['All']), 'application/vnd.kubernetes.protobuf', {}).dryRun).toBe(true);
    expect(deleteOptions(undefined, undefined, { dryRun: 'All' }).dryRun).toBe(true);
    expect(deleteOptions(undefined, undefined, {}).dryRun).toBe(false);
    const refused = Buffer.from(JSON.stringify({ dryRun: ['x'] }));
    expect(statusOf(() => deleteOptions(refused, 'application/json', {}))?.message)
      .toBe('DeleteOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"x"}: supported values: "All"');
  });
});
