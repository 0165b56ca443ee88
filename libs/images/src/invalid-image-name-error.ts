/**
 * The error the kubelet reports as `InvalidImageName` when a container's image
 * reference does not parse, carrying its exact wording so the lab's container
 * status and `InspectFailed` event read like a real node's.
 */
export class InvalidImageNameError extends Error {
  override readonly name = 'InvalidImageNameError';

  /**
   * @param image the reference as written in the pod spec
   * @param detail the parser's complaint, e.g. `invalid reference format`
   */
  constructor(
    readonly image: string,
    readonly detail: string,
  ) {
    super(`Failed to apply default image tag ${JSON.stringify(image)}: couldn't parse image name ${JSON.stringify(image)}: ${detail}`);
  }
}
