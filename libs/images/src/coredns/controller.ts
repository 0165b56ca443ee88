/**
 * What a CoreDNS plugin's setup function is handed (caddy.Controller): its directive's tokens in one server block to
 * read with the Dispenser, the block's keys (`dns://.:53`), and the container's files for the plugins that open one as
 * they start. Warnings a setup logs are gathered, to be printed before the server keys.
 */
import { CorefileError, Dispenser, type ReadFile, type Token } from './caddyfile.js';

/** plugin.ErrOnce: a plugin that takes one stanza per server block was given two. */
export const errOnce = () => new CorefileError('this plugin can only be used once per Server Block');

/** One plugin's view of one server block while CoreDNS sets it up. */
export class Controller extends Dispenser {
  constructor(
    filename: string,
    tokens: Token[],
    readonly serverBlockKeys: readonly string[],
    readonly readFile: ReadFile,
    private readonly plugin: string,
    private readonly warnings: string[],
  ) {
    super(filename, tokens);
  }

  /** The plugin's log.Warningf line. */
  warn(message: string): void {
    this.warnings.push(`[WARNING] plugin/${this.plugin}: ${message}`);
  }
}
