/** CustomResourceDefinitions: the types they serve, their status, and their objects' strategy. */
export { crdCleanupFinalizer, crdStatus } from './crd-status.js';
export { isEstablished, resourceTypesOfCrd, resourceTypesOfCrds } from './resource-types.js';
export type { CustomResourceInfo, JSONSchemaProps, PrinterColumn, ScaleSubresource } from './types.js';
