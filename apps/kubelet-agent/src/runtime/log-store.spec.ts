import { describe, expect, it } from 'vitest';
import { LogStore } from './log-store.js';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));

describe('LogStore', () => {
  it('makes a line at its newline, stamped when it began, as containerd writes logs', () => {
    const store = new LogStore();
    const followed: string[] = [];
    store.startRun('c');
    store.follow('c', (text) => followed.push(text), () => undefined);
    store.append('c', 'a', at(1));
    store.append('c', 'b\nc', at(2));
    expect(store.read('c', { timestamps: true }, at(3))).toBe('2026-01-01T00:00:01.000Z ab\n');
    store.append('c', 'd\ne\n', at(3));
    expect(store.read('c', {}, at(4))).toBe('ab\ncd\ne\n');
    expect(followed).toEqual(['ab\n', 'cd\ne\n']);
  });

  it('writes the last line without a newline when the run ends, and starts the next run clean', () => {
    const store = new LogStore();
    store.startRun('c');
    store.append('c', '/ # ', at(1));
    store.endRun('c');
    expect(store.read('c', {}, at(2))).toBe('/ # \n');
    store.startRun('c');
    store.append('c', 'next\n', at(3));
    expect(store.read('c', {}, at(4))).toBe('next\n');
    expect(store.read('c', { previous: true }, at(4))).toBe('/ # \n');
  });
});
