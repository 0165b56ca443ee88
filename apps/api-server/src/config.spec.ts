import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

describe('parseConfig: where the log and the certificates are', () => {
  it.each([
    // [flags, environment, database, certDir]
    [[], {}, '.kubelab/events.sqlite', '.kubelab/pki'],
    [['--database', '/var/lab/events.sqlite'], {}, '/var/lab/events.sqlite', '/var/lab/pki'],
    [['--database', 'postgres://kube:secret@db:5432/lab'], {}, 'postgres://kube:secret@db:5432/lab', '.kubelab/pki'],
    [[], { KUBELAB_DATABASE: 'postgresql://db/lab' }, 'postgresql://db/lab', '.kubelab/pki'],
    [['--database', 'postgres://db/lab', '--cert-dir', '/etc/kubelab/pki'], {}, 'postgres://db/lab', '/etc/kubelab/pki'],
  ])('%j %j', (flags, env, database, certDir) => {
    const config = parseConfig(flags, env);
    expect([config.database, config.certDir]).toEqual([database, certDir]);
  });
});
