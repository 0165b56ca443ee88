/** An Event the horizontal pod autoscaler records about an HPA (source component `horizontal-pod-autoscaler`). */
export interface HpaEvent {
  eventType: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** Data kept with the Event for `kubelab why` (the rescale's decision). */
  annotations?: Record<string, string>;
}
