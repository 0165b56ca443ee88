/**
 * The one error type the selector parsers and validators throw, carrying Kubernetes'
 * own wording so the api-server can hand the message back unchanged as a 400 BadRequest.
 */
export class SelectorError extends Error {
  override readonly name = 'SelectorError';
}
