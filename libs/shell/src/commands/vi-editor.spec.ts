import { describe, expect, it } from 'vitest';
import { Editor, type EditorAction } from './vi-editor.js';
import { KeyReader } from './vi-keys.js';

const NOW = new Date('2025-01-01T12:00:00Z');
const SIZE = { cols: 80, rows: 24 };

/** An editor over `text` (file `f`, or no file when `unnamed`) after `keys`, typed as one chunk. */
function edit(text: string, keys: string, options: { unnamed?: boolean } = {}) {
  const editor = options.unnamed ? new Editor(undefined, { kind: 'none' }) : new Editor('f', { kind: 'file', text });
  const actions: EditorAction[] = [];
  for (const key of new KeyReader().feed(keys)) actions.push(...editor.key(key, NOW));
  const screen = editor.screen(SIZE);
  return { editor, actions, lines: screen.lines, cursor: screen.cursor, bottom: screen.bottom, mode: screen.mode };
}

describe('vi normal mode', () => {
  it('moves by words, WORDs and word ends, with counts', () => {
    const text = 'one two.three  four\nfive\n';
    expect(edit(text, 'w').cursor).toEqual({ row: 0, col: 4 });
    expect(edit(text, 'ww').cursor).toEqual({ row: 0, col: 7 });
    expect(edit(text, 'W').cursor).toEqual({ row: 0, col: 4 });
    expect(edit(text, '2W').cursor).toEqual({ row: 0, col: 15 });
    expect(edit(text, '3W').cursor).toEqual({ row: 1, col: 0 });
    expect(edit(text, 'e').cursor).toEqual({ row: 0, col: 2 });
    expect(edit(text, '$b').cursor).toEqual({ row: 0, col: 15 });
    expect(edit(text, 'jb').cursor).toEqual({ row: 0, col: 15 });
    expect(edit(text, '$^').cursor).toEqual({ row: 0, col: 0 });
  });

  it('goes to lines with G, NG, gg and :N, on their first non-blank', () => {
    const text = 'a\n  b\nc\nd\n';
    expect(edit(text, 'G').cursor).toEqual({ row: 3, col: 0 });
    expect(edit(text, '2G').cursor).toEqual({ row: 1, col: 2 });
    expect(edit(text, 'Ggg').cursor).toEqual({ row: 0, col: 0 });
    expect(edit(text, ':2\r').cursor).toEqual({ row: 1, col: 2 });
    expect(edit(text, ':$\r').cursor).toEqual({ row: 3, col: 0 });
    expect(edit(text, ':99\r').cursor).toEqual({ row: 3, col: 0 });
  });

  it('j and k keep the column the cursor wants across shorter lines', () => {
    expect(edit('abcdef\nab\nabcdef\n', '4ljj').cursor).toEqual({ row: 2, col: 4 });
    expect(edit('abcdef\nab\nabcdef\n', '4lj').cursor).toEqual({ row: 1, col: 1 });
    expect(edit('abc\nabcdef\n', '$j').cursor).toEqual({ row: 1, col: 5 });
  });

  it('d, c and y take their motions: dw, d0, d$, cw on a word, 3dd, dG', () => {
    expect(edit('one two three\n', 'dw').lines).toEqual(['two three']);
    expect(edit('one two\n', 'wdw').lines).toEqual(['one ']);
    expect(edit('one two\n', 'wd0').lines).toEqual(['two']);
    expect(edit('one two\n', 'wD').lines).toEqual(['one ']);
    expect(edit('one two\n', 'cwuno\x1b').lines).toEqual(['uno two']);
    expect(edit('a\nb\nc\nd\ne\n', 'j3dd').lines).toEqual(['a', 'e']);
    expect(edit('a\nb\nc\nd\ne\n', 'j3dd').bottom).toBe('3 fewer lines');
    expect(edit('a\nb\nc\n', 'jdG').lines).toEqual(['a']);
    expect(edit('a\nb\nc\n', 'jyjGp').lines).toEqual(['a', 'b', 'c', 'b', 'c']);
    expect(edit('abc\n', '3x').lines).toEqual(['']);
    expect(edit('abc\n', 'lr xrq').lines).toEqual(['aq']);
  });

  it('deleting every line leaves an empty buffer that a put replaces', () => {
    const emptied = edit('a\nb\n', 'dGP');
    expect(emptied.lines).toEqual(['a', 'b']);
    expect(edit('a\nb\n', 'dG').bottom).toBe('--No lines in buffer--');
  });

  it('u undoes and Ctrl-R redoes, one change at a time', () => {
    const run = edit('a\n', 'ox\x1boy\x1buu\x12');
    expect(run.lines).toEqual(['a', 'x']);
    expect(run.bottom).toBe('1 more line; after #1  0 seconds ago');
    expect(run.editor.modified).toBe(true);
    expect(edit('a\n', 'ox\x1bu').editor.modified).toBe(false);
    expect(edit('a\n', 'i\x1bu').bottom).toBe('Already at oldest change');
  });
});

