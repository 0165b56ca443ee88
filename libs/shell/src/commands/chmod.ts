/**
 * `chmod [-Rcvf] MODE[,MODE]… FILE…`. The in-memory file system keeps no
 * permission bits, so a valid mode on an existing file succeeds and changes
 * nothing; an invalid mode or a missing file fails as busybox fails.
 */
import { complain, usage, type CommandContext } from './command-context.js';
import { parseOptions } from './options.js';

const OCTAL = /^[0-7]{1,4}$/;
const SYMBOLIC = /^[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+$/;

/** Validates MODE and the files; status 1 for a bad mode or a missing file. */
export function chmod(context: CommandContext): number {
  const args = [...context.args];
  const modeIndex = args.findIndex((arg) => !/^-[Rcvf]+$/.test(arg) || arg === '--');
  const parsed = parseOptions(args.slice(0, Math.max(modeIndex, 0)), { flags: 'Rcvf' });
  if ('error' in parsed) {
    context.stderr(`chmod: ${parsed.error}\nUsage: chmod [-Rcvf] MODE[,MODE]... FILE...\n`);
    return 1;
  }
  const [mode, ...files] = args.slice(modeIndex).filter((arg, index) => index > 0 || arg !== '--');
  if (mode === undefined || files.length === 0) return usage(context, '[-Rcvf] MODE[,MODE]... FILE...');
  if (!OCTAL.test(mode) && !mode.split(',').every((part) => SYMBOLIC.test(part))) return complain(context, `invalid mode '${mode}'`);
  let status = 0;
  for (const file of files) {
    if (!context.fs.exists(context.resolve(file))) {
      if (!parsed.flags.has('f')) status = complain(context, `${file}: No such file or directory`);
      else status = 1;
    }
  }
  return status;
}
