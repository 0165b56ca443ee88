/**
 * Kubernetes API schemas: strict decoding of request bodies and the OpenAPI
 * v3 documents kubectl needs for validation and `explain`.
 */
export { decodeStrict, type StrictDecodeResult } from './decode-strict.js';
export { decodeErrorMessage, strictDecodingMessage, unknownFieldWarnings } from './decode-messages.js';
export { pruneUnknownFields } from './prune-unknown-fields.js';
export { isBuiltInOpenApiPath, openApiV3Document, openApiV3Index, type OpenApiV3Index } from './openapi-v3.js';
export { openApiV2Document } from './openapi-v2.js';
export { decodeProtobufBody, isProtobufBody } from './decode-protobuf.js';
export { encodeProtobufBody, ProtobufEncodeError } from './encode-protobuf.js';
