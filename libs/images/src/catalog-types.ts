/**
 * The lab's image "registry": which images exist, what pulling them costs and how
 * their processes behave once started. deploy/images.yaml documents the file form;
 * parseCatalog turns it into these fully defaulted values.
 */
import type { TagPattern } from './tag-pattern.js';

/** What an HTTP path of a running container answers. */
export interface HttpAnswer {
  readonly status: number;
  /**
   * The body, its placeholders filled in as the runtime answers (fillPlaceholders, answer-placeholders.ts):
   * - `{{hostname}}` the pod's hostname; `{{podIP}}` its IP; `{{linkLocalIPv6}}` the fe80:: address of its eth0;
   * - `{{port}}` the port the request came in on;
   * - `{{path}}` the request target as sent, path and query (`/echo?msg=hi`: nginx's $request_uri, Go's RequestURI());
   *   `{{query:NAME}}` one query parameter's value, decoded;
   * - `{{host}}` the Host the client asked for; `{{remoteAddr}}` the client's address and port;
   * - `{{requestId}}` 32 random hex digits (nginx's $request_id);
   * - `{{date}}` now as nginx's $time_local (`07/Feb/2018:16:05:05 +0000`); `{{date:go}}` as Go's time.Now() prints;
   * - `{{arg:NAME}}` the value of the flag NAME in the process's argv (`-text=x`, `--text=x`, `-text x`, `--text x`);
   *   `{{env:NAME}}` a variable of the container's environment;
   * - `{{a|b}}` the first of these with a non-empty value (`{{arg:text|env:ECHO_TEXT}}`), a quoted one as written
   *   (`{{arg:listen|':5678'}}`); none: empty.
   * A log line takes the same placeholders but a request's, its `{{port}}` the first port the process listens on.
   */
  readonly body: string;
  readonly contentType: string;
}

/**
 * A variable the image's process refuses to start without (postgres' POSTGRES_PASSWORD), or a flag of its argv, written
 * with its dash (http-echo's `-text`): set to something non-empty, or given a non-empty value.
 */
export interface RequiredEnv {
  readonly name: string;
  /**
   * Variables (or flags) that will do instead (mysql starts with MYSQL_ALLOW_EMPTY_PASSWORD instead of
   * MYSQL_ROOT_PASSWORD; http-echo 1.0 with $ECHO_TEXT instead of -text).
   */
  readonly alternatives: readonly string[];
  /** The exit code when the variable is missing. */
  readonly exitCode: number;
  /** What the process prints before exiting. */
  readonly logs: readonly string[];
}

/** How a container started from the image behaves, so the node emulator can act it out. */
export interface ImageBehaviour {
  /** The image's ENTRYPOINT; a container's `command` replaces it. */
  readonly entrypoint: readonly string[];
  /** The image's CMD; a container's `args` replace it. */
  readonly cmd: readonly string[];
  readonly workingDir: string;
  /** The image's ENV. */
  readonly env: Readonly<Record<string, string>>;
  /** Lines the default process prints when it starts, placeholders filled in as in an HTTP answer's body (no request's). */
  readonly logs: readonly string[];
  /** TCP ports the default process listens on. */
  readonly listens: readonly number[];
  /** HTTP answers by path; `*` answers any other path (otherwise 404). */
  readonly http: Readonly<Record<string, HttpAnswer>>;
  /**
   * Where the server serves files from: a GET of /a/b answers the container's file
   * <documentRoot>/a/b (index.html for a directory) before the `http` answers are
   * consulted, so `echo hi > /usr/share/nginx/html/index.html` changes nginx's page.
   */
  readonly documentRoot: string | undefined;
  /**
   * What the server answers for a directory under documentRoot without an index.html: true, a listing of its
   * entries (httpd's `Options Indexes`: an empty volume on htdocs shows "Index of /"); false, 403 Forbidden (nginx).
   */
  readonly directoryListing: boolean;
  /** What the process calls itself in `ps` (nginx's `nginx: master process`), before its arguments; undefined: its argv. */
  readonly title: string | undefined;
  /** Seconds after start before the ports accept connections. */
  readonly readyAfterSeconds: number;
  /** Seconds after start from which every HTTP path answers 500; undefined = stays healthy. */
  readonly unhealthyAfterSeconds: number | undefined;
  /** Seconds after start when the default process exits; undefined = runs until stopped. */
  readonly exitAfterSeconds: number | undefined;
  readonly exitCode: number;
  /** Steady memory use. */
  readonly memoryMiB: number;
  /** Memory added each second on top of memoryMiB (leaks until the limit kills it). */
  readonly memoryGrowthMiBPerSecond: number;
  /** CPU the process keeps using while it waits for work (a server's timers, a database's background tasks), in millicores. */
  readonly cpuMillicores: number;
  /** CPU time each HTTP request it answers costs, in milliseconds (php-apache's hpa-example computes for each). */
  readonly cpuMillisecondsPerRequest: number;
  /** False when PID 1 ignores SIGTERM (a shell or sleep), so stopping waits out the grace period. */
  readonly exitsOnSigterm: boolean;
  /** Files present in the container's filesystem, by absolute path. */
  readonly files: Readonly<Record<string, string>>;
  /** Directories the image has besides those holding its files (busybox's /home, /root, /var…), so `ls /` lists what the image's does. */
  readonly directories: readonly string[];
  readonly requiredEnv: readonly RequiredEnv[];
  /** The BusyBox release its applets come from, where their output differs by release (busybox 1.28's nslookup); undefined: a current one. */
  readonly busyboxVersion: string | undefined;
  /** Executables on the image's PATH, by base name (sh, ls, nginx…); empty for distroless images. */
  readonly programs: readonly string[];
  /** The image's own servers: a container command that starts one runs as that server, not through the shell. */
  readonly processes: readonly ImageProcess[];
}

