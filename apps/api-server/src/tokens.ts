/** Injection tokens: providers are registered by token so tests can swap them. */
export const API_SERVICE = Symbol('ApiService');
export const KUBE_HTTP = Symbol('KubeHttp');
export const REQUEST_AUTH = Symbol('RequestAuth');
