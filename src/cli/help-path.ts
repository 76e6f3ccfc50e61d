/**
 * The help path. `mrrctl --help`, a command's `--help` and `mrrctl help …` are most of what a user
 * starts mrrctl for without running anything, and on Node 20 about a third of what they cost beyond
 * Node's own start was the ES module loader: setting itself up, then loading the entry and its chunks
 * one asynchronous step at a time. So scripts/build-help.mjs also bundles main() as one CommonJS
 * file, dist/bundle/help.cjs: the program, the command manifest and every command's wiring (flags,
 * descriptions, examples) with commander, and nothing a command's body needs. bin/mrrctl.js, itself
 * CommonJS, requires it when the argv has `--help`, `-h` or `help`, or is empty, and calls helpMain()
 * (src/main.ts).
 *
 * That argv test is only a guess (`cost --mau help` runs cost): whether a command runs is commander's
 * decision, on the same program and the same code as main(). In the help path, the root's preAction
 * hook throws NotAHelpRequest before any action; helpMain() resolves to undefined, and bin/mrrctl.js
 * runs main() from the ES module build (dist/bundle/main.js), which nothing of help.cjs has touched.
 * Every import() a body would make is, in help.cjs, a module that throws NotAHelpRequest too
 * (scripts/build.mjs), so a body can never half-run from the help build.
 */
export class NotAHelpRequest extends Error {
  constructor() {
    super('this argv runs a command: mrrctl runs it from its full build');
    this.name = 'NotAHelpRequest';
  }
}
