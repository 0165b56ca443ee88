/**
 * The parts of a CustomResourceDefinition the api-server serves from: the structural
 * schema of a version (apiextensions.k8s.io/v1 JSONSchemaProps), its printer columns
 * and its subresources.
 */

/** One node of a CRD's openAPIV3Schema, as apiextensions.k8s.io/v1 spells it. */
export interface JSONSchemaProps {
  type?: string;
  format?: string;
  description?: string;
  title?: string;
  default?: unknown;
  nullable?: boolean;
  enum?: unknown[];
  maximum?: number;
  minimum?: number;
  exclusiveMaximum?: boolean;
  exclusiveMinimum?: boolean;
  multipleOf?: number;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  maxItems?: number;
  minItems?: number;
  uniqueItems?: boolean;
  maxProperties?: number;
  minProperties?: number;
  required?: string[];
  items?: JSONSchemaProps;
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: JSONSchemaProps | boolean;
  allOf?: JSONSchemaProps[];
  anyOf?: JSONSchemaProps[];
  oneOf?: JSONSchemaProps[];
  not?: JSONSchemaProps;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-validations'?: ValidationRule[];
  [extension: string]: unknown;
}

/** One `x-kubernetes-validations` entry: a CEL rule about the node it sits on. */
export interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

/** A CRD's additionalPrinterColumns entry. */
export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

/** A CRD's scale subresource paths. */
export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

/** What a served custom resource version carries beside the usual ResourceType fields. */
export interface CustomResourceInfo {
  /** The CRD's name: <plural>.<group>. */
  crdName: string;
  /** The CRD's resourceVersion, so OpenAPI URLs change when the CRD does. */
  revision: string;
  storageVersion: string;
  schema: JSONSchemaProps;
  printerColumns: PrinterColumn[];
  scale?: ScaleSubresource;
  /** The CRD is being deleted: its objects may be read and deleted, no longer created. */
  terminating: boolean;
}
