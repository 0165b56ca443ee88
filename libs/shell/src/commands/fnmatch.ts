/** fnmatch(3) patterns (`*`, `?`, `[…]`, `[!…]`) as find -name and tar's member lists use them. */

/** A RegExp matching the whole of a name against `pattern`. */
export function fnmatchRegex(pattern: string, ignoreCase = false): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const close = pattern.indexOf(']', i + (pattern[i + 1] === '!' || pattern[i + 1] === '^' ? 3 : 2) - 1);
      if (close < 0) source += '\\[';
      else {
        let body = pattern.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        source += `[${body.replace(/\\/g, '\\\\').replace(/\[/g, '\\[')}]`;
        i = close;
      }
    } else if (char === '\\' && i + 1 < pattern.length) source += escape(pattern[++i]);
    else source += escape(char);
  }
  try {
    return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
  } catch {
    return new RegExp(`^${escapeAll(pattern)}$`, ignoreCase ? 'is' : 's');
  }
}

/** A bracket expression JavaScript rejects (`[z-a]`) matches only itself, literally. */
function escapeAll(pattern: string): string {
  return [...pattern].map(escape).join('');
}

function escape(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
}
