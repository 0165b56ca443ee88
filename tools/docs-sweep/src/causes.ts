/**
 * Pure classification for the documentation sweep: kubectl's refusals and pods' STATUS, grouped into causes a
 * reader can count. Names, namespaces, file paths and counts are folded out so that the same cause from two
 * files lands in one group; field paths, kinds and images stay, since they say what to fix.
 */

/** One example file's apply: accepted when kubectl exited 0, else the causes of its refusals (one per error line). */
export interface ApplyOutcome {
  file: string;
  accepted: boolean;
  /** The objects kubectl reports created, configured or unchanged, as `kind/name` (kind lowercased, without group). */
  objects: string[];
  causes: string[];
  errors: string[];
}

/** What the sweep knows of one pod: its STATUS and READY as `kubectl get pods` prints them, and details from its JSON. */
export interface PodObservation {
  file: string;
  namespace: string;
  name: string;
  ready: string;
  status: string;
  /** The PodScheduled=False condition's message, when the pod is not scheduled. */
  schedulingMessage?: string;
  /** Waiting containers (init containers included): reason, message, image. */
  waiting: { reason: string; message?: string; image: string }[];
  /** The newest Warning event about the pod: `Reason: message`. */
  lastWarning?: string;
}

const fieldErrorTypes = 'Required value|Invalid value|Unsupported value|Forbidden|Duplicate value|Not found|Too many|Too long|Internal error';
const fieldError = new RegExp(`(\\w[\\w.\\[\\]-]*): (${fieldErrorTypes})(?:: ("(?:[^"\\\\]|\\\\.)*"|[^:,\\]]*))?(?:: ([^,\\]]*))?`, 'g');

/** A field path with its list indices and map keys folded: `spec.containers[0].image` → `spec.containers[*].image`. */
function foldPath(path: string): string {
  return path.replace(/\[[^\]]*\]/g, '[*]');
}

/** Quoted values (names, paths) and numbers folded, so one cause from several files is one group. */
export function foldValues(text: string): string {
  return text
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/(?<=^|[\s/(])\d+(?=$|[\s/)]|\.(?:\s|$))/g, 'N')
    .replace(/\s+/g, ' ')
    .trim();
}

function invalidCauses(message: string): string[] {
  const causes = [...message.matchAll(fieldError)].map((m) => {
    const detail = m[4] ?? (m[2] === 'Invalid value' || m[2] === 'Unsupported value' ? '' : m[3] ?? '');
    return `Invalid: ${foldPath(m[1] ?? '')}: ${m[2]}${detail ? `: ${foldValues(detail)}` : ''}`;
  });
  return causes.length ? [...new Set(causes)] : [`Invalid: ${foldValues(message)}`];
}

/**
 * The cause of one line kubectl wrote to stderr, or undefined for a line that is no refusal (warnings, blank lines).
 * Kinds the lab has no API for, field errors, admission denials and kubectl's own checks each get a cause of their own.
 */
export function classifyApplyError(line: string): string | undefined {
  const text = line.trim();
  if (!text || /^Warning:/i.test(text)) return undefined;
  const noKind = /no matches for kind "([^"]+)" in version "([^"]+)"/.exec(text);
  if (noKind) return `no API for kind ${noKind[1]} in ${noKind[2]}`;
  const invalidObject = /^The \S+ "[^"]*" is invalid: ?(.*)$/s.exec(text);
  if (invalidObject) return invalidCauses(invalidObject[1] ?? '').join('; ');
  const unretrievable = /^error: error when retrieving current configuration of:.*": (.*)$/s.exec(text);
  if (unretrievable) return `kubectl: ${unretrievable[1]?.trim()}`;
  const namespaceMismatch = /the namespace from the provided object "[^"]*" does not match the namespace/.exec(text);
  if (namespaceMismatch) return 'the file names a namespace other than -n';
  const fromServer = /^Error from server(?: \((\w+)\))?: (?:error when [\w ]+? "[^"]*": )?(.*)$/s.exec(text);
  if (fromServer) {
    const reason = fromServer[1] ?? 'Unknown';
    const message = fromServer[2] ?? '';
    const invalid = /^\S+ "[^"]*" is invalid: (.*)$/s.exec(message);
    if (reason === 'Invalid' && invalid) return invalidCauses(invalid[1] ?? '').join('; ');
    const strict = /strict decoding error: (.*)$/s.exec(message);
    if (strict) return `${reason}: strict decoding error: ${strict[1]?.trim()}`;
    return `${reason}: ${foldValues(message.replace(/^\S+ "[^"]*" is forbidden: /, 'forbidden: '))}`;
  }
  const validating = /^error: error validating "[^"]*": error validating data: (.*?)(?:; if you choose to ignore.*)?$/s.exec(text);
  if (validating) return `kubectl validation: ${validating[1]?.trim()}`;
  const parsing = /^error: error (?:parsing|converting YAML)/.exec(text);
  if (parsing) return 'kubectl could not parse the file';
  return foldValues(text.replace(/^error: /, 'kubectl: '));
}

/** A line that starts a message of its own in kubectl's stderr; the lines after it, up to the next, belong to it. */
const messageStart = /^(Error from server|error:|Warning:|The \S+ "[^"]*" is invalid)/;

