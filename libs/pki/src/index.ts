/** The lab's PKI decisions: which names the api-server's certificate needs, whether what is on disk still serves, and making new certificates. */
export * from './subject-names.js';
export * from './certificate-plan.js';
export * from './inspect-certificate.js';
export * from './issue-certificate.js';
