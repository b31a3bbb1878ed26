/**
 * Existence checks from folder listings (src/resolve/listing.ts) answer what `ts.sys` answers, for every kind
 * of name a resolution may ask about, and stop stat-ing once a folder is listed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { DirectoryListing } from '../src/resolve/listing';

describe('DirectoryListing', () => {
  let root: string;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-listing-'));
    fs.mkdirSync(path.join(root, 'src', 'lib'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src', 'a.ts'), '');
    fs.writeFileSync(path.join(root, 'src', 'lib', 'index.ts'), '');
    fs.symlinkSync(path.join(root, 'src', 'a.ts'), path.join(root, 'src', 'link.ts'));
    fs.symlinkSync(path.join(root, 'src', 'lib'), path.join(root, 'src', 'linked-lib'));
    fs.symlinkSync(path.join(root, 'src', 'gone.ts'), path.join(root, 'src', 'dangling.ts'));
    fs.mkdirSync(path.join(root, 'src', 'dir.ts'));
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('answers as ts.sys does for files, folders, links (to either, or dangling) and missing folders', () => {
    const listing = new DirectoryListing(ts.sys);
    const names = ['src/a.ts', 'src/A.ts', 'src/b.ts', 'src/lib', 'src/lib/index.ts', 'src/lib/index.tsx', 'src/link.ts', 'src/linked-lib', 'src/linked-lib/index.ts', 'src/dangling.ts', 'src/dir.ts', 'src/a.ts/x.ts', 'missing/x.ts', 'missing', 'src', '', 'src/lib/'];
    // Paths that are not normal mean to stat what their text says (found in review: `a.ts/` is no file).
    const unnormal = ['/src/a.ts/', '/missing/../src/a.ts', '/src/a.ts/../lib', '/src/./a.ts'];
    for (const full of [...names.map((name) => path.join(root, name)), ...unnormal.map((name) => root + name)]) {
      const name = full;
      expect({ name, file: listing.fileExists(full), dir: listing.directoryExists(full) }).toEqual({ name, file: ts.sys.fileExists(full), dir: ts.sys.directoryExists(full) });
    }
  });

  it('lists a folder once (a later file is not seen, as a remembered stat would not see it) and asks ts.sys only about links', () => {
    const asked: string[] = [];
    const sys = { ...ts.sys, fileExists: (f: string) => (asked.push(f), ts.sys.fileExists(f)), directoryExists: (d: string) => (asked.push(d), ts.sys.directoryExists(d)) };
    const listing = new DirectoryListing(sys);
    const late = path.join(root, 'src', 'late.ts');
    try {
      expect(['a.ts', 'a.tsx', 'a.d.ts', 'a/index.ts', 'lib', 'link.ts'].map((name) => listing.fileExists(path.join(root, 'src', name)))).toEqual([true, false, false, false, false, true]);
      fs.writeFileSync(late, '');
      expect(listing.fileExists(late)).toBe(false);
      expect(listing.directoryExists(path.join(root, 'src', 'lib'))).toBe(true);
    } finally {
      fs.rmSync(late);
    }
    expect(asked).toEqual([path.join(root, 'src', 'link.ts')]);
  });

  it('asks ts.sys everything where names are not case-sensitive', () => {
    const asked: string[] = [];
    const listing = new DirectoryListing({ ...ts.sys, useCaseSensitiveFileNames: false, fileExists: (f) => (asked.push(f), true) });
    expect(listing.fileExists(path.join(root, 'src', 'A.ts'))).toBe(true);
    expect(asked).toEqual([path.join(root, 'src', 'A.ts')]);
  });
});
