/** One strategy per kind (kube-apiserver's pkg/registry/<group>/<kind>/strategy.go), looked up by the generic deciders. */
export { strategyFor, strategyOfObject, statusEventType } from './registry.js';
export { builtInStrategy, type JudgedWrite, type KindStrategy, type KindWrite, type StoreDelete, type SubresourceWriter } from './strategy.js';
export { missingSystemNamespaces, systemNamespaces } from './namespace/system-namespaces.js';
