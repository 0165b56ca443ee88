/**
 * The supervisor's control API on 127.0.0.1, for `kubelab chaos` and the
 * dashboard: POST /chaos/{action} with a JSON body answers {ok, message};
 * GET /status lists the lab's processes and their states, and each node's systemd units (the kubelet's, containerd's) as
 * its agent tells them. Drills run one at a time.
 * Every request shows the lab's secret (DIR/lab-secret) as `Authorization: Bearer …`:
 * any local process could reach the port, only the lab's own user can read the file.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { sameSecret, subjects, type NodeServiceState } from '@kubelab/bus';
import { agentNodes } from '../lab-state.js';
import type { HostReachWithPods } from '../host-ports/host-proxy.js';
import { carryOut, type DrilledLab } from './carry-out.js';
import { ChaosRefusal, parseChaosRequest } from './chaos-requests.js';

function reply(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** A drill's body is a few fields; more than this is no drill. */
const bodyLimit = 64 * 1024;

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > bodyLimit) throw new ChaosRefusal(`the body is larger than a drill's (${bodyLimit} bytes)`, 413);
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ChaosRefusal('the body is not JSON');
  }
}

/** Why a request may not use the control API: it does not show the lab's secret. */
function unauthorized(req: IncomingMessage, secret: string): string | undefined {
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (given !== undefined && sameSecret(given, secret)) return undefined;
  return `${given === undefined ? 'no' : 'a wrong'} lab secret: the control API carries out drills only for callers that show the lab's secret `
    + '(Authorization: Bearer <the contents of DIR/lab-secret>); run kubelab chaos, or use the dashboard\'s buttons';
}

/** How long GET /status waits for an agent to say what its node's units do: a paused or partitioned one does not answer. */
const servicesTimeoutMs = 500;

/** The units of each node whose agent runs, as the agent answers (a node whose agent does not answer in time is left out). */
async function nodeServices(lab: DrilledLab): Promise<{ node: string; services: NodeServiceState[] }[]> {
  const nodes = lab.state.processes.filter((p) => p.state === 'running').flatMap(agentNodes);
  if (nodes.length === 0) return [];
  const nc = await lab.nats().catch(() => undefined);
  if (!nc) return [];
  const answers = await Promise.all(nodes.map(async (node) => {
    const msg = await nc.request(subjects.agentServices(node), new Uint8Array(), { timeout: servicesTimeoutMs }).catch(() => undefined);
    return msg ? { node, services: JSON.parse(new TextDecoder().decode(msg.data)) as NodeServiceState[] } : undefined;
  }));
  return answers.filter((a) => a !== undefined);
}

/**
 * Serves the control API on 127.0.0.1:`port` (0: a free one) for callers that show `secret`; its status tells, besides the
 * processes and the nodes' units, what the host reaches and which pods its requests reached (`reach`, once served).
 */
export function serveControlApi(lab: DrilledLab, port: number, secret: string, reach: () => Promise<readonly HostReachWithPods[]> = async () => []): Promise<Server> {
  let queue: Promise<unknown> = Promise.resolve();
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 60_000 }, (req, res) => {
    const refused = unauthorized(req, secret);
    if (refused) {
      req.resume();
      return reply(res, 401, { ok: false, message: refused });
    }
    const url = new URL(req.url ?? '/', 'http://control');
    if (req.method === 'GET' && url.pathname === '/status') {
      void Promise.all([nodeServices(lab), reach()]).then(([nodes, hostReach]) => reply(res, 200, { processes: lab.state.processes, nodes, hostReach }));
      return;
    }
    const action = /^\/chaos\/([a-z-]+)$/.exec(url.pathname)?.[1];
    if (req.method !== 'POST' || !action) return reply(res, 404, { ok: false, message: 'POST /chaos/{action} or GET /status' });
    const drill = queue.then(async () => carryOut(lab, parseChaosRequest(action, await readJson(req))));
    queue = drill.catch(() => undefined);
    drill.then(
      (message) => reply(res, 200, { ok: true, message }),
      (e: Error) => reply(res, e instanceof ChaosRefusal ? e.code : 500, { ok: false, message: e.message }),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
