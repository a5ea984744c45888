// Timing helpers for the benchmarks: repeated runs, median and p99, whole-process timings.
import { spawn, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p99: at(0.99), n: sorted.length };
}

/** Times `fn` `runs` times (after `warmup` untimed runs); returns ms samples. */
export async function time(fn, { runs = 20, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i + warmup);
    samples.push(performance.now() - t);
  }
  return samples;
}

/** Wall time of a whole process (spawn to exit), in ms, plus its peak RSS in MB (GNU time). */
export function timeProcess(cmd, args, env = {}) {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  const kb = Number(r.stderr.trim().split('\n').pop());
  return { ms, rssMb: kb / 1024, stdout: r.stdout };
}

export function hasGnuTime() {
  return spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;
}

/** Like timeProcess but without /usr/bin/time (peak RSS unknown). */
export function timeProcessPlain(cmd, args, env = {}) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { ms, rssMb: null, stdout: r.stdout };
}

export function runAsync(cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}: ${err}`)),
    );
  });
}
