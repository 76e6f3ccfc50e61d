#!/usr/bin/env node
// `npm run test:aws`: the acceptance suite against a real account (docs/acceptance.md). The
// orchestration is TypeScript shared with the sandbox suite; esbuild (a dev dependency) bundles it
// into dist/ so plain Node can run it, then vitest runs the scenarios with vitest.acceptance.config.ts.
import { spawn } from 'node:child_process';
import { renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

// As bin/mrrctl.js does: the SDK's notice about its future Node support is noise in this report.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const outfile = join(root, 'dist/acceptance/orchestrate.mjs');
// Built under a private name and renamed into place, so two runs starting at once never read half a file.
const partial = `${outfile}.${process.pid}.tmp.mjs`;
await build({
  entryPoints: [join(root, 'test/acceptance/lib/orchestrate.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile: partial,
  logLevel: 'warning',
});
renameSync(partial, outfile);
const { acceptanceMain, terminalAsk } = await import(pathToFileURL(outfile).href);

// Ctrl-C reaches vitest too (same process group); this process stays to run the cleanup after it.
let interrupted = false;
process.on('SIGINT', () => {
  interrupted = true;
});
const runSuite = (env) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'vitest.acceptance.config.ts'], { cwd: root, env, stdio: 'inherit' });
    child.on('close', (code) => resolve(interrupted ? 130 : (code ?? 1)));
  });

process.exitCode = await acceptanceMain(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  isTTY: Boolean(process.stdin.isTTY && process.stderr.isTTY),
  ask: terminalAsk,
  runSuite,
});