/** How one of the image's own programs behaves when a container's command starts it. */
export interface ImageProcess {
  /** The argv prefix that starts it; the first word is compared by base name (`/usr/sbin/nginx` is `nginx`). */
  readonly match: readonly string[];
  /** The flag naming the port it listens on (`--http-port=8080`, `--port 8080`, `-listen=:8080`); its value replaces `listens`. */
  readonly portFlag: string | undefined;
  /** The variable naming the port when no flag does (whoami's WHOAMI_PORT_NUMBER, hello-app's PORT); its value replaces `listens`. */
  readonly portEnv: string | undefined;
  /** True when the first number among the arguments after `match` is the port (`python -m http.server 8000`). */
  readonly portArgument: boolean;
  /** The flag naming the memory it takes (`stress --vm-bytes 250M`); its value replaces `memoryMiB`. */
  readonly memoryFlag: string | undefined;
  /**
   * The flag naming how many workers each take memoryFlag's amount (`stress --vm 2 --vm-bytes 128M` takes 256 MiB; without
   * `--vm` stress allocates nothing); undefined: one allocation of memoryFlag's amount.
   */
  readonly memoryWorkersFlag: string | undefined;
  /** The flag naming how many workers spin on the CPU, a core each (`stress --cpu 2`, vish/stress `-cpus 2`); it replaces `cpuMillicores`. */
  readonly cpuFlag: string | undefined;
  /** How it differs from the image's default process (logs, listens, http, exits…). */
  readonly behaviour: ProcessBehaviour;
}

/** The fields a process may change; ports, answers and timing, not what the image holds. */
export type ProcessBehaviour = Partial<Omit<ImageBehaviour, 'programs' | 'processes' | 'files' | 'directories' | 'busyboxVersion' | 'entrypoint' | 'cmd' | 'workingDir'>>;

/** One image in a repository: a digest and every tag pointing at it. */
export interface CatalogImage {
  readonly tags: readonly string[];
  /** The manifest digest, `sha256:` and 64 hex digits. */
  readonly digest: string;
  readonly sizeBytes: number;
  /** Seconds a pull takes on a node that has none of its layers. */
  readonly pullSeconds: number;
  readonly behaviour: ImageBehaviour;
}

/** Many images written as one tag pattern (`1.25.{0..5}{,-alpine}`): each tag its own image and digest. */
export interface CatalogTagSet {
  readonly pattern: TagPattern;
  readonly sizeBytes: number;
  readonly pullSeconds: number;
  readonly behaviour: ImageBehaviour;
}

/** A repository, named the way containerd names it. */
export interface CatalogRepository {
  /** `registry/repository`, e.g. `docker.io/library/nginx`. */
  readonly name: string;
  /** Images with their own tags; a tag listed here wins over a pattern that also matches it. */
  readonly images: readonly CatalogImage[];
  readonly tagSets: readonly CatalogTagSet[];
  /**
   * True for a repository only loaded onto nodes (a user catalog, `kubelab image add`,
   * as `kind load` does): the registry has no such repository, so a tag the nodes lack
   * fails as an unknown repository does (Docker Hub: "pull access denied").
   */
  readonly loaded: boolean;
}

/** The whole catalog as parseCatalog returns it. */
export interface ImageCatalog {
  readonly repositories: readonly CatalogRepository[];
}
