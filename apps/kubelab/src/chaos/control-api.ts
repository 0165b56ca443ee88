/**
 * The supervisor's control API on 127.0.0.1, for `kubelab chaos` and the
 * dashboard: POST /chaos/{action} with a JSON body answers {ok, message};
 * GET /status lists the lab's processes and their states. Drills run one at a time.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { carryOut, type DrilledLab } from './carry-out.js';
import { ChaosRefusal, parseChaosRequest } from './chaos-requests.js';

function reply(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += chunk;
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ChaosRefusal('the body is not JSON');
  }
}

export function serveControlApi(lab: DrilledLab, port: number): Promise<Server> {
  let queue: Promise<unknown> = Promise.resolve();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://control');
    if (req.method === 'GET' && url.pathname === '/status') return reply(res, 200, { processes: lab.state.processes });
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
