import { describe, expect, it } from 'vitest';
import { executableNotFoundMessage, execNotFound, imageHasProgram, programsOf } from './image-programs.js';

describe('image programs', () => {
  const alpine = { programs: ['sh', 'ls', 'apk'] };

  it('finds a program by bare name or path', () => {
    expect(imageHasProgram(alpine, 'sh')).toBe(true);
    expect(imageHasProgram(alpine, '/bin/sh')).toBe(true);
    expect(imageHasProgram(alpine, 'bash')).toBe(false);
    expect([...programsOf(alpine)]).toEqual(['sh', 'ls', 'apk']);
  });

  it('words a missing program as runc does', () => {
    expect(executableNotFoundMessage('bash')).toBe('exec: "bash": executable file not found in $PATH');
    expect(executableNotFoundMessage('/bin/bash')).toBe('exec: "/bin/bash": stat /bin/bash: no such file or directory');
  });

  it('answers an exec of a missing program as kubectl shows it, exit code 126', () => {
    expect(execNotFound('ps')).toEqual({
      exitCode: 126,
      message: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in $PATH: unknown',
    });
  });
});