describe('vi insert mode', () => {
  it('types, splits and joins lines with Enter and Backspace, moves with the arrows', () => {
    expect(edit('ab\n', 'a\rX\x1b').lines).toEqual(['a', 'Xb']);
    expect(edit('ab\ncd\n', 'ji\x7f\x7f\x1b').lines).toEqual(['acd']);
    expect(edit('ab\n', 'i\x1b[C\x1b[Cz\x1b').lines).toEqual(['abz']);
    expect(edit('  ab\n', 'Ix\x1bAy\x1b').lines).toEqual(['  xaby']);
    expect(edit('ab\n', 'A\x1b').cursor).toEqual({ row: 0, col: 1 });
    expect(edit('ab\n', 'A').mode).toBe('insert');
    expect(edit('ab\n', 'A').bottom).toBe('-- INSERT --');
  });
});

describe('vi command line', () => {
  it(':x and ZZ write only a modified buffer; :wq always', () => {
    expect(edit('a\n', ':x\r').actions).toEqual([{ kind: 'quit' }]);
    expect(edit('a\n', 'xZZ').actions).toEqual([{ kind: 'write', name: 'f', text: '\n', lineCount: 1, overwrite: true, quit: true }]);
    expect(edit('a\n', ':wq\r').actions).toEqual([{ kind: 'write', name: 'f', text: 'a\n', lineCount: 1, overwrite: true, quit: true }]);
  });

  it('writes a buffer without a name only where :w names, refusing an existing file with E13', () => {
    const run = edit('', 'ihi\x1b:w\r', { unnamed: true });
    expect(run.bottom).toBe('E32: No file name');
    const named = edit('', 'ihi\x1b:w /tmp/x\r', { unnamed: true });
    const [write] = named.actions;
    expect(write).toEqual({ kind: 'write', name: '/tmp/x', text: 'hi\n', lineCount: 1, overwrite: false, quit: false });
    expect(write.kind === 'write' && named.editor.afterWrite(write, { kind: 'exists' })).toEqual([]);
    expect(named.editor.screen(SIZE).bottom).toBe('E13: File exists (add ! to override)');
    expect(write.kind === 'write' && named.editor.afterWrite(write, { kind: 'written', created: true })).toEqual([]);
    expect(named.editor.modified).toBe(false);
  });

  it('?pattern searches backward and N reverses; :s splits lines at \\r and uses \\1', () => {
    const text = 'x1\nx2\nx3\n';
    expect(edit(text, 'G?x\r').cursor).toEqual({ row: 1, col: 0 });
    expect(edit(text, 'G?x\rN').cursor).toEqual({ row: 2, col: 0 });
    expect(edit(text, '/x\rNN').bottom).toBe('search hit TOP, continuing at BOTTOM');
    expect(edit('key=value\n', ':s/\\(.*\\)=\\(.*\\)/\\2\\r\\1/\r').lines).toEqual(['value', 'key']);
    expect(edit('a a\n', ':s/A/b/i\r').lines).toEqual(['b a']);
    expect(edit('a\nb\nc\n', ':2,3d\r').lines).toEqual(['a']);
    expect(edit('a\n', ':set list\r').bottom).toBe('E518: Unknown option: list');
  });
});

describe('KeyReader', () => {
  it('names escape sequences, takes a lone ESC as Escape, and joins what a chunk cut', () => {
    const reader = new KeyReader();
    expect(reader.feed('a\x1b[Ab\x1bOD\x1b')).toEqual(['a', '<Up>', 'b', '<Left>', '<Esc>']);
    expect(reader.feed('\x1b[')).toEqual([]);
    expect(reader.feed('3~\xc3')).toEqual(['<Del>']);
    expect(reader.feed('\xa9:')).toEqual(['\xc3\xa9', ':']);
    expect(reader.feed('\x1bx\x1b[99z')).toEqual(['<Esc>', 'x']);
  });
});
