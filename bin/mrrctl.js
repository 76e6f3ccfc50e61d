#!/usr/bin/env node
// Thin entry point: everything, including the exit-code mapping, lives in main().
// CommonJS (bin/package.json): `--version` and the help path need no ES module loader, whose set-up
// alone is a tenth of a bare Node start on Node 20 (src/cli/help-path.ts).
'use strict';

// Node ≥ 22.1 caches the compiled code of the modules loaded after this line (in the OS temp
// directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so the second and later runs skip most
// of the parsing that start-up costs. Node 20 has no compile cache: a no-op there.
require('node:module').enableCompileCache?.();

// The AWS SDK warns on Node 20 about its own future releases; mrrctl locks its SDK versions, and an
// operator at 3 a.m. needs a clean stderr, so that notice is off unless the user turns it on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const args = process.argv.slice(2);

/** The full CLI (scripts/build.mjs): main() and the program; each command's code loads when it runs. */
async function runCli() {
  const { main } = await import('../dist/bundle/main.js');
  exitOnceWritten(await main(args));
}

/** `--help`, `-h`, `help` or nothing: dist/bundle/help.cjs, which hands back an argv that runs a command. */
async function helpOrCli() {
  const code = await require('../dist/bundle/help.cjs').helpMain(args);
  if (code === undefined) await runCli();
  else process.exitCode = code;
}

/**
 * main() has finished the command, released its AWS clients and awaited everything it started (a
 * foreground `sandbox start` returns only once stopped), so once stdout and stderr have handed over
 * what was written the process can end. Exiting here skips tearing down the heap a command that
 * called AWS has built up: ~15 ms of every such run (docs/performance.md). Node ≥ 22 still writes
 * its compile cache on this exit.
 */
function exitOnceWritten(code) {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit()));
}

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Scripts call --version in loops: answer it without loading the CLI.
  const { readFileSync } = require('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(require.resolve('../package.json'), 'utf8')).version}\n`);
} else if (args.length === 0 || args.some((arg) => arg === '--help' || arg === '-h' || arg === 'help')) {
  helpOrCli();
} else {
  runCli();
}
