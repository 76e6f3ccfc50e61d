/**
 * dist/bundle/help.cjs, the help path (src/cli/help-path.ts): src/main.ts once more, as one CommonJS
 * file that bin/mrrctl.js requires for `--help` — no ES module loader, no chunk loaded one
 * asynchronous step at a time. It holds main(), the program, the manifest and every command's wiring,
 * with commander; each import() that would load a command's body (its run.ts, a use-case, the config
 * loader, the AWS context) is replaced by a module that throws NotAHelpRequest, so help.cjs carries
 * no body and can never run one: helpMain() gives the argv back to the full build instead.
 *
 * The build fails if help.cjs carries any package but commander: a command's wiring that imports a
 * library statically would otherwise make every `--help` pay for it.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { bundledPackages } from './bundle-licences.mjs';

const HELP_PATH = fileURLToPath(new URL('../src/cli/help-path.ts', import.meta.url));
const ALLOWED_PACKAGES = ['commander'];

/** Every import() but the manifest's (commands/index.ts loads each command's wiring) → NotAHelpRequest. */
const bodiesRefused = {
  name: 'bodies-refused',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' && !/[\\/]src[\\/]cli[\\/]commands[\\/]index\.ts$/.test(args.importer)
        ? { path: args.path, namespace: 'body-refused' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'body-refused' }, () => ({
      contents: `import { NotAHelpRequest } from ${JSON.stringify(HELP_PATH)};\nthrow new NotAHelpRequest();\n`,
      loader: 'js',
      resolveDir: '/',
    }));
  },
};

/** Builds `${outdir}/help.cjs` with `shared` (scripts/build.mjs's options); → its packages by output file. */
export async function buildHelpPath(outdir, shared) {
  const result = await build({
    ...shared,
    entryPoints: { help: 'src/main.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    splitting: false,
    // Every --help compiles this whole file: without whitespace and comments it is 110 kB, not 195 kB,
    // a few ms of each run. Names stay (no identifier minifying), so a stack trace still reads.
    minifyWhitespace: true,
    minifySyntax: true,
    // main() and the program find package.json from their own file's URL; in CommonJS that is __filename.
    define: { 'import.meta.url': '__mrrctlFileUrl' },
    banner: { js: "const __mrrctlFileUrl = require('node:url').pathToFileURL(__filename).href;" },
    metafile: true,
    plugins: [...shared.plugins, bodiesRefused],
  });
  const { byOutput } = bundledPackages(result.metafile);
  for (const [file, names] of Object.entries(byOutput)) {
    const extra = names.filter((name) => !ALLOWED_PACKAGES.includes(name));
    if (extra.length) throw new Error(`${file} (the --help path) would carry ${extra.join(', ')}: a command's wiring imports a library that only its body should load`);
  }
  return byOutput;
}
