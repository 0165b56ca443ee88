/**
 * What a new user reads once the lab is up: where things are, then a short "what
 * next" — the kubeconfig, a first kubectl command, the dashboard and a first chaos
 * drill — written for the lab's own data dir, so every line can be pasted as is.
 */
import { join, relative } from 'node:path';
import { dashboardLoginUrl } from './components.js';
import { agentNodes, type LabState } from './lab-state.js';

/** The lines after "kubelab is up."; `cwd` decides whether the drills need --data-dir; the dashboard's link signs in with `secret`. */
export function whatNext(state: LabState, dataDir: string, cwd: string, stopHint: string, secret: string): string[] {
  const dashboard = state.dashboardUrl && dashboardLoginUrl(state.dashboardUrl, secret);
  const shown = relative(cwd, dataDir) || '.';
  const flag = shown === '.kubelab' ? '' : ` --data-dir ${dataDir}`;
  const firstNode = state.processes.flatMap(agentNodes)[0];
  const drillNode = state.processes.map((p) => agentNodes(p)[0]).filter((node) => node !== undefined)[1] ?? firstNode;
  return [
    `  API server:  ${state.apiUrl}`,
    ...(state.apiUrls ?? []).slice(1).map((url, i) => `  api-server-${i + 2}: ${url}`),
    ...(dashboard ? [`  dashboard:   ${dashboard}`] : []),
    ...(state.ingressUrls ? [
      `  ingress:     ${state.ingressUrls.http}  ${state.ingressUrls.https}`,
      '  gateways:    GatewayClass kubelab; each Gateway answers at its own address on 127.240.0.0/24 (kubelab status lists them)',
    ] : []),
    `  kubeconfig:  ${state.kubeconfig}`,
    ...(state.caFile ? [`  cluster CA:  ${state.caFile}`] : []),
    `  logs:        ${join(dataDir, 'logs')}`,
    '',
    'what next:',
    `  export KUBECONFIG=${state.kubeconfig}`,
    '  kubectl create deployment web --image=nginx --replicas=6 && kubectl get pods -o wide -w',
    ...(dashboard ? ['  open the dashboard\'s link above to watch nodes, pods and the event log live (it signs the browser in; kubelab status prints it again)'] : []),
    ...(drillNode ? [
      `  npx kubelab chaos kill-agent ${drillNode}${flag}   # a first drill: watch the pods move`,
      `  npx kubelab why pod/<a new web pod>${flag}   # the chain back to the kill`,
      `  npx kubelab start-agent ${drillNode}${flag}   # and bring the node back`,
    ] : []),
    `  ${stopHint}`,
  ];
}
