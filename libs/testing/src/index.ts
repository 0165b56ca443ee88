export * from './temp-dir.js';
export * from './wait-for.js';
export * from './free-port.js';
export * from './nats-server.js';
export * from './kubectl.js';
export * from './lab.js';
export * from './lab-tls.js';
export * from './postgres-server.js';
