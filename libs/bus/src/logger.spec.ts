import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@kubelab/testing';
import { describe, expect, it } from 'vitest';
import { droppingDestination } from './logger.js';

describe('droppingDestination', () => {
  it('drops a line the device refuses (ENOSPC) instead of retrying it forever', () => {
    const fd = openSync('/dev/full', 'w');
    try {
      const destination = droppingDestination(fd, 'api-server');
      for (let i = 0; i < 100; i++) destination.write('{"msg":"x"}\n');
    } finally {
      closeSync(fd);
    }
  });

  it('writes whole lines to a file that takes them', () => {
    const file = join(tempDir('logger'), 'log');
    const fd = openSync(file, 'w');
    try {
      const destination = droppingDestination(fd, 'api-server');
      destination.write('{"msg":"a"}\n');
      destination.write('{"msg":"b"}\n');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe('{"msg":"a"}\n{"msg":"b"}\n');
  });
});
