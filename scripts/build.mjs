#!/usr/bin/env node
/**
 * `npm run build`, second half (after `tsc -p tsconfig.build.json`): the bundled CLI that
 * bin/mrrctl.js runs and the package ships, in dist/bundle/.
 *
 * Start-up is most of what `mrrctl --help` costs (docs/performance.md): resolving and loading ~40
 * small ES modules and commander's files one by one. esbuild puts mrrctl's own code into one entry
 * start-up path (dist/bundle/main.js and the few shared chunks it imports: main(), the program, the
 * command manifest and help, with commander inside), and splits each command's code into chunks that
 * the manifest's dynamic import() loads on first use. The other dependencies (AWS SDK, zod, yaml,
 * ink, react) stay external:
 * they are loaded from node_modules when a command needs them, installed at the versions in
 * npm-shrinkwrap.json, and a test can still see which of them a process loads
 * (test/cli/context.test.ts).
 *
 * Chunks sit next to the entry, two directories below the package root, because modules find
 * bin/mrrctl.js and package.json through `new URL('../../…', import.meta.url)`.
 *
 * dist/ (tsc's output, one file per module) stays: the benchmark suite imports its modules directly.
 *
 *   node scripts/build.mjs [--metafile FILE]
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { metafile: { type: 'string' } } });
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
// Bundled: commander, which every invocation needs, and jose, whose ~50 small modules the health,
// issuer and failover commands would otherwise resolve one by one (for their --help too). Both stay in
// `dependencies` so that the per-module build in dist/ (the benchmark suite) and the tests find them.
// Everything else is imported from node_modules.
const BUNDLED = ['commander', 'jose'];
const external = Object.keys(pkg.dependencies)
  .filter((name) => !BUNDLED.includes(name))
  .flatMap((name) => [name, `${name}/*`]);

/**
 * commander requires node:child_process when it loads, for the executable subcommands mrrctl does not
 * use; child_process brings net, dgram and their bindings, a few ms of every start-up. Inside
 * commander it becomes a stand-in whose spawn() loads the real module on first call.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: 'js',
    }));
  },
};

const OUT = 'dist/bundle';
rmSync(OUT, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: 'src/main.ts' },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: `node${pkg.engines.node.match(/\d+\.\d+/)[0]}`,
  jsx: 'automatic',
  external,
  chunkNames: '[name]-[hash]',
  // Error classes and the like keep their `name` even where the bundle renames a clashing identifier.
  keepNames: true,
  legalComments: 'none',
  // commander is CommonJS: inside an ES module bundle its require('node:events') needs a real require.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  metafile: Boolean(values.metafile),
  logLevel: 'warning',
  plugins: [lazyChildProcess],
});
if (values.metafile) writeFileSync(values.metafile, JSON.stringify(result.metafile));

// The bundle carries the code of the bundled packages: carry their licences with it.
const notices = BUNDLED.map((name) => {
  const dir = `node_modules/${name}`;
  const { version, license } = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  if (!file) throw new Error(`${name} has no licence file to ship with the bundle`);
  return `${name}@${version} (${license})\n\n${readFileSync(`${dir}/${file}`, 'utf8').trim()}\n`;
});
writeFileSync(`${OUT}/THIRD-PARTY-LICENSES.txt`, `Packages bundled into this directory by scripts/build.mjs:\n\n${notices.join('\n---\n\n')}`);
