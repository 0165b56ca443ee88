/**
 * The checksum the reload plugin logs at start (`Running configuration SHA512 = …`) and compares to notice a changed
 * Corefile: SHA-512 of the server blocks as Go's encoding/json writes them (keys, then each directive's tokens with
 * file, line and text, directives sorted). kubeadm's older Corefile gives the well-known 591cf328cccc12bc….
 */
import { createHash } from 'node:crypto';
import type { ServerBlock, Token } from './caddyfile.js';

/** A string as encoding/json writes it: HTML-safe, control characters as \u00XX except \n, \r and \t. */
function goJsonString(text: string): string {
  const short: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  const escaped = [...text].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (short[ch]) return short[ch];
    if (code < 0x20 || '<>&'.includes(ch) || code === 0x2028 || code === 0x2029) return `\\u${code.toString(16).padStart(4, '0')}`;
    return ch;
  });
  return `"${escaped.join('')}"`;
}

const tokenJson = (token: Token) => `{"File":${goJsonString(token.file)},"Line":${token.line},"Text":${goJsonString(token.text)}}`;

function blockJson(block: ServerBlock): string {
  const directives = [...block.tokens.keys()].sort();
  const tokens = directives.map((name) => `${goJsonString(name)}:[${block.tokens.get(name)!.map(tokenJson).join(',')}]`);
  return `{"Keys":[${block.keys.map(goJsonString).join(',')}],"Tokens":{${tokens.join(',')}}}`;
}

/** The hex SHA-512 the reload plugin computes of the parsed Corefile. */
export function configurationSha512(blocks: readonly ServerBlock[]): string {
  return createHash('sha512').update(`[${blocks.map(blockJson).join(',')}]`).digest('hex');
}
