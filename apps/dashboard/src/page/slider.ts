/**
 * The time slider: live, or a past seq of the log whose state the board shows
 * instead. Sliding to the log's end goes back to live.
 */
export type TimeView = { mode: 'live' } | { mode: 'past'; seq: number };

export const live: TimeView = { mode: 'live' };

/** Where a slide to `value` lands, with the log at `logEnd`. */
export function slideTo(value: number, logEnd: number): TimeView {
  const seq = Math.max(1, Math.min(Math.round(value), logEnd));
  return seq >= logEnd ? live : { mode: 'past', seq };
}

/** The slider's range and position: 1 … the log's end, at the end while live. */
export function sliderPosition(view: TimeView, logEnd: number): { min: number; max: number; value: number } {
  const max = Math.max(1, logEnd);
  return { min: 1, max, value: view.mode === 'live' ? max : Math.min(view.seq, max) };
}

/** The banner over a past view; none while live. */
export function bannerText(view: TimeView): string | undefined {
  return view.mode === 'past' ? `viewing seq ${view.seq}` : undefined;
}
