/**
 * `kubectl get events`: LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE FIRST SEEN
 * COUNT NAME (kube-apiserver's column order: the wide ones sit between and after the default ones).
 */
import type { CoreEvent } from '../typed-objects.js';
import { column, nameDescription, wideColumn } from './columns.js';
import { ageSince, parseTimestamp } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';

const columns = [
  column('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
  column('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
  column('Reason', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
  column('Object', 'The object that this event is about.'),
  wideColumn(
    'Subobject',
    'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.',
  ),
  wideColumn('Source', 'The component reporting this event. Should be a short machine understandable string.'),
  column('Message', 'A human-readable description of the status of this operation.'),
  wideColumn('First Seen', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)'),
  wideColumn('Count', 'The number of times this event has occurred.'),
  wideColumn('Name', nameDescription, { format: 'name' }),
];

/** `pod/web`, or just the lower-cased kind when the event names no object. */
export function eventObject(event: CoreEvent): string {
  const kind = (event.involvedObject?.kind ?? '').toLowerCase();
  return event.involvedObject?.name ? `${kind}/${event.involvedObject.name}` : kind;
}

/** `kubelet, node-1`: source component (else reporting controller), then host (else reporting instance). */
export function eventSource(event: CoreEvent): string {
  const component = event.source?.component || event.reportingComponent || '';
  const instance = event.source?.host || event.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

/** Prints events, falling back to eventTime and series for events written through events.k8s.io. */
export const eventPrinter: KindPrinter = {
  columns,
  print(obj, now) {
    const event = obj as CoreEvent;
    const firstSeen =
      parseTimestamp(event.firstTimestamp) === undefined ? ageSince(event.eventTime, now) : ageSince(event.firstTimestamp, now);
    let lastSeen = parseTimestamp(event.lastTimestamp) === undefined ? firstSeen : ageSince(event.lastTimestamp, now);
    let count = event.count || 1;
    if (event.series) {
      lastSeen = ageSince(event.series.lastObservedTime, now);
      count = event.series.count ?? 0;
    }
    return {
      cells: [
        lastSeen,
        event.type ?? '',
        event.reason ?? '',
        eventObject(event),
        event.involvedObject?.fieldPath ?? '',
        eventSource(event),
        (event.message ?? '').trim(),
        firstSeen,
        count,
        event.metadata?.name ?? '',
      ],
    };
  },
};
