/**
 * The repository stands alone: a user clones it and nothing beside it, so no tracked file may
 * point into the project's former shared folder (the design notes and peers that sat next to the
 * repository). .ci/ is exempt: it describes the machine the project was built on. And what the
 * files cite instead, `docs/<name>.md#<section>`, must exist.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
// Spelled in pieces so that this file does not match itself.
const SHARED = 'shared';
const OUTSIDE = new RegExp(`\\.\\./${SHARED}\\b|/work/${SHARED}\\b|\\b${SHARED}/(?:design|peers|seeds)\\b`);

function tracked(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
}

/** The text of a tracked file, or null for one that is not a regular text file in the work tree. */
function text(file: string): string | null {
  const path = join(ROOT, file);
  let stat;
  try { stat = lstatSync(path); } catch { return null; } // deleted in the work tree, not yet committed
  if (!stat.isFile()) return null;
  const bytes = readFileSync(path);
  return bytes.includes(0) ? null : bytes.toString('utf8');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

/** 1-based numbers of the lines of `text` that refer to the shared folder. */
function linesReferringOutside(text: string): number[] {
  return text.split('\n').flatMap((line, i) => (OUTSIDE.test(line) ? [i + 1] : []));
}

describe('the repository stands alone', () => {
  it('the check recognises a reference to the shared folder in each of its spellings', () => {
    const dots = '..';
    expect(linesReferringOutside(`a\nsee ${dots}/${SHARED}/design/model.md\n`)).toEqual([2]);
    expect(linesReferringOutside(`x = "${dots}/${dots}/${SHARED}/peers/k1.json"`)).toEqual([1]);
    expect(linesReferringOutside(`cd /work/${SHARED}`)).toEqual([1]);
    expect(linesReferringOutside(`where ${SHARED}/seeds holds them`)).toEqual([1]);
    expect(linesReferringOutside('shared histograms; a shared draw; bench/peers/k1.json; docs/data.md')).toEqual([]);
  });

  it('no file git tracks outside .ci/ refers to it', () => {
    const files = tracked();
    expect(files.length).toBeGreaterThan(50); // a listing, not an empty answer from somewhere else
    const offending: string[] = [];
    for (const file of files) {
      if (file.startsWith('.ci/')) continue;
      const body = text(file);
      if (body === null) continue;
      for (const line of linesReferringOutside(body)) offending.push(`${file}:${line}`);
    }
    expect(offending).toEqual([]);
  });

  it('every docs/<name>.md#<section> a tracked file cites is a heading of that document', () => {
    expect(anchor('7. Trade costs: routes and policy')).toBe('7-trade-costs-routes-and-policy');
    const sections = new Map<string, Set<string>>();
    const headings = (doc: string): Set<string> => {
      let found = sections.get(doc);
      if (!found) {
        const body = text(doc) ?? '';
        found = new Set([...body.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1] as string)));
        sections.set(doc, found);
      }
      return found;
    };
    const missing: string[] = [];
    let cited = 0;
    for (const file of tracked()) {
      const body = text(file);
      if (body === null) continue;
      // as a path from the repository's root, or from a Markdown file in docs/
      const fromDocs = file.startsWith('docs/');
      for (const m of body.matchAll(/(docs\/)?\b(model|data)\.md#([\w-]+)/g)) {
        if (!m[1] && !fromDocs) continue; // another folder's model.md or data.md
        cited++;
        if (!headings(`docs/${m[2]}.md`).has(m[3] as string)) missing.push(`${file}: ${m[0]}`);
      }
    }
    expect(cited).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});
