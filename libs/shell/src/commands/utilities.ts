/**
 * The utilities a busybox-style image provides, by name. A command found here
 * runs in-process; anything else is "not found", exactly as in a minimal
 * image that lacks the binary.
 */
import type { Utility } from './command-context.js';
import { apt, aptCache, aptGet, aptMark } from './apt.js';
import { awk } from './awk.js';
import { base64 } from './base64.js';
import { basename } from './basename.js';
import { cat } from './cat.js';
import { checksum } from './checksum.js';
import { chmod } from './chmod.js';
import { chroot } from './chroot.js';
import { clear } from './clear.js';
import { cp } from './cp.js';
import { crictl } from './crictl.js';
import { etcdctl } from './etcdctl.js';
import { curl } from './curl.js';
import { cut } from './cut.js';
import { date } from './date.js';
import { df } from './df.js';
import { dig } from './dig.js';
import { dirname } from './dirname.js';
import { dmesg } from './dmesg.js';
import { dpkg } from './dpkg.js';
import { du } from './du.js';
import { echo } from './echo.js';
import { env } from './env.js';
import { expr } from './expr.js';
import { find } from './find.js';
import { free } from './free.js';
import { grep } from './grep.js';
import { gzip } from './gzip.js';
import { head } from './head.js';
import { hostname } from './hostname.js';
import { journalctl } from './journalctl.js';
import { id, whoami } from './id.js';
import { ip } from './ip.js';
import { kill } from './kill.js';
import { kubeadm } from './kubeadm.js';
import { ln } from './ln.js';
import { ls } from './ls.js';
import { mkdir } from './mkdir.js';
import { mount } from './mount.js';
import { mv } from './mv.js';
import { nc } from './nc.js';
import { netstat } from './netstat.js';
import { nproc } from './nproc.js';
import { nslookup } from './nslookup.js';
import { ping } from './ping.js';
import { printenv } from './printenv.js';
import { printf } from './printf.js';
import { ps } from './ps.js';
import { systemctl } from './systemctl.js';
import { pwd } from './pwd.js';
import { rev } from './rev.js';
import { rm } from './rm.js';
import { sed } from './sed.js';
import { seq } from './seq.js';
import { sleep } from './sleep.js';
import { sort } from './sort.js';
import { ss } from './ss.js';
import { stat } from './stat.js';
import { tail } from './tail.js';
import { tar } from './tar.js';
import { tee } from './tee.js';
import { test } from './test.js';
import { timeout } from './timeout.js';
import { touch } from './touch.js';
import { tr } from './tr.js';
import { traceroute } from './traceroute.js';
import { uname } from './uname.js';
import { uniq } from './uniq.js';
import { uptime } from './uptime.js';
import { vi } from './vi.js';
import { wc } from './wc.js';
import { wget } from './wget.js';
import { which } from './which.js';
import { xargs } from './xargs.js';
import { yes } from './yes.js';

const succeed: Utility = () => 0;
const fail: Utility = () => 1;

/** Utility name → implementation (`sh` and the shell's own builtins are not here). */
export const UTILITIES: ReadonlyMap<string, Utility> = new Map<string, Utility>([
  [':', succeed],
  ['true', succeed],
  ['false', fail],
  ['[', test],
  ['test', test],
  ['apt', apt],
  ['apt-cache', aptCache],
  ['apt-get', aptGet],
  ['apt-mark', aptMark],
  ['awk', awk],
  ['base64', base64],
  ['basename', basename],
  ['cat', cat],
  ['chmod', chmod],
  ['chroot', chroot],
  ['clear', clear],
  ['cp', cp],
  ['crictl', crictl],
  ['curl', curl],
  ['cut', cut],
  ['date', date],
  ['df', df],
  ['dig', dig],
  ['dirname', dirname],
  ['dmesg', dmesg],
  ['dpkg', dpkg],
  ['du', du],
  ['echo', echo],
  ['env', env],
  ['etcdctl', etcdctl],
  ['etcdutl', etcdctl],
  ['expr', expr],
  ['find', find],
  ['free', free],
  ['grep', grep],
  ['gunzip', gzip],
  ['gzip', gzip],
  ['head', head],
  ['hostname', hostname],
  ['journalctl', journalctl],
  ['id', id],
  ['ip', ip],
  ['kill', kill],
  ['kubeadm', kubeadm],
  ['ln', ln],
  ['ls', ls],
  ['md5sum', checksum],
  ['mkdir', mkdir],
  ['mount', mount],
  ['mv', mv],
  ['nc', nc],
  ['netstat', netstat],
  ['nproc', nproc],
  ['nslookup', nslookup],
  ['ping', ping],
  ['printenv', printenv],
  ['printf', printf],
  ['ps', ps],
  ['systemctl', systemctl],
  ['pwd', pwd],
  ['rev', rev],
  ['rm', rm],
  ['sed', sed],
  ['seq', seq],
  ['sha1sum', checksum],
  ['sha256sum', checksum],
  ['sha512sum', checksum],
  ['sleep', sleep],
  ['sort', sort],
  ['ss', ss],
  ['stat', stat],
  ['tail', tail],
  ['tar', tar],
  ['tee', tee],
  ['timeout', timeout],
  ['touch', touch],
  ['tr', tr],
  ['traceroute', traceroute],
  ['uname', uname],
  ['uniq', uniq],
  ['uptime', uptime],
  ['vi', vi],
  ['vim', vi],
  ['wc', wc],
  ['wget', wget],
  ['which', which],
  ['whoami', whoami],
  ['xargs', xargs],
  ['yes', yes],
  ['zcat', gzip],
]);
