/** Starts an in-process api-server on a temp SQLite file and a free port, for e2e suites. */
import { tempSqliteFile } from '@kubelab/testing';
import pino from 'pino';
import { parseConfig } from '../src/config.js';
import { startApiServer, type ApiServerOptions, type RunningApiServer } from '../src/server.js';

export async function startTestApiServer(extraArgs: string[] = [], database = tempSqliteFile(), options: ApiServerOptions = {}): Promise<RunningApiServer & { database: string }> {
  // Plain HTTP: these suites are about the API itself; the lab (startLab) is where TLS is tested.
  const config = parseConfig(['--port', '0', '--database', database, '--insecure-http', ...extraArgs], {});
  const server = await startApiServer(config, pino({ level: 'silent' }), options);
  return { ...server, database };
}
