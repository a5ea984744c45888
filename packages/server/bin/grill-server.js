#!/usr/bin/env node
// The `grill-server` command in the workspace: a committed file, so that installing the
// workspace links the bin before anything is built (it runs the built server).
await import('../dist/server.js');
