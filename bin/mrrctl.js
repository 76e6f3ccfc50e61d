#!/usr/bin/env node
// Thin entry point: everything, including the exit-code mapping, lives in main().
// The AWS SDK warns on Node 20 about its own future releases; mrrctl locks its SDK versions, and an
// operator at 3 a.m. needs a clean stderr, so that notice is off unless the user turns it on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import('../dist/main.js');

process.exitCode = await main(process.argv.slice(2));
