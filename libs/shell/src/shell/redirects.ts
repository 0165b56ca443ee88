/**
 * Applies a command's redirections, left to right, to produce its streams:
 * `>file` truncates, `>>file` appends, `<file` supplies input, a here-document
 * its expanded body and a here-string its word and a newline, `2>&1` points
 * stderr where stdout currently goes, `>&-` discards. Files live in the
 * container's MemoryFs; /dev/null swallows everything.
 */
import { FsError } from '../fs/fs-error.js';
import type { MemoryFs } from '../fs/memory-fs.js';
import { resolvePath } from '../fs/path.js';
import { Pipe } from '../io/pipe.js';
import type { Redirect, Word } from '../syntax/ast.js';
import type { Sink, Streams } from './streams.js';

/** A redirection that cannot be made; the shell prints `sh: message` and the command fails with 1. */
export class RedirectError extends Error {}

/** The streams a command gets once `redirects` are applied to `streams`. */
export async function applyRedirects(
  redirects: readonly Redirect[],
  streams: Streams,
  expand: (word: Word) => Promise<string>,
  fs: MemoryFs,
  cwd: string,
): Promise<Streams> {
  let result = streams;
  for (const redirect of redirects) {
    const target = await expand(redirect.target);
    switch (redirect.operator) {
      case '>':
      case '>>':
        result = withSink(result, redirect.fd, openForWriting(fs, resolvePath(target, cwd), target, redirect.operator === '>>'));
        break;
      case '<':
        if (redirect.fd === 0) result = { ...result, stdin: Pipe.of(readInput(fs, resolvePath(target, cwd), target)) };
        break;
      case '<<':
        if (redirect.fd === 0) result = { ...result, stdin: Pipe.of(target) };
        break;
      case '<<<':
        if (redirect.fd === 0) result = { ...result, stdin: Pipe.of(`${target}\n`) };
        break;
      case '>&':
        result = withSink(result, redirect.fd, duplicate(result, target));
        break;
      case '<&':
        if (target !== '0' && target !== '-') throw new RedirectError(`${target}: bad file descriptor`);
        if (target === '-') result = { ...result, stdin: Pipe.of('') };
        break;
    }
  }
  return result;
}

function withSink(streams: Streams, fd: number, sink: Sink): Streams {
  if (fd === 1) return { ...streams, stdout: sink };
  if (fd === 2) return { ...streams, stderr: sink };
  return streams;
}

function openForWriting(fs: MemoryFs, path: string, written: string, append: boolean): Sink {
  try {
    fs.write(path, '', { append });
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    const reason = error.code === 'ENOENT' ? 'nonexistent directory' : error.message;
    throw new RedirectError(`can't create ${written}: ${reason}`);
  }
  return (bytes) => {
    try {
      fs.write(path, bytes, { append: true });
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
    }
  };
}

function readInput(fs: MemoryFs, path: string, written: string): string {
  try {
    return fs.read(path);
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    throw new RedirectError(`can't open '${written}': ${error.message}`);
  }
}

function duplicate(streams: Streams, target: string): Sink {
  if (target === '1') return streams.stdout;
  if (target === '2') return streams.stderr;
  if (target === '-') return () => undefined;
  throw new RedirectError(`${target}: bad file descriptor`);
}
