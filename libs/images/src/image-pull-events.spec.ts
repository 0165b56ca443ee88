import { describe, expect, it } from 'vitest';
import {
  backOffPullingImageEvent,
  containerErrorEvent,
  failedToPullImageEvent,
  imageAlreadyPresentEvent,
  imageNeverPullEvent,
  invalidImageNameEvent,
  pulledImageEvent,
  pullingImageEvent,
} from './image-pull-events.js';
import { errImageNeverPullState, errImagePullState, imagePullBackOffState, invalidImageNameState } from './image-waiting-states.js';

const NOT_FOUND =
  'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": ' +
  'failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found';
const INVALID = 'Failed to apply default image tag "NGINX": couldn\'t parse image name "NGINX": invalid reference format: repository name (library/NGINX) must be lowercase';

describe('image events', () => {
  it.each([
    [pullingImageEvent('nginx:1.14.2'), 'Normal', 'Pulling', 'Pulling image "nginx:1.14.2"'],
    [
      pulledImageEvent('nginx:1.14.2', { pullSeconds: 1.2, totalSeconds: 1.2, sizeBytes: 72000000 }),
      'Normal',
      'Pulled',
      'Successfully pulled image "nginx:1.14.2" in 1.2s (1.2s including waiting). Image size: 72000000 bytes.',
    ],
    [
      pulledImageEvent('busybox', { pullSeconds: 0.8504, totalSeconds: 65.05, sizeBytes: 2155536 }),
      'Normal',
      'Pulled',
      'Successfully pulled image "busybox" in 850ms (1m5.05s including waiting). Image size: 2155536 bytes.',
    ],
    [imageAlreadyPresentEvent('nginx:1.14.2'), 'Normal', 'Pulled', 'Container image "nginx:1.14.2" already present on machine'],
    [imageNeverPullEvent('nginx:1.14.2'), 'Warning', 'ErrImageNeverPull', 'Container image "nginx:1.14.2" is not present with pull policy of Never'],
    [failedToPullImageEvent('nginx:nope', NOT_FOUND), 'Warning', 'Failed', `Failed to pull image "nginx:nope": ${NOT_FOUND}`],
    [backOffPullingImageEvent('nginx:nope'), 'Normal', 'BackOff', 'Back-off pulling image "nginx:nope"'],
    [invalidImageNameEvent(INVALID), 'Warning', 'InspectFailed', INVALID],
    [containerErrorEvent('ErrImagePull'), 'Warning', 'Failed', 'Error: ErrImagePull'],
    [containerErrorEvent('ImagePullBackOff'), 'Warning', 'Failed', 'Error: ImagePullBackOff'],
  ])('%j', (event, type, reason, message) => {
    expect(event).toEqual({ type, reason, message });
  });
});

describe('waiting states', () => {
  it.each([
    [errImagePullState(NOT_FOUND), 'ErrImagePull', NOT_FOUND],
    [imagePullBackOffState('nginx:nope', NOT_FOUND), 'ImagePullBackOff', `Back-off pulling image "nginx:nope": ErrImagePull: ${NOT_FOUND}`],
    [imagePullBackOffState('nginx:nope'), 'ImagePullBackOff', 'Back-off pulling image "nginx:nope"'],
    [errImageNeverPullState('app:1'), 'ErrImageNeverPull', 'Container image "app:1" is not present with pull policy of Never'],
    [invalidImageNameState(INVALID), 'InvalidImageName', INVALID],
  ])('%j', (state, reason, message) => {
    expect(state).toEqual({ reason, message });
  });
});
