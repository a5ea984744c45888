import { stripVTControlCharacters } from 'node:util';
import xterm from '@xterm/headless';
import { type IPty, spawn } from 'node-pty';
import stringWidth from 'string-width';
import { GRILL_BIN, REPO_ROOT } from './run-grill.js';

const FRAME_START = '\u001b[?2026h\u001b[H';
const FRAME_END = '\u001b[J\u001b[?2026l';
const ERASE_LINE = '\u001b[K';

/**
 * The real `grill` binary in a pseudo-terminal, its output also fed to a headless xterm so tests
 * can read the screen as a person sees it, with helpers to type and to wait for text.
 */
export class GrillPty {
  private output = '';
  private exited: Promise<number>;
  private pending: Promise<void> = Promise.resolve();
  readonly pty: IPty;
  readonly term: xterm.Terminal;

  constructor(args: string[], env: Record<string, string>, size = { cols: 80, rows: 40 }) {
    this.term = new xterm.Terminal({
      cols: size.cols,
      rows: size.rows,
      allowProposedApi: true,
      scrollback: 1000,
    });
    this.pty = spawn(process.execPath, [GRILL_BIN, ...args], {
      name: 'xterm-256color',
      cols: size.cols,
      rows: size.rows,
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env } as Record<string, string>,
    });
    this.pty.onData((d) => {
      this.output += d;
      this.pending = this.pending.then(() => new Promise<void>((r) => this.term.write(d, r)));
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

  /** The terminal's visible rows as a person sees them now (trailing spaces trimmed). */
  async screen(): Promise<string[]> {
    await this.pending;
    const buf = this.term.buffer.active;
    return Array.from(
      { length: this.term.rows },
      (_, i) => buf.getLine(buf.viewportY + i)?.translateToString(true) ?? '',
    );
  }

  /** Every frame the drill drew, as its lines (see ScreenOutput). */
  frames(): string[][] {
    return this.output
      .split(FRAME_START)
      .slice(1)
      .map((chunk) => {
        const end = chunk.indexOf(FRAME_END);
        return (end === -1 ? chunk : chunk.slice(0, end))
          .split('\r\n')
          .map((l) => (l.endsWith(ERASE_LINE) ? l.slice(0, -ERASE_LINE.length) : l));
      });
  }

  /** Width in columns of a frame line as shown (escape codes take none). */
  static width(line: string): number {
    return stringWidth(stripVTControlCharacters(line));
  }

  /** Waits until `needle` appears in output printed after the last `mark()`. */
  async waitFor(needle: string | RegExp, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const seen = stripVTControlCharacters(this.output.slice(this.markAt));
      if (typeof needle === 'string' ? seen.includes(needle) : needle.test(seen)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${String(needle)}; screen:\n${(await this.screen()).join('\n')}`);
  }

  /**
   * Waits until the screen, as shown, contains `needle`; returns the screen. A frame that has
   * arrived only in part is not looked at: a terminal shows a frame when its end arrives
   * (synchronized output), and a pty read can end mid-frame under load, its header new and the
   * rows below it still the last frame's.
   */
  async waitForScreen(needle: string | RegExp, timeoutMs = 10_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const received = this.output.length;
      const screen = await this.screen();
      const text = screen.join('\n');
      const whole = this.output.length === received && !this.midFrame();
      if (whole && (typeof needle === 'string' ? text.includes(needle) : needle.test(text))) return screen;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${String(needle)} on screen:\n${text}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** True while the last frame begun has not ended. */
  private midFrame(): boolean {
    const start = this.output.lastIndexOf(FRAME_START);
    return start !== -1 && this.output.indexOf(FRAME_END, start) === -1;
  }

  private markAt = 0;
  mark(): void {
    this.markAt = this.output.length;
  }

  /** Types keys one write each, with a pause between. */
  async type(...keys: string[]): Promise<void> {
    for (const k of keys) {
      this.pty.write(k);
      await new Promise((r) => setTimeout(r, 60));
    }
  }

  /** Sends all of `keys` in ONE write, as fast typing, a paste, SSH or `tmux send-keys` deliver them. */
  send(keys: string): void {
    this.pty.write(keys);
  }

  /** Resizes the terminal (the program gets SIGWINCH) and the mirror. */
  resize(cols: number, rows: number): void {
    this.pty.resize(cols, rows);
    this.pending = this.pending.then(() => this.term.resize(cols, rows));
  }

  exit(): Promise<number> {
    return this.exited;
  }

  kill(signal = 'SIGKILL'): void {
    this.pty.kill(signal);
  }
}
