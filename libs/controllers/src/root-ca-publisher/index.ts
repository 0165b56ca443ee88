/** The root-CA publisher: the pure decision behind each namespace's kube-root-ca.crt ConfigMap. */
export { publishRootCa, ROOT_CA_CONFIGMAP, DESCRIPTION_ANNOTATION, ROOT_CA_DESCRIPTION, type RootCaAction } from './publish-root-ca.js';
