/**
 * What the horizontal pod autoscaler remembers of one HPA between syncs, in memory as
 * upstream's HorizontalController does (recommendations, scaleUpEvents,
 * scaleDownEvents): lost when the process restarts, rebuilt from the first sync on.
 * Times are wall epoch milliseconds.
 */

/** An unstabilized recommendation and when it was made. */
export interface Recommendation {
  replicas: number;
  at: number;
}

/** A rescale by `change` replicas (never negative); an outdated one is a free slot for the next. */
export interface ScaleEvent {
  change: number;
  at: number;
  outdated: boolean;
}

export interface HpaHistory {
  recommendations: Recommendation[];
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

export const emptyHpaHistory = (): HpaHistory => ({ recommendations: [], scaleUpEvents: [], scaleDownEvents: [] });
