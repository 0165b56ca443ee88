import { describe, expect, it } from 'vitest';
import type { CoreEvent } from '../typed-objects.js';
import { imagePullTimes } from './image-pulls.js';

const event = (reason: string, message: string, uid = 'u1', kind = 'Pod') => ({
  apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'default' }, reason, message, involvedObject: { kind, name: 'p', namespace: 'default', uid },
}) as CoreEvent;

describe('imagePullTimes', () => {
  it('takes each pull with its wait, adds up a pod\'s pulls, and turns the lab\'s seconds into the host\'s', () => {
    const times = imagePullTimes([
      event('Pulled', 'Successfully pulled image "nginx:1.14.2" in 1.2s (5s including waiting). Image size: 72000000 bytes.'),
      event('Pulled', 'Successfully pulled image "busybox" in 500ms (500ms including waiting). Image size: 4000000 bytes.'),
      event('Pulled', 'Successfully pulled image "redis" in 1m0s (1m30s including waiting). Image size: 9 bytes.', 'u2'),
    ], 5);
    expect(times).toEqual(new Map([['u1', 1100], ['u2', 18_000]]));
  });

  it('counts nothing for an image already present, a pull under way or failed, or an Event about another kind', () => {
    expect(imagePullTimes([
      event('Pulled', 'Container image "registry.k8s.io/pause:3.10" already present on machine'),
      event('Pulling', 'Pulling image "nginx"'),
      event('Failed', 'Failed to pull image "nope": not found'),
      event('Pulled', 'Successfully pulled image "nginx" in 1s (1s including waiting). Image size: 1 bytes.', 'u3', 'Node'),
    ])).toEqual(new Map());
  });
});
