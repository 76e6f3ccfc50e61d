#!/usr/bin/env node
// Thin entry point: everything, including the exit-code mapping, lives in main().
import module from 'node:module';

// Node ≥ 22.1 caches the compiled code of the modules loaded after this line (in the OS temp
// directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so the second and later runs skip most
// of the parsing that start-up costs. Node 20 has no compile cache: a no-op there.
module.enableCompileCache?.();

// The AWS SDK warns on Node 20 about its own future releases; mrrctl locks its SDK versions, and an
// operator at 3 a.m. needs a clean stderr, so that notice is off unless the user turns it on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Scripts call --version in loops: answer it without loading the CLI.
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // The bundled build (scripts/build.mjs): main(), the program and the command manifest in one file;
  // each command's code, and the libraries it needs, are loaded when that command runs.
  const { main } = await import('../dist/bundle/main.js');
  process.exitCode = await main(args);
}
