#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm ci` (the prepare script); this shim only starts it.
import { main } from '../dist/src/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
