import { describe, expect, it } from 'vitest';
import { shareCpu, type CpuClaim } from './cpu-share.js';

const claim = (demandMillicores: number, requestMillicores = 0, limitMillicores?: number): CpuClaim => ({ demandMillicores, requestMillicores, limitMillicores });

describe('shareCpu', () => {
  it.each<[string, CpuClaim[], number, number[]]>([
    ['gives each what it wants when the node has enough', [claim(300), claim(50)], 4000, [300, 50]],
    ['throttles a container at its limit (a busy loop under limits.cpu 300m)', [claim(1000, 100, 300)], 4000, [300]],
    ['throttles two workers of stress at a limit of one core', [claim(2000, 500, 1000)], 4000, [1000]],
    ['divides a short node by requests', [claim(2000, 1000), claim(2000, 3000)], 2000, [500, 1500]],
    ['lets one that wants less than its part keep what it wants and the others share the rest', [claim(100, 1000), claim(4000, 1000), claim(4000, 1000)], 2100, [100, 1000, 1000]],
    ['weighs a container without a request as 2m', [claim(1000), claim(1000, 998)], 1000, [2, 998]],
    ['gives nothing to a container that wants nothing', [claim(0, 500), claim(3000, 500)], 1000, [0, 1000]],
    ['never shares out more than the node has', [claim(5000, 100), claim(5000, 300)], 1000, [250, 750]],
  ])('%s', (_, claims, capacity, expected) => {
    const granted = shareCpu(claims, capacity);
    granted.forEach((g, i) => expect(g).toBeCloseTo(expected[i], 6));
    expect(granted.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(capacity + 1e-9);
  });
});
