/**
 * The lab's control-plane processes in their static pods' logs: what the api-server, the scheduler and the
 * controller-manager write (pino's JSON lines) turned into the klog lines the real component writes, so that
 * `kubectl logs -n kube-system kube-scheduler-controlplane` and `crictl logs` show what the process itself said.
 * A message the real component has its own words for is said in them; any other keeps the lab's message as
 * klog's structured form (`"message" key="value" …`), from `kubelab.go`, so a learner can tell it is the lab's.
 */
import type { ControlPlaneProgram } from './control-plane-program.js';
import { klogLine } from './klog.js';

/** A pino line's fields that are not the message's own (klog puts time, severity and pid in its header). */
const headerFields = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg', 'v']);

/** pino's numeric level as klog's severity: error and fatal E, warn W, the rest I. */
const severityOf = (level: number): 'I' | 'W' | 'E' => (level >= 50 ? 'E' : level >= 40 ? 'W' : 'I');

/** A value as klog's text logger writes it: strings and errors quoted as Go's %q, numbers and booleans bare, the rest as JSON. */
function klogValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(typeof value === 'string' ? value : JSON.stringify(value ?? null));
}

const pairs = (fields: Record<string, unknown>) => Object.entries(fields).map(([k, v]) => ` ${k}=${klogValue(v)}`).join('');

/** The real component's words for a message of the lab's process: its source location, message and fields. */
type Said = { source: string; message: string; fields: Record<string, unknown> };

function realWords(program: ControlPlaneProgram, msg: string, fields: Record<string, unknown>): Said | undefined {
  const { err, ...rest } = fields;
  if (program === 'kube-scheduler' && (msg === 'binding failed; retrying after back-off' || msg === 'binding volumes failed; retrying after back-off')) {
    return { source: 'schedule_one.go:1057', message: 'Error scheduling pod; retrying', fields: { err, pod: rest.pod } };
  }
  if (program === 'kube-controller-manager' && (msg === 'sync failed; retrying' || msg === 'HPA sync failed')) {
    return { source: 'controller.go:114', message: 'Unhandled Error', fields: { err: `sync ${JSON.stringify(rest.key ?? '')} failed with ${String(err)}`, logger: 'UnhandledError' } };
  }
  return undefined;
}

/** One line the process wrote, in its component's klog words; undefined for a line that is no pino JSON object. */
export function klogOfProcessLine(program: ControlPlaneProgram, line: string): string | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return undefined;
  const record = entry as Record<string, unknown>;
  const level = typeof record.level === 'number' ? record.level : 30;
  const at = new Date(typeof record.time === 'number' ? record.time : Date.now());
  const msg = typeof record.msg === 'string' ? record.msg : '';
  const fields = Object.fromEntries(Object.entries(record).filter(([k]) => !headerFields.has(k)));
  const said = realWords(program, msg, fields) ?? { source: 'kubelab.go:1', message: msg, fields };
  const defined = Object.fromEntries(Object.entries(said.fields).filter(([, v]) => v !== undefined));
  return klogLine(severityOf(level), at, 1, said.source, `${JSON.stringify(said.message)}${pairs(defined)}`);
}

/** What kube-scheduler and kube-controller-manager log once they lead: client-go's leader election taking its lease. */
export function acquiredLeaseLine(program: 'kube-scheduler' | 'kube-controller-manager', at: Date): string {
  return klogLine('I', at, 1, 'leaderelection.go:271', `successfully acquired lease kube-system/${program}`);
}

/** What a leading scheduler or controller-manager logs when the api-server stops taking its client certificate: it can no longer renew its lease. */
export function unauthorizedLeaseLine(program: 'kube-scheduler' | 'kube-controller-manager', at: Date): string {
  return klogLine('E', at, 1, 'leaderelection.go:436', `error retrieving resource lock kube-system/${program}: Unauthorized`);
}
