/**
 * `id [-ugGnr] [USER]` and `whoami`. The process runs as root (uid 0), as a
 * container without `runAsUser` does; names come from /etc/passwd and
 * /etc/group when the image has them.
 */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';

interface Account {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

const ROOT: Account = { name: 'root', uid: 0, gid: 0 };
const CURRENT_UID = 0;

/** Prints the user and group identities of the process (or of USER). */
export function id(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'ugGnr' }, '[-ugGnr] [USER]');
  if (typeof parsed === 'number') return parsed;
  const accounts = passwd(context);
  const [userName] = parsed.operands;
  const account = userName === undefined ? (accounts.find((entry) => entry.uid === CURRENT_UID) ?? ROOT) : accounts.find((entry) => entry.name === userName);
  if (!account) return complain(context, `unknown user ${userName}`);
  const groups = groupsOf(context, account);
  const groupName = (gid: number) => groups.find((group) => group.gid === gid)?.name ?? String(gid);
  const { flags } = parsed;
  const names = flags.has('n');
  if (flags.has('u')) context.stdout(`${names ? account.name : account.uid}\n`);
  else if (flags.has('g')) context.stdout(`${names ? groupName(account.gid) : account.gid}\n`);
  else if (flags.has('G')) context.stdout(`${groups.map((group) => (names ? group.name : group.gid)).join(' ')}\n`);
  else {
    const list = groups.map((group) => `${group.gid}(${group.name})`).join(',');
    context.stdout(`uid=${account.uid}(${account.name}) gid=${account.gid}(${groupName(account.gid)}) groups=${list}\n`);
  }
  return 0;
}

/** `whoami`: the name of the effective user. */
export function whoami(context: CommandContext): number {
  if (context.args.length > 0) {
    context.stderr('Usage: whoami \n');
    return 1;
  }
  const account = passwd(context).find((entry) => entry.uid === CURRENT_UID) ?? ROOT;
  context.stdout(`${account.name}\n`);
  return 0;
}

function passwd(context: CommandContext): Account[] {
  if (!context.fs.isFile('/etc/passwd')) return [ROOT];
  const accounts: Account[] = [];
  for (const line of context.fs.read('/etc/passwd').split('\n')) {
    const [name, , uid, gid] = line.split(':');
    if (name && /^\d+$/.test(uid ?? '') && /^\d+$/.test(gid ?? '')) accounts.push({ name, uid: Number(uid), gid: Number(gid) });
  }
  return accounts.some((account) => account.uid === 0) ? accounts : [ROOT, ...accounts];
}

function groupsOf(context: CommandContext, account: Account): { name: string; gid: number }[] {
  const groups: { name: string; gid: number }[] = [];
  const lines = context.fs.isFile('/etc/group') ? context.fs.read('/etc/group').split('\n') : ['root:x:0:'];
  for (const line of lines) {
    const [name, , gid, members = ''] = line.split(':');
    if (!name || !/^\d+$/.test(gid ?? '')) continue;
    if (Number(gid) === account.gid || members.split(',').includes(account.name)) groups.push({ name, gid: Number(gid) });
  }
  if (!groups.some((group) => group.gid === account.gid)) groups.unshift({ name: account.gid === 0 ? 'root' : String(account.gid), gid: account.gid });
  return groups;
}
