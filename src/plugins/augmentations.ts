// The plugins' additions to Fastify's types, in one module that src/app.ts imports for its
// declarations: a project that builds an app from src (tests, bench) sees app.store and the rest.
export type {} from './auth.js';
export type {} from './caching.js';
export type {} from './db.js';
export type {} from './limits.js';
export type {} from './negotiation.js';
export type {} from './problems.js';
