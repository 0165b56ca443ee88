import { describe, expect, it } from 'vitest';
import {
  type ImagePullBackoff,
  imagePullBackoffKey,
  isImagePullBackingOff,
  isImagePullBackoffExpired,
  nextImagePullAllowedAt,
  recordImagePullFailure,
} from './image-pull-backoff.js';

describe('recordImagePullFailure', () => {
  it.each<[ImagePullBackoff | undefined, number, ImagePullBackoff]>([
    [undefined, 100, { delaySeconds: 10, lastFailureAt: 100 }],
    [{ delaySeconds: 10, lastFailureAt: 100 }, 110, { delaySeconds: 20, lastFailureAt: 110 }],
    [{ delaySeconds: 20, lastFailureAt: 110 }, 130, { delaySeconds: 40, lastFailureAt: 130 }],
    [{ delaySeconds: 160, lastFailureAt: 0 }, 160, { delaySeconds: 300, lastFailureAt: 160 }],
    [{ delaySeconds: 300, lastFailureAt: 0 }, 300, { delaySeconds: 300, lastFailureAt: 300 }],
    [{ delaySeconds: 300, lastFailureAt: 0 }, 600, { delaySeconds: 300, lastFailureAt: 600 }],
    [{ delaySeconds: 300, lastFailureAt: 0 }, 601, { delaySeconds: 10, lastFailureAt: 601 }],
  ])('after %j a failure at %s gives %j', (previous, now, next) => {
    expect(recordImagePullFailure(previous, now)).toEqual(next);
  });

  it('runs 10, 20, 40, 80, 160, 300, 300 s for failures at each allowed attempt', () => {
    const delays: number[] = [];
    let state: ImagePullBackoff | undefined;
    let now = 0;
    for (let attempt = 0; attempt < 7; attempt++) {
      now = nextImagePullAllowedAt(state, now);
      state = recordImagePullFailure(state, now);
      delays.push(state.delaySeconds);
    }
    expect(delays).toEqual([10, 20, 40, 80, 160, 300, 300]);
    expect(now).toBe(10 + 20 + 40 + 80 + 160 + 300);
  });
});

describe('isImagePullBackingOff and nextImagePullAllowedAt', () => {
  const state: ImagePullBackoff = { delaySeconds: 20, lastFailureAt: 100 };
  it.each<[ImagePullBackoff | undefined, number, boolean, number]>([
    [undefined, 50, false, 50],
    [state, 100, true, 120],
    [state, 119.9, true, 120],
    [state, 120, false, 120],
    [state, 500, false, 500],
    [{ delaySeconds: 300, lastFailureAt: 0 }, 299, true, 300],
    [{ delaySeconds: 300, lastFailureAt: 0 }, 700, false, 700],
  ])('%j at %s: backing off %s, next pull at %s', (backoff, now, backingOff, nextAt) => {
    expect(isImagePullBackingOff(backoff, now)).toBe(backingOff);
    expect(nextImagePullAllowedAt(backoff, now)).toBe(nextAt);
  });
});

describe('isImagePullBackoffExpired', () => {
  it.each([
    [600, false],
    [600.5, true],
  ])('600 s quiet period: now=%s → %s', (now, expired) => {
    expect(isImagePullBackoffExpired({ delaySeconds: 300, lastFailureAt: 0 }, now)).toBe(expired);
  });
});

describe('imagePullBackoffKey', () => {
  it('keys by pod UID and the image as written', () => {
    expect(imagePullBackoffKey('0f1e-uid', 'nginx:nope')).toBe('0f1e-uid_nginx:nope');
  });
});
