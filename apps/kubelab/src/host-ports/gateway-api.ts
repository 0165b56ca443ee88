/**
 * The Gateway API objects the lab's Gateway controller reads and the statuses it writes, typed as the upstream Go types
 * of the standard channel the lab serves (v1.6.1, deploy/gateway-api) define them (sigs.k8s.io/gateway-api apis/v1;
 * ReferenceGrant as apis/v1beta1, its storage version) with their JSON field names, so the compiler checks every field
 * the controller reads, as client-go's typed objects do. Experimental-channel fields are left out. A pointer or
 * `omitempty` field is optional here; an enumeration is its values' union, except ProtocolType and AddressType, which
 * take implementation-specific (domain-prefixed) values too. Objects arrive from the cluster unchecked against these
 * unions, so code reading them still treats an unknown value as the spec says (UnsupportedValue).
 */
import type { KubeObject, ObjectMeta } from '@kubelab/api';
import type { LabelSelector } from 'kubernetes-types/meta/v1';

/** The API group of every Gateway API kind, the default group of a parentRef and of a listener's allowed route kinds. */
export const gatewayGroup = 'gateway.networking.k8s.io';

/** metav1.Condition's status. */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** metav1.Condition, the shape of every condition in a Gateway API status. */
export interface Condition {
  type: string;
  status: ConditionStatus;
  observedGeneration?: number;
  /** RFC 3339, when the status last changed. */
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** A Gateway API object: the envelope, its spec, and its status once a controller wrote one. */
interface GatewayApiObject<Spec, Status = never> extends KubeObject {
  metadata: ObjectMeta;
  spec: Spec;
  status?: Status;
}

/** v1.ParametersReference: a GatewayClass's controller-specific configuration. */
export interface ParametersReference {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** v1.GatewayClassSpec. */
export interface GatewayClassSpec {
  /** The controller that manages the class's Gateways, a domain-prefixed path (`example.net/gateway-controller`). */
  controllerName: string;
  parametersRef?: ParametersReference;
  description?: string;
}

/** v1.SupportedFeature: a feature of the conformance suite the class's controller supports. */
export interface SupportedFeature {
  name: string;
}

/** v1.GatewayClassStatus. */
export interface GatewayClassStatus {
  conditions?: Condition[];
  supportedFeatures?: SupportedFeature[];
}

/** v1.GatewayClass, cluster-scoped. */
export type GatewayClass = GatewayApiObject<GatewayClassSpec, GatewayClassStatus>;

/** v1.SecretObjectReference: group defaults to the core group (`""`), kind to `Secret`, namespace to the referrer's. */
export interface SecretObjectReference {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
}

/** v1.TLSModeType. */
export type TLSModeType = 'Terminate' | 'Passthrough';

/** v1.ListenerTLSConfig: how a listener terminates TLS. */
export interface ListenerTLSConfig {
  /** Default `Terminate`. */
  mode?: TLSModeType;
  certificateRefs?: SecretObjectReference[];
  options?: Record<string, string>;
}

/** v1.FromNamespaces: `None` is for ListenerSets only. */
export type FromNamespaces = 'All' | 'Selector' | 'Same' | 'None';

/** v1.RouteNamespaces: where routes may attach from (default `Same`). */
export interface RouteNamespaces {
  from?: FromNamespaces;
  /** Read when `from` is `Selector`: the namespaces whose labels it selects. */
  selector?: LabelSelector;
}

/** v1.RouteGroupKind: group defaults to gateway.networking.k8s.io. */
export interface RouteGroupKind {
  group?: string;
  kind: string;
}

/** v1.AllowedRoutes. */
export interface AllowedRoutes {
  namespaces?: RouteNamespaces;
  /** Unset or empty: the kinds the listener's protocol takes. */
  kinds?: RouteGroupKind[];
}

/** v1.ProtocolType: `HTTP`, `HTTPS`, `TLS`, `TCP`, `UDP`, or an implementation's domain-prefixed protocol. */
export type ProtocolType = string;

/** v1.Listener. */
export interface Listener {
  name: string;
  /** Unset: every hostname; `*.example.com`: any name under example.com. */
  hostname?: string;
  port: number;
  protocol: ProtocolType;
  tls?: ListenerTLSConfig;
  allowedRoutes?: AllowedRoutes;
}

/** v1.AddressType: `IPAddress`, `Hostname`, or an implementation's domain-prefixed type. */
export type AddressType = string;

/** v1.GatewaySpecAddress: an address the Gateway asks for; no value asks for one of the type. */
export interface GatewaySpecAddress {
  /** Default `IPAddress`. */
  type?: AddressType;
  value?: string;
}

/** v1.LocalParametersReference. */
export interface LocalParametersReference {
  group: string;
  kind: string;
  name: string;
}

/** v1.GatewayInfrastructure. */
export interface GatewayInfrastructure {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  parametersRef?: LocalParametersReference;
}

/** v1.ListenerNamespaces: where ListenerSets may attach from (default `None`). */
export interface ListenerNamespaces {
  from?: FromNamespaces;
  selector?: LabelSelector;
}

/** v1.AllowedListeners. */
export interface AllowedListeners {
  namespaces?: ListenerNamespaces;
}

/** v1.ObjectReference: group `""` is the core group; namespace defaults to the referrer's. */
export interface ObjectReference {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** v1.GatewayBackendTLS: the client certificate the Gateway presents to backends. */
export interface GatewayBackendTLS {
  clientCertificateRef?: SecretObjectReference;
}

/** v1.FrontendValidationModeType. */
export type FrontendValidationModeType = 'AllowValidOnly' | 'AllowInsecureFallback';

/** v1.FrontendTLSValidation: the CA certificates client certificates are checked against. */
export interface FrontendTLSValidation {
  caCertificateRefs: ObjectReference[];
  mode?: FrontendValidationModeType;
}

/** v1.TLSConfig. */
export interface TLSConfig {
  validation?: FrontendTLSValidation;
}

/** v1.TLSPortConfig. */
export interface TLSPortConfig {
  port: number;
  tls: TLSConfig;
}

/** v1.FrontendTLSConfig. */
export interface FrontendTLSConfig {
  default: TLSConfig;
  perPort?: TLSPortConfig[];
}

/** v1.GatewayTLSConfig: TLS toward clients (their certificates) and toward backends, for the whole Gateway. */
export interface GatewayTLSConfig {
  backend?: GatewayBackendTLS;
  frontend?: FrontendTLSConfig;
}

/** v1.GatewaySpec. */
export interface GatewaySpec {
  gatewayClassName: string;
  listeners: Listener[];
  addresses?: GatewaySpecAddress[];
  infrastructure?: GatewayInfrastructure;
  allowedListeners?: AllowedListeners;
  tls?: GatewayTLSConfig;
}

/** v1.GatewayStatusAddress: an address the Gateway is bound to. */
export interface GatewayStatusAddress {
  type?: AddressType;
  value: string;
}

/** v1.ListenerStatus. */
export interface ListenerStatus {
  name: string;
  supportedKinds: RouteGroupKind[];
  attachedRoutes: number;
  conditions: Condition[];
}

/** v1.GatewayStatus. */
export interface GatewayStatus {
  addresses?: GatewayStatusAddress[];
  conditions?: Condition[];
  listeners?: ListenerStatus[];
  attachedListenerSets?: number;
}

/** v1.Gateway. */
export type Gateway = GatewayApiObject<GatewaySpec, GatewayStatus>;

/** v1.ParentReference: group defaults to gateway.networking.k8s.io, kind to `Gateway`, namespace to the route's. */
export interface ParentReference {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  /** A Gateway's listener name. */
  sectionName?: string;
  port?: number;
}

/** v1.BackendObjectReference: group defaults to the core group (`""`), kind to `Service`, namespace to the route's. */
export interface BackendObjectReference {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
  /** A Service's port (not its target port); required for a Service. */
  port?: number;
}

/** v1.BackendRef. */
export interface BackendRef extends BackendObjectReference {
  /** Its share of the rule's traffic, weight / sum of weights; default 1, 0 sends it none. */
  weight?: number;
}

/** v1.PathMatchType. */
export type PathMatchType = 'Exact' | 'PathPrefix' | 'RegularExpression';

/** v1.HTTPPathMatch: default PathPrefix `/`. */
export interface HTTPPathMatch {
  type?: PathMatchType;
  value?: string;
}

/** v1.HeaderMatchType. */
export type HeaderMatchType = 'Exact' | 'RegularExpression';

/** v1.HTTPHeaderMatch: the name is case-insensitive; type defaults to Exact. */
export interface HTTPHeaderMatch {
  type?: HeaderMatchType;
  name: string;
  value: string;
}

/** v1.QueryParamMatchType. */
export type QueryParamMatchType = 'Exact' | 'RegularExpression';

/** v1.HTTPQueryParamMatch: the name is exact; type defaults to Exact. */
export interface HTTPQueryParamMatch {
  type?: QueryParamMatchType;
  name: string;
  value: string;
}

/** v1.HTTPMethod. */
export type HTTPMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'CONNECT' | 'OPTIONS' | 'TRACE' | 'PATCH';

/** v1.HTTPRouteMatch: all its conditions must hold. */
export interface HTTPRouteMatch {
  path?: HTTPPathMatch;
  headers?: HTTPHeaderMatch[];
  queryParams?: HTTPQueryParamMatch[];
  method?: HTTPMethod;
}

/** v1.HTTPHeader. */
export interface HTTPHeader {
  name: string;
  value: string;
}

/** v1.HTTPHeaderFilter: set, add (appended to the values there) and remove headers, names case-insensitive. */
export interface HTTPHeaderFilter {
  set?: HTTPHeader[];
  add?: HTTPHeader[];
  remove?: string[];
}

/** v1.HTTPPathModifierType. */
export type HTTPPathModifierType = 'ReplaceFullPath' | 'ReplacePrefixMatch';

/** v1.HTTPPathModifier. */
export interface HTTPPathModifier {
  type: HTTPPathModifierType;
  replaceFullPath?: string;
  replacePrefixMatch?: string;
}

/** v1.HTTPRequestRedirectFilter. */
export interface HTTPRequestRedirectFilter {
  /** Unset: the request's scheme. */
  scheme?: 'http' | 'https';
  /** Unset: the request's Host. */
  hostname?: string;
  path?: HTTPPathModifier;
  /** Unset: the scheme's well-known port when a scheme is given, else the listener's. */
  port?: number;
  /** Default 302. */
  statusCode?: number;
}

/** v1.HTTPURLRewriteFilter. */
export interface HTTPURLRewriteFilter {
  hostname?: string;
  path?: HTTPPathModifier;
}

/** v1.Fraction: numerator / denominator (default 100). */
export interface Fraction {
  numerator: number;
  denominator?: number;
}

/** v1.HTTPRequestMirrorFilter: without percent or fraction, every request is mirrored. */
export interface HTTPRequestMirrorFilter {
  backendRef: BackendObjectReference;
  percent?: number;
  fraction?: Fraction;
}

/** v1.HTTPCORSFilter. */
export interface HTTPCORSFilter {
  allowOrigins?: string[];
  allowCredentials?: boolean;
  allowMethods?: string[];
  allowHeaders?: string[];
  exposeHeaders?: string[];
  /** Seconds, default 5. */
  maxAge?: number;
}

/** v1.LocalObjectReference: group `""` is the core group. */
export interface LocalObjectReference {
  group: string;
  kind: string;
  name: string;
}

/** v1.HTTPRouteFilterType. */
export type HTTPRouteFilterType = 'RequestHeaderModifier' | 'ResponseHeaderModifier' | 'RequestMirror' | 'RequestRedirect' | 'URLRewrite' | 'CORS' | 'ExtensionRef';

/** v1.HTTPRouteFilter: `type` says which of the other fields configures it. */
export interface HTTPRouteFilter {
  type: HTTPRouteFilterType;
  requestHeaderModifier?: HTTPHeaderFilter;
  responseHeaderModifier?: HTTPHeaderFilter;
  requestMirror?: HTTPRequestMirrorFilter;
  requestRedirect?: HTTPRequestRedirectFilter;
  urlRewrite?: HTTPURLRewriteFilter;
  cors?: HTTPCORSFilter;
  extensionRef?: LocalObjectReference;
}

/** v1.HTTPBackendRef: its filters apply only to the requests sent to it. */
export interface HTTPBackendRef extends BackendRef {
  filters?: HTTPRouteFilter[];
}

/** v1.HTTPRouteTimeouts: Gateway API durations (`10s`, `1m30s`). */
export interface HTTPRouteTimeouts {
  request?: string;
  backendRequest?: string;
}

/** v1.HTTPRouteRule: without matches, it matches every request (PathPrefix `/`). */
export interface HTTPRouteRule {
  /** Unique within the route, for policies' sectionName. */
  name?: string;
  matches?: HTTPRouteMatch[];
  filters?: HTTPRouteFilter[];
  backendRefs?: HTTPBackendRef[];
  timeouts?: HTTPRouteTimeouts;
}

/** v1.HTTPRouteSpec. */
export interface HTTPRouteSpec {
  parentRefs?: ParentReference[];
  hostnames?: string[];
  /** Unset: one rule matching every request (the CRD's default). */
  rules?: HTTPRouteRule[];
}

/** v1.RouteParentStatus: the route's status with respect to one parent, written by that parent's controller. */
export interface RouteParentStatus {
  parentRef: ParentReference;
  controllerName: string;
  conditions?: Condition[];
}

/** v1.HTTPRouteStatus (v1.RouteStatus). */
export interface HTTPRouteStatus {
  parents: RouteParentStatus[];
}

/** v1.HTTPRoute. */
export type HTTPRoute = GatewayApiObject<HTTPRouteSpec, HTTPRouteStatus>;

/** v1beta1.ReferenceGrantFrom: group `""` is the core group. */
export interface ReferenceGrantFrom {
  group: string;
  kind: string;
  namespace: string;
}

/** v1beta1.ReferenceGrantTo: no name grants every object of the kind in the grant's namespace. */
export interface ReferenceGrantTo {
  group: string;
  kind: string;
  name?: string;
}

/** v1beta1.ReferenceGrantSpec. */
export interface ReferenceGrantSpec {
  from: ReferenceGrantFrom[];
  to: ReferenceGrantTo[];
}

/** v1beta1.ReferenceGrant: lets the objects `from` names refer to the objects `to` names in the grant's own namespace. */
export type ReferenceGrant = GatewayApiObject<ReferenceGrantSpec>;

/** v1.GRPCRouteSpec, as far as the lab reads it: where it attaches, and the backends its rules name. */
export interface GRPCRouteSpec {
  parentRefs?: ParentReference[];
  hostnames?: string[];
  rules?: { backendRefs?: BackendRef[] }[];
}

/** v1.GRPCRoute: served by no listener of the lab's Gateways (its apps answer HTTP only), which its status says. */
export type GRPCRoute = GatewayApiObject<GRPCRouteSpec, HTTPRouteStatus>;
