/**
 * The Kubernetes CEL libraries a 1.32 kube-apiserver puts in a ValidatingAdmissionPolicy's
 * environment (k8s.io/apiserver/pkg/cel/environment/base.go at the 1.31 compatibility version,
 * plus the `authorizer` variable of the admission environment), added to @marcbachmann/cel-js:
 * lists, regex, URLs, quantities, IPs and CIDRs, formats, authorization, sets and the strings
 * functions cel-js lacks.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { registerAuthorizerLibrary } from './cel-library/authorizer-library.js';
import { registerFormatLibrary } from './cel-library/format-library.js';
import { registerListsLibrary } from './cel-library/lists-library.js';
import { registerNetLibrary } from './cel-library/net-library.js';
import { registerQuantityLibrary } from './cel-library/quantity-library.js';
import { registerRegexLibrary } from './cel-library/regex-library.js';
import { registerSetsLibrary } from './cel-library/sets-library.js';
import { registerStringsLibrary } from './cel-library/strings-library.js';
import { registerUrlLibrary } from './cel-library/url-library.js';

/** Adds the Kubernetes libraries and the `authorizer` variable to `env`. */
export function registerKubernetesLibrary(env: Environment): Environment {
  const libraries = [
    registerListsLibrary, registerRegexLibrary, registerStringsLibrary, registerSetsLibrary, registerUrlLibrary,
    registerQuantityLibrary, registerNetLibrary, registerFormatLibrary, registerAuthorizerLibrary,
  ];
  return libraries.reduce((registered, register) => register(registered), env);
}
