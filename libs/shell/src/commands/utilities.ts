/**
 * The utilities a busybox-style image provides, by name. A command found here
 * runs in-process; anything else is "not found", exactly as in a minimal
 * image that lacks the binary.
 */
import type { Utility } from './command-context.js';
import { cat } from './cat.js';
import { curl } from './curl.js';
import { date } from './date.js';
import { echo } from './echo.js';
import { env } from './env.js';
import { hostname } from './hostname.js';
import { ls } from './ls.js';
import { mkdir } from './mkdir.js';
import { nslookup } from './nslookup.js';
import { printenv } from './printenv.js';
import { printf } from './printf.js';
import { pwd } from './pwd.js';
import { rm } from './rm.js';
import { seq } from './seq.js';
import { sleep } from './sleep.js';
import { test } from './test.js';
import { touch } from './touch.js';
import { wget } from './wget.js';
import { rev } from './rev.js';
import { sort } from './sort.js';
import { uniq } from './uniq.js';
import { wc } from './wc.js';
import { grep } from './grep.js';
import { sed } from './sed.js';
import { head } from './head.js';
import { tail } from './tail.js';
import { cut } from './cut.js';
import { tr } from './tr.js';
import { tee } from './tee.js';
import { basename } from './basename.js';
import { dirname } from './dirname.js';
import { yes } from './yes.js';
import { expr } from './expr.js';
import { awk } from './awk.js';
import { find } from './find.js';
import { cp } from './cp.js';
import { mv } from './mv.js';
import { ln } from './ln.js';
import { chmod } from './chmod.js';
import { stat } from './stat.js';
import { du } from './du.js';
import { df } from './df.js';
import { uname } from './uname.js';
import { nproc } from './nproc.js';
import { free } from './free.js';
import { uptime } from './uptime.js';
import { dmesg } from './dmesg.js';
import { clear } from './clear.js';
import { mount } from './mount.js';
import { id, whoami } from './id.js';
import { whichOver } from './which.js';
import { nc } from './nc.js';
import { ping } from './ping.js';
import { traceroute } from './traceroute.js';
import { dig } from './dig.js';
import { timeout } from './timeout.js';
import { xargs } from './xargs.js';
import { base64 } from './base64.js';
import { checksum } from './checksum.js';
import { tar } from './tar.js';
import { gzip } from './gzip.js';

const succeed: Utility = () => 0;
const fail: Utility = () => 1;

/** Utility name → implementation (`sh` and the shell's own builtins are not here). */
export const UTILITIES: ReadonlyMap<string, Utility> = new Map<string, Utility>([
  [':', succeed],
  ['true', succeed],
  ['false', fail],
  ['[', test],
  ['test', test],
  ['cat', cat],
  ['curl', curl],
  ['date', date],
  ['echo', echo],
  ['env', env],
  ['hostname', hostname],
  ['ls', ls],
  ['mkdir', mkdir],
  ['nslookup', nslookup],
  ['printenv', printenv],
  ['printf', printf],
  ['pwd', pwd],
  ['rm', rm],
  ['seq', seq],
  ['sleep', sleep],
  ['touch', touch],
  ['wget', wget],
  ['rev', rev],
  ['sort', sort],
  ['uniq', uniq],
  ['wc', wc],
  ['grep', grep],
  ['sed', sed],
  ['head', head],
  ['tail', tail],
  ['cut', cut],
  ['tr', tr],
  ['tee', tee],
  ['basename', basename],
  ['dirname', dirname],
  ['yes', yes],
  ['expr', expr],
  ['awk', awk],
  ['find', find],
  ['cp', cp],
  ['mv', mv],
  ['ln', ln],
  ['chmod', chmod],
  ['stat', stat],
  ['du', du],
  ['df', df],
  ['uname', uname],
  ['nproc', nproc],
  ['free', free],
  ['uptime', uptime],
  ['dmesg', dmesg],
  ['clear', clear],
  ['mount', mount],
  ['id', id],
  ['whoami', whoami],
  ['which', whichOver(() => UTILITIES.keys())],
  ['nc', nc],
  ['ping', ping],
  ['traceroute', traceroute],
  ['dig', dig],
  ['timeout', timeout],
  ['xargs', xargs],
  ['base64', base64],
  ['md5sum', checksum],
  ['sha1sum', checksum],
  ['sha256sum', checksum],
  ['sha512sum', checksum],
  ['tar', tar],
  ['gzip', gzip],
  ['gunzip', gzip],
  ['zcat', gzip],
]);
