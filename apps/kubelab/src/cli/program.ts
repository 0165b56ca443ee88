/**
 * The kubelab command line as a commander tree assembled from the commands (commands/<name>.ts,
 * each its options, its help and its work), and the one place their mistakes become
 * `kubelab: <message>` with exit 2. A new command is a module with `command` and `run` and one
 * line each below; --help, completion and the e2e help walk (commandPaths) pick it up from the tree.
 */
import { Command, CommanderError, Help } from 'commander';
import * as chaos from '../commands/chaos.js';
import * as check from '../commands/check.js';
import * as clock from '../commands/clock.js';
import * as completion from '../commands/completion.js';
import * as deschedule from '../commands/deschedule.js';
import * as down from '../commands/down.js';
import * as events from '../commands/events.js';
import * as exam from '../commands/exam.js';
import * as exportLog from '../commands/export.js';
import * as help from '../commands/help.js';
import * as image from '../commands/image.js';
import * as importLog from '../commands/import.js';
import * as joinCommand from '../commands/join-command.js';
import * as join from '../commands/join.js';
import * as kubeconfig from '../commands/kubeconfig.js';
import * as learn from '../commands/learn.js';
import * as node from '../commands/node.js';
import * as replay from '../commands/replay.js';
import * as ssh from '../commands/ssh.js';
import * as status from '../commands/status.js';
import * as up from '../commands/up.js';
import * as user from '../commands/user.js';
import * as verify from '../commands/verify.js';
import * as why from '../commands/why.js';
import { commandOf, forEachCommand } from './command-tree.js';
import { overview } from './overview.js';
import { endQuietlyOnClosedPipe } from './stdout.js';
import { UsageError } from './usage-error.js';

/** Each command's work, by name; a test hands the program its own to see what a command line parses to, without running anything. */
export const kubelabCommands = {
  up: up.run, down: down.run, status: status.run, kubeconfig: kubeconfig.run, deschedule: deschedule.run, events: events.run, why: why.run,
  replay: replay.run, verify: verify.run, check: check.run, export: exportLog.run, import: importLog.run, chaos: chaos.run,
  imageAdd: image.runAdd, imageList: image.runList, userAdd: user.runAdd, nodeAdd: node.runAdd, nodeMarkControlPlane: node.runMarkControlPlane,
  joinCommand: joinCommand.run, join: join.run, learn: learn.run, exam: exam.run, ssh: ssh.run, clock: clock.run,
};
/** What each command does, with commander's parsed arguments and options; each resolves to the exit code. */
export type Commands = typeof kubelabCommands;

/** The commander tree of kubelab, in the order help and completion list it; `exited` hears each command's exit code. */
export function kubelabProgram(commands: Commands = kubelabCommands, exited: (code: number) => void = () => {}): Command {
  const done = async (code: number) => exited(code);
  const program = new Command('kubelab').description('a Kubernetes cluster emulator for learning, rehearsing and breaking a cluster');
  program.configureHelp({ formatHelp: (cmd, helper) => (cmd === program ? overview : Help.prototype.formatHelp.call(helper, cmd, helper)) });
  for (const cmd of [
    up.command(commands.up, done), down.command(commands.down, done), status.command(commands.status, done),
    kubeconfig.command(commands.kubeconfig, done), deschedule.command(commands.deschedule, done),
    image.command({ add: commands.imageAdd, list: commands.imageList }, done), user.command(commands.userAdd, done),
    node.command({ add: commands.nodeAdd, markControlPlane: commands.nodeMarkControlPlane }, done),
    joinCommand.command(commands.joinCommand, done), join.command(commands.join, done), ssh.command(commands.ssh, done), chaos.command(commands.chaos, done),
    clock.command(commands.clock, done),
  ]) program.addCommand(cmd);
  for (const drill of chaos.bareDrillCommands(commands.chaos, done)) program.addCommand(drill, { hidden: true });
  for (const cmd of [
    events.command(commands.events, done), why.command(commands.why, done), replay.command(commands.replay, done), learn.command(commands.learn, done), exam.command(commands.exam, done),
    verify.command(commands.verify, done), check.command(commands.check, done), exportLog.command(commands.export, done), importLog.command(commands.import, done),
    completion.command(program, done), help.command(program, done),
  ]) program.addCommand(cmd);

  // `kubelab help` is the help command, for nested paths too; the groups' own would list in their commands.
  forEachCommand(program, (cmd) => {
    cmd.helpCommand(false).exitOverride().showSuggestionAfterError().configureOutput({ writeErr: () => {}, outputError: () => {} });
  });
  return program;
}

/** The commands that run a lab or nodes in the foreground: when their output is gone they stop what they run, themselves. */
const foreground = new Set(['up', 'join']);

/** Runs the command line; every mistake in it ends as one `kubelab: <message>` line and exit 2. */
export async function runKubelab(argv: string[], commands: Commands = kubelabCommands): Promise<number> {
  let code = 0;
  const program = kubelabProgram(commands, (c) => (code = c));
  program.hook('preAction', (_, action) => {
    if (!(action.parent === program && foreground.has(action.name()))) endQuietlyOnClosedPipe();
  });
  if (argv.length === 0) {
    process.stdout.write(overview);
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return commanderFailure(program, argv, e);
    process.stderr.write(`kubelab: ${(e as Error).message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

/** The visible commands under the group `argv` names. */
function groupCommands(program: Command, argv: string[]): string[] {
  const group = commandOf(program, argv).at(-1) ?? program;
  return group.createHelp().visibleCommands(group).map((c) => c.name());
}

function commanderFailure(program: Command, argv: string[], e: CommanderError): number {
  if (e.code === 'commander.helpDisplayed' || (e.code === 'commander.help' && e.exitCode === 0)) return 0;
  const path = commandOf(program, argv).map((c) => c.name());
  const at = path.length ? `kubelab ${path.join(' ')}` : 'kubelab';
  // commander.help with an error: a command that only groups others was given none of them.
  const message = e.code === 'commander.help'
    ? `${path.join(' ')} needs a command: ${groupCommands(program, argv).join(', ')}`
    : e.message.replace(/^error: /, '').replace(/\.$/, '').replaceAll('\n', ' ');
  process.stderr.write(`kubelab: ${message}; ${at} --help shows the usage\n`);
  return 2;
}
