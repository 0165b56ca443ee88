/** kube-apiserver's wire conventions that are Go's: JSON errors, request body decoding. */
export { GoJsonError, goJsonSyntaxError, goJsonValueKind, goUnmarshalTypeError, parseGoJson } from './go-json.js';
export { queryBool } from './query-bool.js';
export { decodeDeleteOptionsBody, decodeObjectBody, decodePatchBody, summarizeBody, yamlToJsonError, type JsonPatchType } from './request-body.js';
export { asPartialObjectMetadata, checkObjectForm, negotiateResponseForm, partialObject, partialObjectList, type ListMeta, type ResponseForm } from './response-form.js';
export { exceededMaxDepth, maxBodyDepth, tooDeep } from './nesting.js';
export { encodeOpenApiV2Document } from './openapi-v2-protobuf.js';
