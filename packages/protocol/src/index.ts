// The grill sync protocol: one definition for the client (`grill sync`) and grill-server. The
// server never sees card text: a card key is an opaque string to it, and an event is stored and
// returned exactly as pushed — after both ends have checked it with eventProblem.
export * from './events.js';
export * from './http.js';
export * from './limits.js';
export { pageProblem } from './page.js';
export { Checker, describeProblem, type Problem } from './problems.js';
export * from './setting-keys.js';
export * from './settings.js';
export { formatSkew } from './skew.js';
