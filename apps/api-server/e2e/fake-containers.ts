/**
 * A stand-in for the kubelet-agent behind OpenContainerStream, for the streaming e2e suites:
 * a few commands with known output, and ports that answer HTTP. It counts the streams it
 * holds so a test can prove that a vanished client cancels them.
 */
import { ApiError } from '@kubelab/api';
import type { ContainerStream, OpenContainerStream, Status, StreamTarget } from '../src/streams/container-stream.js';

/** The answer every forwarded port 80 gives. */
export const httpAnswer = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\nConnection: close\r\n\r\nhello there\n';
/** containerd's words for a port nothing listens on. */
export const refusedMessage = (port: number) =>
  `failed to connect to localhost:${port} inside namespace "fake", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;

/** Port 8080 answers with a body this large, for throughput and back-pressure. */
export const bigPort = 8080;
export const bigBody = 8 * 1024 * 1024;

/** The bytes `head -c` and the big body carry: printable, and different at every offset of a line. */
export function pattern(offset: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) {
    const at = offset + i;
    out[i] = at % 64 === 63 ? 10 : 33 + ((at * 7 + Math.floor(at / 64)) % 90);
  }
  return out;
}

/** The kubelet's refusal of an exec into a container that is not running: HTTP 500 and its text. */
const kubeletError = (message: string) => new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'InternalError', code: 500 });

/** Every byte value, for the big body: a forwarded connection carries bytes, not text. */
export function binaryPattern(offset: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) out[i] = ((offset + i) * 7 + Math.floor((offset + i) / 256)) & 0xff;
  return out;
}

const success: Status = { metadata: {}, status: 'Success' };
const exitStatus = (code: number, command: string[]): Status => ({
  metadata: {},
  status: 'Failure',
  message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
  reason: 'NonZeroExitCode',
  details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
});

/** One fake process: the program drives it through the helpers below. */
class FakeStream implements ContainerStream {
  readonly done: Promise<{ status: Status }>;
  private finish!: (status: Status) => void;
  private handler: (channel: 1 | 2, data: Uint8Array) => void | Promise<void> = () => undefined;
  private handlerSet!: () => void;
  private readonly handlerReady = new Promise<void>((resolve) => (this.handlerSet = resolve));
  private output: Promise<void> = Promise.resolve();
  ended = false;
  onInput: (data: Uint8Array) => void = () => undefined;
  onEnd: () => void = () => undefined;
  onResize: (width: number, height: number) => void = () => undefined;
  over = false;

  constructor(private readonly books: FakeContainers) {
    books.open++;
    this.done = new Promise((resolve) => (this.finish = (status) => resolve({ status })));
  }

  write(data: Uint8Array): Promise<void> {
    this.onInput(data);
    return Promise.resolve();
  }
  end(): void {
    this.ended = true;
    this.onEnd();
  }
  resize(width: number, height: number): void {
    this.onResize(width, height);
  }
  onData(handler: (channel: 1 | 2, data: Uint8Array) => void | Promise<void>): void {
    this.handler = handler;
    this.handlerSet();
  }
  cancel(): void {
    this.books.cancelled++;
    this.exit(success);
  }

  /** Output in order, each after the previous one was taken (the contract's back-pressure). */
  print(channel: 1 | 2, text: string | Uint8Array): void {
    const data = typeof text === 'string' ? Buffer.from(text) : text;
    this.output = this.output.then(() => this.handlerReady).then(() => (this.over ? undefined : this.handler(channel, data)));
  }
  exit(status: Status): void {
    if (this.over) return;
    void this.output.then(() => {
      if (this.over) return;
      this.over = true;
      this.books.open--;
      this.finish(status);
    });
  }
}

/** The programs: `sh -c 'exit N'`, `cat`, `head -c N`, a tty shell that reports resizes, `sleep`, attach; ports 80 and 8080 serve HTTP, others refuse. */
export class FakeContainers {
  open = 0;
  cancelled = 0;
  readonly targets: StreamTarget[] = [];
  /** What port 80 was sent, one entry per connection. */
  readonly requests: string[] = [];

  readonly openStream: OpenContainerStream = async (target) => {
    this.targets.push(target);
    if (target.container === 'stopped') throw kubeletError(`container not found ("${target.container}")`);
    const s = new FakeStream(this);
    if (target.kind === 'portforward') this.serve(s, target.port ?? 0);
    else this.run(s, target);
    return s;
  };

  private run(s: FakeStream, target: StreamTarget): void {
    const command = target.command ?? [];
    const script = command[0] === 'sh' && command[1] === '-c' ? command[2] ?? '' : '';
    const exit = /^exit (\d+)$/.exec(script);
    if (exit) {
      s.print(1, 'to stdout\n');
      s.print(2, 'to stderr\n');
      s.exit(Number(exit[1]) === 0 ? success : exitStatus(Number(exit[1]), command));
    } else if (command[0] === 'cat') {
      s.onInput = (data) => s.print(1, data);
      s.onEnd = () => s.exit(success);
    } else if (target.kind === 'attach' && !target.stdin) {
      s.print(1, 'log line from main\n');
      s.exit(success);
    } else if (target.tty || target.kind === 'attach') {
      s.print(1, '/ # ');
      s.onResize = (w, h) => s.print(1, `[size ${w}x${h}]`);
      s.onInput = (data) => {
        const text = Buffer.from(data).toString();
        s.print(1, text.replace(/\r/g, '\r\n'));
        if (text.includes('exit')) s.exit(success);
      };
    } else if (command[0] === 'head' && command[1] === '-c') {
      const size = Number(command[2]);
      for (let at = 0; at < size; at += 65536) s.print(1, pattern(at, Math.min(65536, size - at)));
      s.exit(success);
    } else if (command[0] === 'sleep') {
      // Runs until cancelled.
    } else {
      s.print(2, `exec: "${command[0]}": executable file not found in $PATH`);
      s.exit(exitStatus(127, command));
    }
  }

  private serve(s: FakeStream, port: number): void {
    if (port === bigPort) {
      s.print(1, `HTTP/1.1 200 OK\r\nContent-Length: ${bigBody}\r\nConnection: close\r\n\r\n`);
      for (let at = 0; at < bigBody; at += 65536) s.print(1, binaryPattern(at, Math.min(65536, bigBody - at)));
      s.exit(success);
      return;
    }
    if (port !== 80) {
      s.exit({ metadata: {}, status: 'Failure', reason: 'InternalError', message: refusedMessage(port) });
      return;
    }
    let request = '';
    s.onInput = (data) => {
      request += Buffer.from(data).toString();
      if (!request.includes('\r\n\r\n')) return;
      this.requests.push(request);
      s.print(1, httpAnswer);
      s.exit(success);
    };
    s.onEnd = () => s.exit(success);
  }
}