/** The causes of a refused apply's stderr, one per message (a message may span lines), without repeats. */
export function classifyApplyStderr(stderr: string): string[] {
  const messages: string[] = [];
  for (const line of stderr.split('\n')) {
    if (messageStart.test(line) || messages.length === 0) messages.push(line);
    else messages[messages.length - 1] += `\n${line}`;
  }
  return [...new Set(messages.map(classifyApplyError).filter((c): c is string => c !== undefined))];
}

/** STATUS values that count as the example doing what the documentation shows. */
export function isGood(pod: Pick<PodObservation, 'status'>): boolean {
  return pod.status === 'Running' || pod.status === 'Completed';
}

/** STATUS values a pod can still leave by itself; the sweep waits while any pod shows one. */
export function isSettled(pod: Pick<PodObservation, 'status' | 'ready'>): boolean {
  if (pod.status === 'Running') return allReady(pod.ready);
  return !['ContainerCreating', 'PodInitializing', 'Pending', 'Terminating'].includes(pod.status) && !pod.status.startsWith('Init:');
}

function allReady(ready: string): boolean {
  const [up, all] = ready.split('/');
  return up === all;
}

/** Waiting reasons whose message only names the pod and the back-off delay. */
const restartBackOff = new Set(['CrashLoopBackOff', 'PodInitializing', 'Init:CrashLoopBackOff']);

function imagePull(pod: PodObservation): string | undefined {
  const pulling = pod.waiting.find((w) => /ImagePull|InvalidImageName/.test(w.reason));
  return pulling?.image;
}

/**
 * The cause a pod is counted under: `Running`, `Completed`, or its STATUS with what explains it: the scheduler's
 * message for Pending, the image for pull errors, a waiting container's message, else the newest Warning event.
 */
export function classifyPod(pod: PodObservation): string {
  if (pod.status === 'Completed') return 'Completed';
  if (pod.status === 'Running') return allReady(pod.ready) ? 'Running' : 'Running, not ready';
  if (pod.status === 'Pending' && pod.schedulingMessage) return `Pending: ${foldValues(pod.schedulingMessage)}`;
  if (/ImagePull|InvalidImageName/.test(pod.status)) return `${pod.status}: ${imagePull(pod) ?? 'image unknown'}`;
  const status = pod.status.startsWith('Init:') && /^Init:\d+\/\d+$/.test(pod.status) ? 'Init:N/M' : pod.status;
  const waiting = pod.waiting.find((w) => w.message && !restartBackOff.has(w.reason));
  const why = waiting?.message ? (status.endsWith(waiting.reason) ? waiting.message : `${waiting.reason}: ${waiting.message}`) : restartBackOff.has(pod.status) ? undefined : pod.lastWarning;
  return why ? `${status}: ${foldValues(why)}` : status;
}

/** Counts by key, largest first. */
function tally(keys: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The sweep's result in numbers; each cause carries one example file, to open when fixing it. */
export interface SweepSummary {
  files: number;
  accepted: number;
  refused: { cause: string; files: number; example: string }[];
  pods: number;
  good: number;
  running: number;
  completed: number;
  others: { cause: string; pods: number; example: string }[];
}

/** Files tried, accepted, refusals by cause, pods Running or Completed and the rest by cause. */
export function summarize(applies: readonly ApplyOutcome[], pods: readonly PodObservation[]): SweepSummary {
  const refusedCauses = applies.filter((a) => !a.accepted).flatMap((a) => (a.causes.length ? a.causes : ['refused, kubectl said nothing']).map((cause) => ({ cause, file: a.file })));
  const podCauses = pods.map((p) => ({ cause: classifyPod(p), file: p.file }));
  const exampleOf = (list: { cause: string; file: string }[], cause: string) => list.find((c) => c.cause === cause)?.file ?? '';
  const others = podCauses.filter((p) => p.cause !== 'Running' && p.cause !== 'Completed');
  return {
    files: applies.length,
    accepted: applies.filter((a) => a.accepted).length,
    refused: tally(refusedCauses.map((c) => c.cause)).map(([cause, files]) => ({ cause, files, example: exampleOf(refusedCauses, cause) })),
    pods: pods.length,
    good: podCauses.length - others.length,
    running: podCauses.filter((p) => p.cause === 'Running').length,
    completed: podCauses.filter((p) => p.cause === 'Completed').length,
    others: tally(others.map((c) => c.cause)).map(([cause, count]) => ({ cause, pods: count, example: exampleOf(others, cause) })),
  };
}

/** The summary as the lines the tool prints. */
export function formatSummary(summary: SweepSummary): string[] {
  const percent = (n: number, of: number) => (of ? `${Math.round((100 * n) / of)}%` : '-');
  return [
    `files tried: ${summary.files}`,
    `accepted:    ${summary.accepted} (${percent(summary.accepted, summary.files)})`,
    `refused:     ${summary.files - summary.accepted}`,
    ...summary.refused.map((r) => `  ${String(r.files).padStart(3)}  ${r.cause}  (e.g. ${r.example})`),
    `pods:        ${summary.pods}`,
    `Running or Completed: ${summary.good} (${percent(summary.good, summary.pods)}; Running ${summary.running}, Completed ${summary.completed})`,
    `the rest:    ${summary.pods - summary.good}`,
    ...summary.others.map((o) => `  ${String(o.pods).padStart(3)}  ${o.cause}  (e.g. ${o.example})`),
  ];
}
