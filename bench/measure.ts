/**
 * Wall time and peak memory of a command's whole process tree: the resident memory of the process and all
 * its descendants (jscodeshift's workers included), summed and sampled from /proc every 20 ms.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

export interface Measurement {
  wallMs: number;
  peakRssBytes: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

const PAGE_SIZE = 4096;

function descendants(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(`/proc/${out[i]}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const children = fs.readFileSync(`/proc/${out[i]}/task/${task}/children`, 'utf8').trim();
        if (children) out.push(...children.split(/\s+/).map(Number));
      } catch {
        // the task ended meanwhile
      }
    }
  }
  return out;
}

function treeRss(pid: number): number {
  let total = 0;
  for (const p of descendants(pid)) {
    try {
      total += Number(fs.readFileSync(`/proc/${p}/statm`, 'utf8').split(' ')[1]) * PAGE_SIZE;
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

/** Runs `command args` in `cwd` and measures it. */
export function measure(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env } });
    let peak = 0;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const sample = () => {
      if (child.pid) peak = Math.max(peak, treeRss(child.pid));
    };
    const timer = setInterval(sample, 20);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ wallMs: performance.now() - started, peakRssBytes: peak, code, stdout, stderr });
    });
  });
}
