// Terminal UI cases: the real bundled `grill` in a pseudo-terminal (node-pty).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { stripVTControlCharacters } from 'node:util';

const require = createRequire(new URL('../../packages/tui/package.json', import.meta.url));
const pty = require('node-pty');

function spawnGrill(grill, env) {
  let output = '';
  const child = pty.spawn(process.execPath, [grill, 'drill'], {
    cols: 100,
    rows: 40,
    env: { ...process.env, ...env, NO_COLOR: '1' },
  });
  child.onData((d) => (output += d));
  const exited = new Promise((resolve) => child.onExit(resolve));
  const waitFor = async (test, timeoutMs = 20_000) => {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (test(stripVTControlCharacters(output))) return;
      await new Promise((r) => setTimeout(r, 2));
    }
    throw new Error(`grill drill: timed out; screen: ${stripVTControlCharacters(output).slice(-500)}`);
  };
  return { child, waitFor, exited, text: () => stripVTControlCharacters(output) };
}

/** Milliseconds from spawning `grill drill` until the first card (its progress bar) is on screen. */
export async function firstFrame(grill, env) {
  const t = performance.now();
  const app = spawnGrill(grill, env);
  await app.waitFor((s) => s.includes(' done · '));
  const ms = performance.now() - t;
  app.child.kill();
  await app.exited;
  return ms;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Answers `cards` cards (any kind: Esc, Space, 3) and reads the process's peak RSS. */
export async function sessionMemory(grill, env, cards) {
  const t = performance.now();
  const app = spawnGrill(grill, env);
  await app.waitFor((s) => s.includes('0 done · '));
  for (let i = 1; i <= cards; i++) {
    for (const key of ['\u001b', ' ', '3']) {
      app.child.write(key);
      await sleep(25);
    }
    await app.waitFor((s) => s.includes(`${i} done · `));
  }
  const status = readFileSync(`/proc/${app.child.pid}/status`, 'utf8');
  const peakRssMb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  const ms = performance.now() - t;
  app.child.write('\u0003');
  await app.exited;
  return { ms, peakRssMb };
}
