import { createRequire } from 'node:module';

// Both src/ (tests) and dist/ (the build) sit directly under the package root.
const manifest = createRequire(import.meta.url)('../package.json') as { version: string };

export const SERVER_VERSION: string = manifest.version;
