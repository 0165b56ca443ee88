import { describe, expect, it } from 'vitest';
import { bannerText, live, sliderPosition, slideTo } from './slider.js';

describe('slideTo', () => {
  it.each([
    { value: 40, logEnd: 100, then: { mode: 'past', seq: 40 } },
    { value: 100, logEnd: 100, then: live },
    { value: 140, logEnd: 100, then: live },
    { value: 0, logEnd: 100, then: { mode: 'past', seq: 1 } },
    { value: 12.6, logEnd: 100, then: { mode: 'past', seq: 13 } },
  ])('$value of $logEnd', ({ value, logEnd, then }) => {
    expect(slideTo(value, logEnd)).toEqual(then);
  });
});

describe('sliderPosition', () => {
  it.each([
    { view: live, logEnd: 120, then: { min: 1, max: 120, value: 120 } },
    { view: { mode: 'past', seq: 30 } as const, logEnd: 120, then: { min: 1, max: 120, value: 30 } },
    { view: live, logEnd: 0, then: { min: 1, max: 1, value: 1 } },
  ])('$view.mode at $logEnd', ({ view, logEnd, then }) => {
    expect(sliderPosition(view, logEnd)).toEqual(then);
  });
});

describe('bannerText', () => {
  it('names the seq in the past and says nothing while live', () => {
    expect(bannerText({ mode: 'past', seq: 30 })).toBe('viewing seq 30');
    expect(bannerText(live)).toBeUndefined();
  });
});
