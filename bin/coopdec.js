#!/usr/bin/env node
// The `coopdec` command: the TypeScript sources run through bin/typescript.js.
import './typescript.js';

await import('../src/cli.ts');
