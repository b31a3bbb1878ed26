/**
 * Code outside TypeScript's view keeps running: in a `"type": "module"` package, the scripts Node runs keep
 * explicit extensions and `/index.js` whatever the spelling rule says (Node resolves neither a missing
 * extension nor a folder, nor a tsconfig alias), and JavaScript no tsconfig includes is resolved as Node
 * would. After `run --write`, the scripts still run under `node`.
 */
import { spawnSync } from 'node:child_process';
import { canonize, makeRepo, removeRepo, snapshot } from './support/project';

const FILES = {
  'package.json': JSON.stringify({ name: 'esm-app', private: true, type: 'module' }),
  // Like umami's: bundler resolution, an alias, and every .js file included.
  'tsconfig.json': JSON.stringify({
    compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', allowJs: true, noEmit: true, strict: true, paths: { '@/*': ['./src/*'] } },
    include: ['src', 'scripts'],
  }),
  'src/telemetry.js': "export function track() {\n  return 'tracked';\n}\n",
  'src/old-telemetry.js': "export * from './telemetry.js';\n",
  'src/lib/index.js': "export const name = 'lib';\n",
  'src/app.ts': "import { track } from './telemetry';\nexport const app = track();\n",
  // Included by the tsconfig (bundler resolution is content without extensions); Node runs it as ESM.
  'scripts/postbuild.js': "import { track } from '../src/old-telemetry.js';\nimport { name } from '../src/lib/index.js';\nconsole.log(track(), name);\n",
  // Outside every tsconfig: resolved as Node would.
  'tools/report.mjs': "import { track } from '../src/old-telemetry.js';\nconsole.log('report', track());\n",
  'canonize.config.json': JSON.stringify({
    include: ['src/**/*.{ts,js}', 'scripts/**/*.js', 'tools/**/*.mjs'],
    issues: [
      { id: 'retire-shims', migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'src/old-telemetry.js', to: 'src/telemetry.js' }] } }] },
      { id: 'one-spelling', migrations: [{ transform: 'canonical-specifiers', options: { style: 'alias-outside-folder', extension: 'none', index: 'drop' } }] },
    ],
  }),
};

function node(cwd: string, script: string): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [script], { cwd, encoding: 'utf8' });
  return { status: result.status, out: result.stdout + result.stderr };
}

it('keeps extensions and /index.js in files Node runs as ES modules, and the scripts still run after --write', () => {
  const { root, project } = makeRepo({ files: FILES, subdir: '.' });
  try {
    expect(node(project, 'scripts/postbuild.js')).toEqual({ status: 0, out: 'tracked lib\n' });
    const result = canonize(project, 'run', '--write');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const after = snapshot(root);
    // The move keeps the extension; the spelling rule (alias, no extension, no index) does not apply to Node's ESM.
    expect(after['scripts/postbuild.js']).toBe("import { track } from '../src/telemetry.js';\nimport { name } from '../src/lib/index.js';\nconsole.log(track(), name);\n");
    expect(after['tools/report.mjs']).toBe("import { track } from '../src/telemetry.js';\nconsole.log('report', track());\n");
    // TypeScript code the bundler builds follows the rule.
    expect(after['src/app.ts']).toBe("import { track } from './telemetry';\nexport const app = track();\n");
    expect(node(project, 'scripts/postbuild.js')).toEqual({ status: 0, out: 'tracked lib\n' });
    expect(node(project, 'tools/report.mjs')).toEqual({ status: 0, out: 'report tracked\n' });
  } finally {
    removeRepo(root);
  }
});
