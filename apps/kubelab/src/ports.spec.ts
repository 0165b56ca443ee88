import { afterEach, describe, expect, it, vi } from 'vitest';
import { freePort } from './ports.js';

/** The Math.random() value that makes freePort try `port` (10000–32767). */
const pick = (port: number) => (port - 10000 + 0.5) / (32768 - 10000);

describe('freePort', () => {
  afterEach(() => vi.restoreAllMocks());

  it('skips a port the lab is about to bind, and picks below the ephemeral range', async () => {
    const random = vi.spyOn(Math, 'random').mockReturnValueOnce(pick(23456)).mockReturnValueOnce(pick(23457));
    expect(await freePort([23456])).toBe(23457);
    expect(random).toHaveBeenCalledTimes(2);
  });
});
