/** `kubectl get configmaps`: NAME DATA AGE, and `kubectl get secrets`: NAME TYPE DATA AGE (DATA counts data and binaryData keys). */
import { ageColumn, column, nameColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { ConfigMap, Secret } from '../typed-objects.js';
import type { KindPrinter } from './kind-printer.js';

const keys = (data: object | undefined, binaryData?: object) => Object.keys(data ?? {}).length + Object.keys(binaryData ?? {}).length;

export const configMapPrinter: KindPrinter = {
  columns: [nameColumn, column('Data', 'Data contains the configuration data.', { type: 'integer' }), ageColumn],
  print(obj, now) {
    const configMap = obj as ConfigMap;
    return { cells: [configMap.metadata?.name ?? '', keys(configMap.data, configMap.binaryData), ageSince(configMap.metadata?.creationTimestamp, now)] };
  },
};

export const secretPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Type', 'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types'),
    column('Data', 'Data contains the secret data. Each key must consist of alphanumeric characters, \'-\', \'_\' or \'.\'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4', { type: 'integer' }),
    ageColumn,
  ],
  print(obj, now) {
    const secret = obj as Secret;
    return { cells: [secret.metadata?.name ?? '', secret.type ?? '', keys(secret.data), ageSince(secret.metadata?.creationTimestamp, now)] };
  },
};
