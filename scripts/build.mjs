#!/usr/bin/env node
/**
 * `npm run build`, second half (after `tsc -p tsconfig.build.json`): the bundled CLI that
 * bin/mrrctl.js runs and the package ships, in dist/bundle/.
 *
 * Start-up is most of what every mrrctl process costs (docs/performance.md): Node resolving, opening
 * and linking modules one by one — ~40 of mrrctl's own for `--help`, and hundreds of the AWS SDK's,
 * zod's and yaml's for a command that calls AWS (~250 ms of a failover process's first AWS call went to
 * the module loader). esbuild puts mrrctl's own code into one entry start-up path (dist/bundle/main.js
 * and the few shared chunks it imports: main(), the program, the command manifest and help, with
 * commander inside), and splits everything else into chunks that a dynamic import() loads on first
 * use: each command's code, and the libraries it needs — the AWS SDK clients and credential providers,
 * zod, yaml, jose, fast-xml-parser — bundled too, so a command loads a few large files instead of
 * hundreds of small ones.
 *
 * External (loaded from node_modules, installed from npm-shrinkwrap.json): ink and react, the only
 * runtime dependencies left. ink loads yoga's WebAssembly and its React reconciler must share one
 * react with the components: bundling them would save little (only the status dashboard and the
 * rehearse progress view load them) for a real risk of two reacts.
 *
 * The AWS SDK loads parts of itself on demand (the credential chain's SSO, process and web-identity
 * providers, the nested STS/SSO clients, the SSO token provider); all of those are import()s of literal
 * package names that esbuild follows, so each becomes a chunk loaded when that link of the chain is
 * reached. ES module builds (`module`) are preferred over CommonJS ones so that every package is
 * bundled once, in one flavour: a class from two copies would break the `instanceof` of the error
 * mapping. The build fails if a package is bundled from two builds or two versions.
 *
 * Outputs, besides the chunks:
 *   dist/bundle/help.cjs — the help path (scripts/build-help.mjs, src/cli/help-path.ts).
 *   dist/bundle/THIRD-PARTY-LICENSES.txt — every package whose files are in the bundle (read from
 *     esbuild's metafile), with its licence and NOTICE text; the build fails if one has no licence file.
 *   dist/bundle-packages.json — which npm packages each output file carries (not shipped): the tests
 *     read it to check what a process loads (test/cli/process.test.ts, test/cli/context.test.ts).
 *
 * Chunks sit next to the entry, two directories below the package root, because modules find
 * bin/mrrctl.js and package.json through `new URL('../../…', import.meta.url)`.
 *
 * dist/ (tsc's output, one file per module) stays: the benchmark suite imports its modules directly.
 *
 *   node scripts/build.mjs [--metafile FILE]
 */
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { bundledPackages, licenceNotice } from './bundle-licences.mjs';
import { buildHelpPath } from './build-help.mjs';

const { values } = parseArgs({ options: { metafile: { type: 'string' } } });

/** Runtime dependencies that stay outside the bundle (see above); everything else is bundled. */
export const EXTERNAL = ['ink', 'react'];

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

/**
 * zod's `z.locales` namespace carries its error messages in ~50 languages (~375 kB, half of zod's
 * chunk, parsed by every command that reads the config); mrrctl never calls `z.config(z.locales.…)`,
 * and zod installs English itself from locales/en.js. So `z.locales` keeps only `en`.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: "export { default as en } from './en.js';",
      loader: 'js',
    }));
  },
};

const OUT = 'dist/bundle';
rmSync(OUT, { recursive: true, force: true });
/** What the full build and the help path (scripts/build-help.mjs) share. */
const SHARED = {
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  jsx: 'automatic',
  external: EXTERNAL.flatMap((name) => [name, `${name}/*`]),
  // ES module builds first (see above); packages that have only CommonJS are bundled from that.
  mainFields: ['module', 'main'],
  // Error classes and the like keep their `name` even where the bundle renames a clashing identifier.
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [lazyChildProcess],
};
const result = await build({
  ...SHARED,
  entryPoints: { main: 'src/main.ts' },
  outdir: OUT,
  splitting: true,
  format: 'esm',
  chunkNames: '[name]-[hash]',
  // CommonJS packages (commander, some of the SDK's dependencies) call require() for Node's modules:
  // inside an ES module bundle that needs a real require.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  metafile: true,
  plugins: [...SHARED.plugins, zodEnglishOnly],
});
if (values.metafile) writeFileSync(values.metafile, JSON.stringify(result.metafile));

const { packages, byOutput } = bundledPackages(result.metafile);
// commander, which help.cjs carries, is in the full build too: its licence is in the notice below.
const helpPath = await buildHelpPath(OUT, SHARED);
writeFileSync('dist/bundle-packages.json', `${JSON.stringify({ ...byOutput, ...helpPath }, null, 1)}\n`);
writeFileSync(`${OUT}/THIRD-PARTY-LICENSES.txt`, licenceNotice(packages));
