/**
 * What several commands share on their command line: the options that name a lab, and how a
 * command's work hands its exit code back to the program (commander's actions return nothing).
 */
import { resolve } from 'node:path';
import { Option } from 'commander';

/** Hears a command's exit code; each command's action ends with `done(await run(…))`. */
export type Done = (code: number) => Promise<void>;

/** The lab's data dir: every command that works on a lab takes it. */
export interface DataDirOption {
  dataDir?: string;
}
/** The log commands reach the lab of --data-dir, or the compose lab's API through --kubeconfig. */
export interface LabApiOptions extends DataDirOption {
  kubeconfig?: string;
}
/** A stopped lab's log on PostgreSQL: its URL (`kubelab up --database` notes it in the data dir, so this is rarely needed). */
export interface DatabaseOption {
  database?: string;
}

/** --data-dir, a new Option each time: commander keeps an option's parsed state per command. */
export const dataDirOption = () => new Option('--data-dir <DIR>', 'the lab\'s data dir (default: .kubelab)');
/** --kubeconfig for the commands that read a lab's log through its API. */
export const kubeconfigOption = () => new Option('--kubeconfig <FILE>', 'read the log of the lab this kubeconfig names (the compose lab: .kubelab/compose-kubeconfig)');
/** The data dir a --data-dir names, absolute; .kubelab when none is given. */
export const dataDirOf = (flag: string | undefined): string => resolve(flag ?? '.kubelab');
