/**
 * The docs link only to files that exist in the repository, and cite nothing outside it: every
 * relative link in README.md and docs/** resolves to a file (or directory) of the repository, none
 * leaves it (`../shared/…`), and no page names a path of the machine it was written on (`/work/…`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

const PAGES = [join(ROOT, 'README.md'), ...markdownFiles(join(ROOT, 'docs'))];

/** Inline links and images `[text](target "title")`, reference definitions `[id]: target`, and `<a href>`. Code is not prose: fenced blocks and inline code are dropped. */
export function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
  const links: string[] = [];
  for (const m of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push(m[1]);
  for (const m of prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)) links.push(m[1]);
  for (const m of prose.matchAll(/<a\s[^>]*href="([^"]+)"/g)) links.push(m[1]);
  return links;
}

function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#');
}

function problemsOf(page: string): string[] {
  const text = readFileSync(page, 'utf8');
  const problems: string[] = [];
  for (const link of linksOf(text)) {
    if (isExternal(link)) continue;
    const path = decodeURIComponent(link.split('#')[0].split('?')[0]);
    if (path === '') continue;
    if (path.startsWith('/')) {
      problems.push(`${link}: an absolute path (links are relative to the page)`);
      continue;
    }
    const target = resolve(dirname(page), path);
    if (target !== ROOT && !target.startsWith(ROOT + sep)) problems.push(`${link}: outside the repository`);
    else if (!existsSync(target)) problems.push(`${link}: no such file in the repository`);
  }
  for (const m of text.matchAll(/(?:^|[\s(`'"])((?:\.\.\/)+shared\/\S*|\/work\/\S*)/gm)) problems.push(`${m[1]}: cites a path outside the repository`);
  return problems.map((p) => `${relative(ROOT, page)}: ${p}`);
}

describe('documentation links', () => {
  it('finds the pages (README.md and docs/**)', () => {
    expect(PAGES.length).toBeGreaterThan(10);
  });

  it.each(PAGES.map((page) => [relative(ROOT, page), page]))('%s: every relative link resolves inside the repository', (_name, page) => {
    expect(problemsOf(page)).toEqual([]);
  });

  it('the check can fail: a missing page, a link outside, an absolute path and a cited /work path are found', () => {
    expect(linksOf('see [a](a.md), [b](../../x.md "t"), ![i](img.png)\n[ref]: ref.md\n<a href="h.md">h</a>\n```\n[no](code.md)\n```\n`[no](inline.md)`')).toEqual(['a.md', '../../x.md', 'img.png', 'ref.md', 'h.md']);
    const fake = join(ROOT, 'docs', '__links_fixture__.md');
    const text = '[gone](nope.md) [out](../../outside.md) [abs](/etc/passwd) [ok](cli.md#exit-codes) [web](https://example.com)\nper /work/shared/docs/aws-facts.md';
    // Checked in memory: problemsOf reads the file, so run its rules on the text directly.
    const problems: string[] = [];
    for (const link of linksOf(text)) {
      if (isExternal(link)) continue;
      const path = link.split('#')[0];
      if (path.startsWith('/')) problems.push(`abs ${link}`);
      else {
        const target = resolve(dirname(fake), path);
        if (!target.startsWith(ROOT + sep)) problems.push(`out ${link}`);
        else if (!existsSync(target)) problems.push(`missing ${link}`);
      }
    }
    expect(problems).toEqual(['missing nope.md', 'out ../../outside.md', 'abs /etc/passwd']);
    expect(/(?:^|[\s(`'"])((?:\.\.\/)+shared\/\S*|\/work\/\S*)/m.exec(text)?.[1]).toBe('/work/shared/docs/aws-facts.md');
  });
});
