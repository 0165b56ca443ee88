import { describe, expect, it } from 'vitest';
import type { LabState } from './lab-state.js';
import { whatNext } from './what-next.js';

const state = (agents: string[], dashboardUrl?: string): LabState => ({
  supervisorPid: 1, apiUrl: 'http://127.0.0.1:6443', natsUrl: 'nats://127.0.0.1:4222', natsUrls: ['nats://127.0.0.1:4222'], controlUrl: 'http://127.0.0.1:9', timeScale: 1,
  kubeconfig: '/home/me/lab/.kubelab/kubeconfig', ready: true, ...(dashboardUrl ? { dashboardUrl } : {}),
  processes: agents.map((a, i) => ({ name: `kubelet-agent/${a}`, nodes: [a], pid: 10 + i, cmdline: [], log: '', state: 'running' as const, restarts: 0 })),
});

describe('whatNext', () => {
  it('gives the kubeconfig, a first command, the dashboard and a drill on the second node', () => {
    const lines = whatNext(state(['node-1', 'node-2', 'node-3'], 'http://127.0.0.1:6480'), '/home/me/lab/.kubelab', '/home/me/lab', 'Ctrl-C stops the lab.', 'abc123');
    expect(lines).toEqual([
      '  API server:  http://127.0.0.1:6443',
      '  dashboard:   http://127.0.0.1:6480/login?token=abc123',
      '  kubeconfig:  /home/me/lab/.kubelab/kubeconfig',
      '  logs:        /home/me/lab/.kubelab/logs',
      '',
      'what next:',
      '  export KUBECONFIG=/home/me/lab/.kubelab/kubeconfig',
      '  kubectl create deployment web --image=nginx --replicas=6 && kubectl get pods -o wide -w',
      '  open the dashboard\'s link above to watch nodes, pods and the event log live (it signs the browser in; kubelab status prints it again)',
      '  npx kubelab chaos kill-agent node-2   # a first drill: watch the pods move',
      '  npx kubelab why pod/<a new web pod>   # the chain back to the kill',
      '  npx kubelab start-agent node-2   # and bring the node back',
      '  Ctrl-C stops the lab.',
    ]);
  });

  it('adds --data-dir when the lab is not the default one, and leaves out what the lab does not run', () => {
    const lines = whatNext(state(['node-1']), '/tmp/lab', '/home/me/lab', 'stop it with: kubelab down --data-dir /tmp/lab', 's');
    expect(lines).toContain('  npx kubelab chaos kill-agent node-1 --data-dir /tmp/lab   # a first drill: watch the pods move');
    expect(lines.some((l) => l.includes('dashboard') || l.includes('open '))).toBe(false);
    expect(whatNext(state([]), '/tmp/lab', '/tmp', 'x', 's').some((l) => l.includes('chaos'))).toBe(false);
  });

  it('says where the Ingress controller answers and where Gateways will, once the host proxy serves them', () => {
    const served = { ...state(['node-1']), ingressUrls: { http: 'http://127.0.0.1:8080', https: 'https://127.0.0.1:8443' } };
    expect(whatNext(served, '/tmp/lab', '/tmp', 'x', 's').slice(1, 3)).toEqual([
      '  ingress:     http://127.0.0.1:8080  https://127.0.0.1:8443',
      '  gateways:    GatewayClass kubelab; each Gateway answers at its own address on 127.240.0.0/24 (kubelab status lists them)',
    ]);
  });

  it('names every api-server of a lab that runs several, the kubeconfig\'s first', () => {
    const several = { ...state(['node-1']), apiUrls: ['http://127.0.0.1:6443', 'http://127.0.0.1:16443', 'http://127.0.0.1:26443'] };
    expect(whatNext(several, '/tmp/lab', '/tmp', 'x', 's').slice(0, 3)).toEqual([
      '  API server:  http://127.0.0.1:6443', '  api-server-2: http://127.0.0.1:16443', '  api-server-3: http://127.0.0.1:26443',
    ]);
  });
});
