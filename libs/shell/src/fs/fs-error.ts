/**
 * The failures a file-system call can report. Utilities turn them into the
 * messages busybox prints (`cat: can't open '/x': No such file or directory`),
 * so each code carries the C library's strerror text.
 */

/** The errno names the in-memory file system raises. */
export type FsErrorCode = 'ENOENT' | 'EEXIST' | 'EISDIR' | 'ENOTDIR' | 'ENOTEMPTY' | 'EROFS';

const STRERROR: Readonly<Record<FsErrorCode, string>> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ENOTEMPTY: 'Directory not empty',
  EROFS: 'Read-only file system',
};

/** A failed file-system call; `message` is the strerror text utilities print after the path. */
export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly path: string,
  ) {
    super(STRERROR[code]);
    this.name = 'FsError';
  }
}
