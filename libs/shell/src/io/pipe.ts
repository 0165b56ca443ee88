/**
 * A pipe: bytes flow from writers to one reader through a buffer of bounded
 * capacity. Writes are synchronous (a utility's `stdout(text)` cannot wait),
 * so the bound is kept by the writer's side waiting in `whenWritable()` before
 * it writes more, as a process blocks in write(2) on a full pipe; once the
 * reader is gone, every write throws `BrokenPipe`, which ends the writer as
 * SIGPIPE would. A file's contents or a session's stdin are pipes too (the
 * first already closed, the second fed as data arrives), so the shell reads
 * every standard input the same way.
 */

/** Linux's pipe buffer: writers wait once this much is unread. */
export const PIPE_CAPACITY = 65_536;

/** Writing to a pipe nobody reads any more; the writing process ends with status 141 (SIGPIPE). */
export class BrokenPipe extends Error {
  constructor() {
    super('broken pipe');
    this.name = 'BrokenPipe';
  }
}

/** The reading side of standard input, as utilities and `read` see it. */
export interface StandardInput {
  /** The next bytes available, waiting for some; undefined at end of input. */
  read(): Promise<string | undefined>;
  /** The next line with its `\n` (the last one may lack it), waiting for it; undefined at end of input. */
  readLine(): Promise<string | undefined>;
  /** Everything up to the end of input. */
  readAll(): Promise<string>;
}

/** A one-way byte channel with a bounded buffer. */
export class Pipe implements StandardInput {
  private buffer = '';
  private writerClosed = false;
  private readerClosed = false;
  private readonly readers: (() => void)[] = [];
  private readonly writers: (() => void)[] = [];

  constructor(private readonly capacity = PIPE_CAPACITY) {}

  /** A pipe already holding `bytes` and closed: what `< file` or a string stdin reads. */
  static of(bytes: string): Pipe {
    const pipe = new Pipe(Infinity);
    pipe.buffer = bytes;
    pipe.writerClosed = true;
    return pipe;
  }

  /** True once the writer closed: everything the reader will ever get is buffered. */
  get complete(): boolean {
    return this.writerClosed;
  }

  /** Appends bytes; throws `BrokenPipe` when the reader is gone. */
  write(bytes: string): void {
    if (this.readerClosed) throw new BrokenPipe();
    if (this.writerClosed || bytes === '') return;
    this.buffer += bytes;
    this.wake(this.readers);
  }

  /** End of input for the reader, once it has read what is buffered. */
  close(): void {
    this.writerClosed = true;
    this.wake(this.readers);
  }

  /** Resolves when the buffer has room, or when the reader is gone (the next write then throws). */
  whenWritable(): Promise<void> {
    if (this.buffer.length < this.capacity || this.readerClosed) return Promise.resolve();
    return new Promise((resolve) => this.writers.push(resolve));
  }

  /** The reader is done: buffered bytes are dropped and writers get `BrokenPipe`. */
  cancel(): void {
    this.readerClosed = true;
    this.buffer = '';
    this.wake(this.writers);
  }

  /** Takes everything buffered now, without waiting. */
  take(): string {
    return this.consume(this.buffer.length);
  }

  async read(): Promise<string | undefined> {
    await this.until(() => this.buffer !== '');
    return this.buffer === '' ? undefined : this.take();
  }

  async readLine(): Promise<string | undefined> {
    await this.until(() => this.buffer.includes('\n'));
    if (this.buffer === '') return undefined;
    const newline = this.buffer.indexOf('\n');
    return this.consume(newline < 0 ? this.buffer.length : newline + 1);
  }

  async readAll(): Promise<string> {
    let bytes = '';
    for (let chunk = await this.read(); chunk !== undefined; chunk = await this.read()) bytes += chunk;
    return bytes;
  }

  /** Waits until `ready()` holds or the writer has closed. */
  private async until(ready: () => boolean): Promise<void> {
    while (!ready() && !this.writerClosed) await new Promise<void>((resolve) => this.readers.push(resolve));
  }

  private consume(length: number): string {
    const bytes = this.buffer.slice(0, length);
    this.buffer = this.buffer.slice(length);
    if (this.buffer.length < this.capacity) this.wake(this.writers);
    return bytes;
  }

  private wake(waiters: (() => void)[]): void {
    for (const resolve of waiters.splice(0)) resolve();
  }
}
