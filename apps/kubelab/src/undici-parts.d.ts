/**
 * The three parts of undici that lab-trust.ts uses, each from its own file: undici's entry loads all of it
 * (110 files, 1.1 MB: fetch, WebSocket, mocks, caches, proxies), which was a quarter of the CPU a kubelab
 * command took before doing anything. undici has no exports map, so its files are its API as much as its entry.
 */
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export default Agent;
}
declare module 'undici/lib/core/connect.js' {
  import { buildConnector } from 'undici';
  export default buildConnector;
}
declare module 'undici/lib/global.js' {
  export { setGlobalDispatcher } from 'undici';
}
