/**
 * A pod reaches the emulated internet as it would on a cluster with internet
 * access: public names resolve, HTTP(S) GETs answer, reserved names do not
 * resolve, and the documentation's init container fetching http://info.cern.ch
 * lets its pod start. No packet leaves the machine.
 */
import { readFileSync } from 'node:fs';
import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const initContainers = readFileSync(new URL('../../../apps/kubelab/e2e/fixtures/docs-examples/pods/init-containers.yaml', import.meta.url), 'utf8');

describe('the internet from a pod (time scale 20, the real kubectl)', () => {
  let lab: TestLab;
  const pod = async (name: string) => JSON.parse((await lab.kubectl(['get', 'pod', name, '-o', 'json'])).stdout || '{}');

  beforeAll(async () => {
    lab = await sharedLab('internet');
  });
  afterAll(() => lab?.stop());

  it('resolves public names to a stable made-up address and answers GETs with a page naming the host', async () => {
    const script = [
      'wget -q -O- http://info.cern.ch',
      'wget -q -O- https://example.com/docs',
      'nslookup kubernetes.io',
      'nslookup nothing.invalid || echo "status $?"',
      'wget -q -O- http://nginx || echo "status $?"',
    ].join('; ');
    const manifest = JSON.stringify({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'net' },
      spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.28', command: ['sh', '-c', script] }] },
    });
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: manifest })).stderr).toBe('');
    await waitFor(async () => (await pod('net')).status?.phase === 'Succeeded', 'net to succeed', 20_000);
    const logs = (await lab.kubectl(['logs', 'net'])).stdout;
    expect(logs).toContain('<h1>info.cern.ch</h1>');
    expect(logs).toContain('<h1>example.com</h1>');
    expect(logs).toContain('kubelab emulated internet');
    // busybox 1.28's nslookup, as the DNS debugging page shows it.
    expect(logs).toMatch(/Name: {6}kubernetes\.io\nAddress 1: (198\.51\.100|203\.0\.113)\.\d+\n/);
    expect(logs).toContain("nslookup: can't resolve 'nothing.invalid'");
    expect(logs.match(/status 1/g)).toHaveLength(2);
  });

  it("runs the documentation's init container (wget http://info.cern.ch) to completion, so the pod reaches Running", async () => {
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: initContainers })).stderr).toBe('');
    await waitFor(async () => (await pod('init-demo')).status?.phase === 'Running', 'init-demo to run', 30_000);
    const status = (await pod('init-demo')).status;
    expect(status.initContainerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    const logs = (await lab.kubectl(['logs', 'init-demo', '-c', 'install'])).stdout;
    expect(logs).toMatch(/^Connecting to info\.cern\.ch \((198\.51\.100|203\.0\.113)\.\d+:80\)\n/);
    expect(logs).toContain("saving to '/work-dir/index.html'");
  });
});
