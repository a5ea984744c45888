import { stripVTControlCharacters } from 'node:util';
import { type IPty, spawn } from 'node-pty';
import { GRILL_BIN, REPO_ROOT } from './run-grill.js';

/** The real `grill` binary in a pseudo-terminal, with helpers to type and to wait for text. */
export class GrillPty {
  private output = '';
  private exited: Promise<number>;
  readonly pty: IPty;

  constructor(args: string[], env: Record<string, string>, size = { cols: 80, rows: 40 }) {
    this.pty = spawn(process.execPath, [GRILL_BIN, ...args], {
      name: 'xterm-256color',
      cols: size.cols,
      rows: size.rows,
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env } as Record<string, string>,
    });
    this.pty.onData((d) => {
      this.output += d;
    });
    this.exited = new Promise((resolve) => this.pty.onExit((e) => resolve(e.exitCode)));
  }

  /** Everything printed so far, without escape sequences. */
  text(): string {
    return stripVTControlCharacters(this.output);
  }

  /** Everything printed so far, escape sequences included. */
  raw(): string {
    return this.output;
  }

  /** Waits until `needle` appears in output printed after the last `mark()`. */
  async waitFor(needle: string | RegExp, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const seen = stripVTControlCharacters(this.output.slice(this.markAt));
      if (typeof needle === 'string' ? seen.includes(needle) : needle.test(seen)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(
      `timed out waiting for ${String(needle)}; screen:\n${stripVTControlCharacters(this.output.slice(-2000))}`,
    );
  }

  private markAt = 0;
  mark(): void {
    this.markAt = this.output.length;
  }

  async type(...keys: string[]): Promise<void> {
    for (const k of keys) {
      this.pty.write(k);
      await new Promise((r) => setTimeout(r, 60));
    }
  }

  exit(): Promise<number> {
    return this.exited;
  }

  kill(): void {
    this.pty.kill('SIGKILL');
  }
}
