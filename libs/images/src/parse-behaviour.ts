/**
 * Reads the `behaviour` block of a repository or tag. Blocks are partial so a tag can
 * adjust its repository's behaviour; mergeBehaviour layers them and completeBehaviour
 * fills what neither says with defaults.
 */
import { placeholderProblems } from './answer-placeholders.js';
import type { HttpAnswer, ImageBehaviour, ImageProcess, ProcessBehaviour, RequiredEnv } from './catalog-types.js';
import {
  checkNumber,
  type Fields,
  type Problems,
  readBoolean,
  readList,
  readNumber,
  readObject,
  readString,
  readStringList,
  readStringMap,
  show,
} from './catalog-fields.js';

/** A behaviour block as written: any subset of the fields. */
export type BehaviourPatch = { -readonly [K in keyof ImageBehaviour]?: ImageBehaviour[K] };

/** The catalog's named `bases` (an OS layer: programs, files, env) that a behaviour's `base` field starts from. */
export type Bases = ReadonlyMap<string, BehaviourPatch>;

const PROCESS_FIELDS = [
  'env',
  'logs',
  'listens',
  'http',
  'readyAfterSeconds',
  'unhealthyAfterSeconds',
  'exitAfterSeconds',
  'exitCode',
  'memoryMiB',
  'memoryGrowthMiBPerSecond',
  'cpuMillicores',
  'cpuMillisecondsPerRequest',
  'exitsOnSigterm',
  'requiredEnv',
  'documentRoot',
  'directoryListing',
  'title',
];
const BEHAVIOUR_FIELDS = ['base', 'entrypoint', 'cmd', 'workingDir', ...PROCESS_FIELDS, 'files', 'directories', 'busyboxVersion', 'programs', 'processes'];
const PROGRAM = /^[\w.+[-]+$/;
const SECONDS = { min: 0 };
const MEBIBYTES = { min: 0 };
const MILLICORES = { min: 0 };
const MILLISECONDS = { min: 0 };
const EXIT_CODE = { integer: true, min: 0, max: 255 };
const PORT = { integer: true, min: 1, max: 65535 };
const HTTP_STATUS = { integer: true, min: 100, max: 599 };
const DEFAULT_CONTENT_TYPE = 'text/plain; charset=utf-8';

const DEFAULT_BEHAVIOUR: ImageBehaviour = {
  entrypoint: [],
  cmd: [],
  workingDir: '/',
  env: {},
  logs: [],
  listens: [],
  http: {},
  readyAfterSeconds: 0,
  unhealthyAfterSeconds: undefined,
  exitAfterSeconds: undefined,
  exitCode: 0,
  memoryMiB: 1,
  memoryGrowthMiBPerSecond: 0,
  cpuMillicores: 0,
  cpuMillisecondsPerRequest: 0,
  exitsOnSigterm: true,
  files: {},
  directories: [],
  requiredEnv: [],
  programs: [],
  processes: [],
  documentRoot: undefined,
  directoryListing: false,
  title: undefined,
  busyboxVersion: undefined,
};

/**
 * Validates a behaviour block at `path`; absent means an empty patch. A `base` names one
 * of `bases`, which the block is merged over.
 */
export function parseBehaviourPatch(value: unknown, path: string, problems: Problems, bases: Bases = new Map()): BehaviourPatch {
  if (value === undefined) return {};
  const fields = readObject(value, path, problems, BEHAVIOUR_FIELDS);
  if (!fields) return {};
  const patch: BehaviourPatch = {
    entrypoint: readStringList(fields, 'entrypoint', path, problems),
    cmd: readStringList(fields, 'cmd', path, problems),
    workingDir: readAbsolutePath(fields, 'workingDir', path, problems),
    ...readProcessFields(fields, path, problems),
    files: readFiles(fields, path, problems),
    directories: readDirectories(fields, path, problems),
    busyboxVersion: readBusyboxVersion(fields, path, problems),
    programs: readPrograms(fields, path, problems),
    processes: readProcesses(fields, path, problems),
  };
  const own = Object.fromEntries(Object.entries(patch).filter(([, field]) => field !== undefined));
  const baseName = readString(fields, 'base', path, problems);
  if (baseName === undefined) return own;
  const base = bases.get(baseName);
  if (!base) problems.push(`${path}.base: unknown base ${show(baseName)} (bases: ${[...bases.keys()].join(', ')})`);
  return mergeBehaviour(base ?? {}, own);
}

/** The fields a process entry shares with the image's behaviour. */
function readProcessFields(fields: Fields, path: string, problems: Problems): ProcessBehaviour {
  return {
    env: readStringMap(fields, 'env', path, problems),
    logs: readLogs(fields, path, problems),
    listens: readPorts(fields, path, problems),
    http: readHttp(fields, path, problems),
    readyAfterSeconds: readNumber(fields, 'readyAfterSeconds', path, problems, SECONDS),
    unhealthyAfterSeconds: readNumber(fields, 'unhealthyAfterSeconds', path, problems, SECONDS),
    exitAfterSeconds: fields.exitAfterSeconds === 'never' ? NEVER : readNumber(fields, 'exitAfterSeconds', path, problems, SECONDS),
    exitCode: readNumber(fields, 'exitCode', path, problems, EXIT_CODE),
    memoryMiB: readNumber(fields, 'memoryMiB', path, problems, MEBIBYTES),
    memoryGrowthMiBPerSecond: readNumber(fields, 'memoryGrowthMiBPerSecond', path, problems, MEBIBYTES),
    cpuMillicores: readNumber(fields, 'cpuMillicores', path, problems, MILLICORES),
    cpuMillisecondsPerRequest: readNumber(fields, 'cpuMillisecondsPerRequest', path, problems, MILLISECONDS),
    exitsOnSigterm: readBoolean(fields, 'exitsOnSigterm', path, problems),
    requiredEnv: readRequiredEnv(fields, path, problems),
    documentRoot: readAbsolutePath(fields, 'documentRoot', path, problems),
    directoryListing: readBoolean(fields, 'directoryListing', path, problems),
    title: readString(fields, 'title', path, problems),
  };
}

/**
 * `over` on top of `base`: env, files and http merge entry by entry, programs and directories add up,
 * `over`'s processes are tried before `base`'s, other fields replace.
 */
export function mergeBehaviour(base: BehaviourPatch, over: BehaviourPatch): BehaviourPatch {
  const merged: BehaviourPatch = { ...base, ...over };
  if (base.env || over.env) merged.env = { ...base.env, ...over.env };
  if (base.files || over.files) merged.files = { ...base.files, ...over.files };
  if (base.http || over.http) merged.http = { ...base.http, ...over.http };
  if (base.programs || over.programs) merged.programs = [...new Set([...(base.programs ?? []), ...(over.programs ?? [])])];
  if (base.directories || over.directories) merged.directories = [...new Set([...(base.directories ?? []), ...(over.directories ?? [])])];
  if (base.processes || over.processes) merged.processes = [...(over.processes ?? []), ...(base.processes ?? [])];
  return merged;
}

function readPrograms(fields: Fields, path: string, problems: Problems): string[] | undefined {
  const programs = readStringList(fields, 'programs', path, problems);
  for (const program of (programs ?? []).filter((name) => !PROGRAM.test(name))) problems.push(`${path}.programs: ${show(program)} is not a program name (a base name such as "sh" or "nginx")`);
  return programs;
}

function readProcesses(fields: Fields, path: string, problems: Problems): ImageProcess[] | undefined {
  if (fields.processes === undefined) return undefined;
  const list = readList(fields.processes, `${path}.processes`, problems) ?? [];
  return list.flatMap((item, index) => {
    const at = `${path}.processes[${index}]`;
    const entry = readObject(item, at, problems, ['match', 'portFlag', 'portEnv', 'portArgument', 'memoryFlag', 'memoryWorkersFlag', 'cpuFlag', ...PROCESS_FIELDS]);
    if (!entry) return [];
    const match = readStringList(entry, 'match', at, problems);
    if (!match?.length) {
      if (match) problems.push(`${at}.match: must name the program, e.g. [nginx] or [python, -m, http.server]`);
      else if (entry.match === undefined) problems.push(`${at}.match: is required`);
      return [];
    }
    const behaviour = Object.fromEntries(Object.entries(readProcessFields(entry, at, problems)).filter(([, field]) => field !== undefined));
    return [{
      match,
      portFlag: readString(entry, 'portFlag', at, problems),
      portEnv: readString(entry, 'portEnv', at, problems),
      portArgument: readBoolean(entry, 'portArgument', at, problems) ?? false,
      memoryFlag: readString(entry, 'memoryFlag', at, problems),
      memoryWorkersFlag: readString(entry, 'memoryWorkersFlag', at, problems),
      cpuFlag: readString(entry, 'cpuFlag', at, problems),
      behaviour,
    }];
  });
}

/**
 * `exitAfterSeconds: never` as written, so a tag or process can undo an exit its
 * repository declares (python's REPL exits at once, `python -m http.server` does not).
 * completeBehaviour turns it back into undefined.
 */
export const NEVER = Number.POSITIVE_INFINITY;

/** The behaviour with defaults for whatever the blocks left unsaid. */
export function completeBehaviour(patch: BehaviourPatch): ImageBehaviour {
  const behaviour = { ...DEFAULT_BEHAVIOUR, ...patch };
  return behaviour.exitAfterSeconds === NEVER ? { ...behaviour, exitAfterSeconds: undefined } : behaviour;
}

function readAbsolutePath(fields: Fields, name: 'workingDir' | 'documentRoot', path: string, problems: Problems): string | undefined {
  const value = readString(fields, name, path, problems);
  if (value === undefined || value.startsWith('/')) return value;
  problems.push(`${path}.${name}: must be an absolute path, got ${show(value)}`);
  return undefined;
}

function readPorts(fields: Fields, path: string, problems: Problems): number[] | undefined {
  if (fields.listens === undefined) return undefined;
  const list = readList(fields.listens, `${path}.listens`, problems) ?? [];
  const ports: number[] = [];
  list.forEach((item, index) => {
    const port = checkNumber(item, `${path}.listens[${index}]`, problems, PORT);
    if (port === undefined) return;
    if (ports.includes(port)) problems.push(`${path}.listens[${index}]: duplicate port ${port}`);
    else ports.push(port);
  });
  return ports;
}

function readHttp(fields: Fields, path: string, problems: Problems): Record<string, HttpAnswer> | undefined {
  if (fields.http === undefined) return undefined;
  const paths = readObject(fields.http, `${path}.http`, problems) ?? {};
  const answers: Record<string, HttpAnswer> = {};
  for (const [urlPath, raw] of Object.entries(paths)) {
    const at = `${path}.http[${urlPath}]`;
    if (urlPath !== '*' && !urlPath.startsWith('/')) problems.push(`${at}: the path must start with "/" (or be "*" for any other path)`);
    const answer = readObject(raw, at, problems, ['status', 'body', 'contentType']);
    if (!answer) continue;
    const body = readString(answer, 'body', at, problems) ?? '';
    for (const problem of placeholderProblems(body, 'body')) problems.push(`${at}.body: ${problem}`);
    answers[urlPath] = {
      status: readNumber(answer, 'status', at, problems, HTTP_STATUS) ?? 200,
      body,
      contentType: readString(answer, 'contentType', at, problems) ?? DEFAULT_CONTENT_TYPE,
    };
  }
  return answers;
}

/** The lines a process prints as it starts; their placeholders are filled in then, so a request's have nothing to say. */
function readLogs(fields: Fields, path: string, problems: Problems): string[] | undefined {
  const logs = readStringList(fields, 'logs', path, problems);
  (logs ?? []).forEach((line, index) => {
    for (const problem of placeholderProblems(line, 'log')) problems.push(`${path}.logs[${index}]: ${problem}`);
  });
  return logs;
}

function readFiles(fields: Fields, path: string, problems: Problems): Record<string, string> | undefined {
  const files = readStringMap(fields, 'files', path, problems);
  for (const filePath of Object.keys(files ?? {}).filter((name) => !name.startsWith('/'))) {
    problems.push(`${path}.files[${filePath}]: must be an absolute path`);
  }
  return files;
}

function readDirectories(fields: Fields, path: string, problems: Problems): string[] | undefined {
  const directories = readStringList(fields, 'directories', path, problems);
  for (const directory of (directories ?? []).filter((name) => !name.startsWith('/'))) problems.push(`${path}.directories: ${show(directory)} must be an absolute path`);
  return directories;
}

function readBusyboxVersion(fields: Fields, path: string, problems: Problems): string | undefined {
  const version = readString(fields, 'busyboxVersion', path, problems);
  if (version === undefined || /^\d+\.\d+(\.\d+)?$/.test(version)) return version;
  problems.push(`${path}.busyboxVersion: ${show(version)} is not a release such as "1.28.4"`);
  return undefined;
}

function readRequiredEnv(fields: Fields, path: string, problems: Problems): RequiredEnv[] | undefined {
  if (fields.requiredEnv === undefined) return undefined;
  const list = readList(fields.requiredEnv, `${path}.requiredEnv`, problems) ?? [];
  return list.flatMap((item, index) => {
    const at = `${path}.requiredEnv[${index}]`;
    const entry = readObject(item, at, problems, ['name', 'or', 'exitCode', 'logs']);
    const name = entry && readString(entry, 'name', at, problems, true);
    if (!entry || name === undefined) return [];
    const alternatives = readStringList(entry, 'or', at, problems) ?? [];
    return [{ name, alternatives, exitCode: readNumber(entry, 'exitCode', at, problems, EXIT_CODE) ?? 1, logs: readStringList(entry, 'logs', at, problems) ?? [] }];
  });
}
