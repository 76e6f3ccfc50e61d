/**
 * What the bundle carries, read from esbuild's metafile (scripts/build.mjs): which npm packages have
 * files in it, which output file holds which, and the licence notice the package must ship for them.
 * Derived from the metafile, not a hand list, so a package the SDK starts to pull in is covered on the
 * next build — or the build fails because it has no licence file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `node_modules/@scope/name/dist/x.js` → { name: '@scope/name', dir: 'node_modules/@scope/name', file: 'dist/x.js' } (the last node_modules wins). */
export function packageOf(input) {
  const m = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\/(.*)$/.exec(input.replaceAll('\\', '/'));
  return m ? { dir: m[1], name: m[2], file: m[3] } : undefined;
}

// A package bundled from both its CommonJS and its ES module build has two copies of each class.
const CJS = /(^|\/)(dist-)?cjs\/|\.cjs$/;
const ESM = /(^|\/)(dist-)?(es|esm)\/|\.mjs$/;

/**
 * The bundled packages (name → { name, dir, version, license }) and, per output file, the names of the
 * packages whose code it holds. Throws when a package is bundled twice: from two directories (two
 * versions) or from both its CommonJS and its ES module build.
 */
export function bundledPackages(metafile) {
  const packages = new Map();
  const problems = [];
  for (const input of Object.keys(metafile.inputs)) {
    const p = packageOf(input);
    if (!p) continue;
    const known = packages.get(p.name);
    if (known && known.dir !== p.dir) problems.push(`${p.name} is bundled from two directories: ${known.dir} and ${p.dir}`);
    const entry = known ?? { ...p, cjs: false, esm: false, ...manifestOf(p.dir) };
    entry.cjs ||= CJS.test(p.file);
    entry.esm ||= ESM.test(p.file);
    packages.set(p.name, entry);
  }
  for (const p of packages.values()) if (p.cjs && p.esm) problems.push(`${p.name} is bundled from both its CommonJS and its ES module build`);
  if (problems.length) throw new Error(`the bundle would hold two copies of a package:\n  ${problems.join('\n  ')}`);

  const byOutput = {};
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    if (!/\.c?js$/.test(output)) continue;
    byOutput[output] = [...new Set(Object.keys(inputs).map((i) => packageOf(i)?.name).filter(Boolean))].sort();
  }
  return { packages: [...packages.values()].sort((a, b) => a.name.localeCompare(b.name)), byOutput };
}

function manifestOf(dir) {
  const { version, license, repository, author } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const repo = (typeof repository === 'string' ? repository : repository?.url)?.replace(/^git\+/, '').replace(/\.git$/, '');
  return { version, license: typeof license === 'string' ? license : (license?.type ?? 'UNKNOWN'), repo, author: typeof author === 'string' ? author : author?.name };
}

/** The MIT licence (opensource.org/license/mit), for an MIT package that ships no licence file. */
const MIT = (holder) => `MIT License

Copyright (c) ${holder}

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction, including
without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the
following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial
portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO
EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE
USE OR OTHER DEALINGS IN THE SOFTWARE.`;

/**
 * The licence text of a package that ships no licence file, where it can be known for certain:
 * another bundled package from the same repository under the same licence ships it (the AWS SDK's
 * monorepo publishes a few packages without LICENSE), or the licence is MIT, whose text is fixed but
 * for the holder (the package's author). Anything else fails the build.
 */
function fallbackText(p, withFile) {
  const sibling = p.repo && withFile.find((o) => o.repo === p.repo && o.license === p.license);
  if (sibling) return { text: sibling.text, note: `${p.name} ships no licence file; the text of ${sibling.name}, from the same repository (${p.repo})` };
  if (p.license === 'MIT' && p.author) return { text: MIT(p.author), note: `${p.name} ships no licence file; the MIT licence with its package.json author as the holder` };
  return undefined;
}

function textOf(dir, pattern) {
  const file = existsSync(dir) ? readdirSync(dir).find((f) => pattern.test(f)) : undefined;
  return file ? readFileSync(join(dir, file), 'utf8').replaceAll('\r\n', '\n').trim() : undefined;
}

/**
 * THIRD-PARTY-LICENSES.txt: every bundled package by name, version and licence, each licence text once
 * with the packages it covers (the SDK's ~100 packages share Apache-2.0's), then each NOTICE file
 * (Apache-2.0 §4(d)). Throws naming every package that ships no licence file.
 */
export function licenceNotice(packages) {
  const texts = new Map();
  const notices = [];
  const missing = [];
  const withText = packages.map((p) => ({ ...p, text: textOf(p.dir, /^(licen[cs]e|copying)/i) }));
  const withFile = withText.filter((p) => p.text);
  for (const p of withText) {
    const fallback = p.text ? undefined : fallbackText(p, withFile);
    const text = p.text ?? fallback?.text;
    if (!text) {
      missing.push(`${p.name}@${p.version} (${p.license}, ${p.dir})`);
      continue;
    }
    texts.set(text, [...(texts.get(text) ?? []), { ...p, note: fallback?.note }]);
    const notice = textOf(p.dir, /^notice/i);
    if (notice) notices.push(`NOTICE of ${p.name}@${p.version}:\n\n${notice}\n`);
  }
  if (missing.length) throw new Error(`bundled packages without a licence file to ship:\n  ${missing.join('\n  ')}`);
  const rule = `\n${'='.repeat(78)}\n`;
  const sections = [...texts].map(([text, covered]) => {
    const names = covered.map((p) => `${p.name}@${p.version} (${p.license})${p.note ? `\n  (${p.note})` : ''}`);
    return `${names.join('\n')}\n\n${text}\n`;
  });
  return [
    `Third-party packages whose code is bundled into this directory by scripts/build.mjs (${packages.length}, read from`,
    "esbuild's metafile). Each licence text below is preceded by the packages it covers; the packages'",
    'NOTICE files follow the licences.\n',
    ...packages.map((p) => `  ${p.name}@${p.version} (${p.license})`),
    rule,
    sections.join(rule),
    ...(notices.length ? [rule, notices.join(rule)] : []),
  ].join('\n');
}
