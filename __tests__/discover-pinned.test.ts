/**
 * discover's whole output, pinned: the findings, the measured spelling rule with its areas, and the emitted
 * config, on the bench's generated tree (2,200 files, three packages) and on the bundled example. Work on
 * discover's speed must change none of it; a change of meaning is a deliberate re-pin, read in review:
 * `CANONIZE_REPIN=1 npx jest __tests__/discover-pinned.test.ts` rewrites the files in __tests__/pinned/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateTree } from '../bench/generate';
import { discover } from '../src/commands/discover';
import { discoverJson } from '../src/report/discover';
import { EXAMPLE, git, makeRepo, removeRepo } from './support/project';

const PINNED = path.join(__dirname, 'pinned');

async function outputOf(rootDir: string, configFile: string | undefined): Promise<unknown> {
  const outcome = await discover({ paths: [], configFile, cwd: rootDir });
  return { report: JSON.parse(discoverJson(outcome)), proposal: outcome.proposal };
}

function expectPinned(name: string, actual: unknown): void {
  const file = path.join(PINNED, name);
  if (process.env.CANONIZE_REPIN === '1') {
    fs.mkdirSync(PINNED, { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
  }
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: pin discover's output with CANONIZE_REPIN=1`);
  expect(actual).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
}

let root: string;
afterEach(() => removeRepo(root));

it("pins discover's output on the bench's generated tree", async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-pinned-'));
  const tree = generateTree(root, 2200, 1);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, '-c', 'user.email=pin@canonize.test', '-c', 'user.name=pin', 'commit', '-q', '-m', 'tree');
  const output = (await outputOf(root, path.join(root, tree.config))) as { report: { findings: unknown[]; filesRead: number } };
  // The pin is worth something only if the tree gives discover something to find.
  expect(output.report.filesRead).toBeGreaterThanOrEqual(2200);
  expect(output.report.findings.length).toBeGreaterThan(3);
  expectPinned('discover-bench-2200.json', output);
});

it("pins discover's output on the bundled example (no config)", async () => {
  let project: string;
  ({ root, project } = makeRepo({ source: EXAMPLE }));
  fs.rmSync(path.join(project, 'canonize.config.json'));
  const output = (await outputOf(project, undefined)) as { report: { findings: unknown[] } };
  expect(output.report.findings.length).toBeGreaterThan(3);
  expectPinned('discover-example.json', output);
});
