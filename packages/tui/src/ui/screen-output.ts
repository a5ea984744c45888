import { EventEmitter } from 'node:events';

const CSI = '\u001b[';
/** Synchronized output (terminals that know it draw a frame at once; others ignore it). */
const BEGIN_SYNC = `${CSI}?2026h`;
const END_SYNC = `${CSI}?2026l`;
const ENTER = `${CSI}?1049h${CSI}?25l${CSI}?2004h`;
const LEAVE = `${CSI}?2004l${CSI}?25h${CSI}?1049l`;

/**
 * The drill's screen: the terminal's alternate screen (as less and vim use), so the shell's
 * scrollback is never touched, with every frame drawn whole from the top-left corner. Ink (in
 * its debug mode, which writes each frame in full) writes frames here; a frame identical to the
 * one on screen is skipped. A resize clears the screen and the next frame is drawn anew, so
 * no stale wide frame is left wrapped into garbage. Also turns on bracketed paste.
 */
/**
 * The event the screen emits when the terminal was resized, for the app to draw a frame at the
 * new size. Not `resize`: Ink would redraw its last frame, computed for the old size, first — a
 * frame as tall as the old window flashed on the new one.
 */
export const RESIZED = 'grill:resized';

export class ScreenOutput extends EventEmitter {
  private last = '';
  private active = false;
  private readonly restoreOnExit = () => this.leave();

  constructor(private readonly tty: NodeJS.WriteStream) {
    super();
  }

  get columns(): number {
    return this.tty.columns || 80;
  }

  get rows(): number {
    return this.tty.rows || 24;
  }

  get isTTY(): boolean {
    return true;
  }

  /** Switches to the alternate screen. */
  enter(): void {
    if (this.active) return;
    this.active = true;
    this.last = '';
    this.tty.write(ENTER);
    process.once('exit', this.restoreOnExit);
  }

  /** Back to the normal screen, as it was before. */
  leave(): void {
    if (!this.active) return;
    this.active = false;
    this.tty.write(LEAVE);
    process.off('exit', this.restoreOnExit);
  }

  /** After a resize: clear, and draw the next frame in full. */
  invalidate(): void {
    this.last = '';
    if (this.active) this.tty.write(`${CSI}2J`);
  }

  /** Ink writes a whole frame here. */
  write(frame: string, callback?: () => void): boolean {
    if (frame === '' || frame === this.last || !this.active) {
      if (callback) setImmediate(callback);
      return true;
    }
    this.last = frame;
    const lines = frame.replace(/\n$/, '').split('\n');
    // Each line clears what was left of the previous frame to its right; ESC[J clears below.
    const body = lines.map((l) => `${l}${CSI}K`).join('\r\n');
    return this.tty.write(`${BEGIN_SYNC}${CSI}H${body}${CSI}J${END_SYNC}`, callback);
  }
}
