/**
 * A window onto more lines than fit: the part of the card (or of a long screen) that is shown,
 * with a marker where lines are hidden above or below. Pure: tested without rendering.
 */

export interface ViewportInput {
  /** Every line of the scrollable part, each at most the screen's width. */
  readonly lines: readonly string[];
  /** Rows available for it, markers included. */
  readonly height: number;
  /** The first line wanted at the top (clamped). */
  readonly offset: number;
  /** Lines [start, end) that must be visible (the focused rubric point), when following focus. */
  readonly focus?: { start: number; end: number } | null;
}

export interface ViewportView {
  /** The offset actually used (clamped, moved to show the focus). */
  offset: number;
  /** The visible lines, without markers. */
  visible: string[];
  /** Lines hidden above and below the visible ones. */
  above: number;
  below: number;
  /** The largest useful offset. */
  maxOffset: number;
}

/**
 * Slices `lines` to `height` rows. When everything fits there are no markers; otherwise a row
 * at the top (when lines are hidden above) and one at the bottom (when lines are hidden below)
 * are kept for markers, so the lines plus markers never exceed `height`.
 */
export function viewport({ lines, height, offset, focus }: ViewportInput): ViewportView {
  const h = Math.max(1, height);
  if (lines.length <= h) return { offset: 0, visible: [...lines], above: 0, below: 0, maxOffset: 0 };
  // With a marker on each side the window shows at least h - 2 lines; at the end it shows h - 1.
  const inner = Math.max(1, h - 2);
  const maxOffset = lines.length - Math.max(1, h - 1);
  let top = Math.max(0, Math.min(offset, maxOffset));
  if (focus) {
    if (focus.start < top) top = focus.start;
    else if (focus.end > top + inner) top = Math.min(focus.start, focus.end - inner);
    top = Math.max(0, Math.min(top, maxOffset));
  }
  const markerAbove = top > 0 ? 1 : 0;
  let count = h - markerAbove;
  if (top + count < lines.length) count -= 1;
  count = Math.max(1, count);
  const visible = lines.slice(top, top + count);
  return { offset: top, visible, above: top, below: lines.length - top - visible.length, maxOffset };
}

export interface FrameInput {
  /** Pinned at the top. */
  readonly header: readonly string[];
  /** Scrolls between header and footer. */
  readonly body: readonly string[];
  /** Pinned at the bottom. */
  readonly footer: readonly string[];
  /** The terminal's rows. */
  readonly rows: number;
  readonly offset: number;
  readonly focus?: { start: number; end: number } | null;
  /** The marker lines, given how many lines are hidden. */
  readonly markers: { above: (n: number) => string; below: (n: number) => string };
}

/**
 * A whole screen: header, the body in a viewport, footer, with a blank line around the body
 * when there is room. Never more than `rows - 1` lines: a frame as tall as the terminal would
 * scroll it by one line when the cursor ends below the last row.
 */
export function composeFrame(input: FrameInput): { lines: string[]; view: ViewportView; bodyHeight: number } {
  const room = Math.max(1, input.rows - 1);
  const fixed = input.header.length + input.footer.length;
  // Blank lines around the body, where a short terminal can spare them.
  const gapTop = input.header.length > 0 && room - fixed >= 12 ? 1 : 0;
  const gapBottom = input.footer.length > 0 && room - fixed >= 10 ? 1 : 0;
  const bodyHeight = Math.max(1, room - fixed - gapTop - gapBottom);
  const view = viewport({
    lines: input.body,
    height: bodyHeight,
    offset: input.offset,
    focus: input.focus ?? null,
  });
  const body = [
    ...(view.above > 0 ? [input.markers.above(view.above)] : []),
    ...view.visible,
    ...(view.below > 0 ? [input.markers.below(view.below)] : []),
  ];
  const lines = [
    ...input.header,
    ...(gapTop ? [''] : []),
    ...body,
    ...(gapBottom ? [''] : []),
    ...input.footer,
  ].slice(0, room);
  return { lines, view, bodyHeight };
}
