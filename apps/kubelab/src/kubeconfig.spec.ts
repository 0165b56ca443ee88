import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@kubelab/testing';
import { describe, expect, it } from 'vitest';
import { kubeconfigYaml, readKubeconfig } from './kubeconfig.js';

describe('readKubeconfig', () => {
  const dir = tempDir('kubeconfig');
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads back the server and credentials of the kubeconfig the lab writes', () => {
    const credentials = { ca: 'CA PEM', cert: 'CERT PEM', key: 'KEY PEM' };
    expect(readKubeconfig(file('lab', kubeconfigYaml('https://127.0.0.1:16443', credentials)))).toEqual({ server: 'https://127.0.0.1:16443', credentials });
  });

  it("follows the current context to its cluster and user", () => {
    const two = [
      'apiVersion: v1', 'kind: Config', 'current-context: b',
      'clusters: [{name: one, cluster: {server: "https://one:1"}}, {name: two, cluster: {server: "https://two:2"}}]',
      'users: [{name: u, user: {}}]',
      'contexts: [{name: a, context: {cluster: one, user: u}}, {name: b, context: {cluster: two, user: u}}]',
    ].join('\n');
    expect(readKubeconfig(file('two', two))).toMatchObject({ server: 'https://two:2' });
  });

  it('says what is wrong with a file that names no API', () => {
    expect(readKubeconfig(join(dir, 'missing'))).toBe(`${join(dir, 'missing')} does not exist`);
    expect(readKubeconfig(file('bad', 'a: [b'))).toBe(`${join(dir, 'bad')} is not a kubeconfig (it is not YAML)`);
    expect(readKubeconfig(file('empty', ''))).toBe(`${join(dir, 'empty')} names no API server in its current context`);
    expect(readKubeconfig(file('nocontext', 'clusters: [{name: one, cluster: {server: "https://one:1"}}]'))).toBe(`${join(dir, 'nocontext')} names no API server in its current context`);
  });
});
