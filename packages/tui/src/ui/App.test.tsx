import { Grill, history } from '@grill/core';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { EditorResult } from '../editor.js';
import { grillWithKinds, T0 } from '../test-support/deck-fixture.js';
import { App, type AppExit } from './App.js';

let grills: Grill[] = [];
afterEach(() => {
  for (const g of grills) g.close();
  grills = [];
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Polls the rendered frame until it contains `text` (rendering is asynchronous); returns it. */
async function until(frame: () => string | undefined, text: string, timeoutMs = 3000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!(frame() ?? '').includes(text) && Date.now() < deadline) await tick();
  const f = frame() ?? '';
  if (!f.includes(text)) throw new Error(`no "${text}" on screen:\n${f}`);
  return f;
}

/** Writes all the keys in ONE write, as a terminal delivers fast typing, a paste or tmux send-keys. */
async function send(stdin: { write(s: string): void }, keys: string) {
  stdin.write(keys);
  await tick();
}

function setup(size = { columns: 80, rows: 40 }) {
  const { grill, home } = grillWithKinds();
  grills.push(grill);
  let now = T0;
  let exited: AppExit | null = null;
  const edits: [string, number][] = [];
  let editorResult: EditorResult = { ok: true, changed: true };
  const app = render(
    <App
      grill={grill}
      clock={() => now}
      startWith={{ filter: {} }}
      openEditor={(file, line) => {
        edits.push([file, line]);
        return editorResult;
      }}
      reimport={async () => null}
      size={size}
      color={false}
      onExit={(r) => {
        exited = r;
      }}
    />,
  );
  return {
    grill,
    home,
    ...app,
    advance: (ms: number) => {
      now += ms;
    },
    edits,
    setEditor: (r: EditorResult) => {
      editorResult = r;
    },
    exited: () => exited,
  };
}

describe('App', () => {
  it('handles several keys arriving in one write, for every card kind, and records each answer', async () => {
    const { grill, stdin, lastFrame, advance } = setup();
    await until(lastFrame, 'What does idempotent mean?');
    advance(5000);
    await send(stdin, ' 4'); // basic: reveal and Easy in one write
    await until(lastFrame, 'Which methods are idempotent?');
    await send(stdin, '13\r'); // choice: pick PUT and DELETE, submit
    await until(lastFrame, 'Enter = Good');
    await send(stdin, '\r');
    await until(lastFrame, 'Which status code means Conflict?');
    await send(stdin, '400\u007f9\r'); // typed: 400, backspace, 9, submit
    await until(lastFrame, '✓ right');
    await send(stdin, '\r');
    await until(lastFrame, "reading 'url'");
    await send(stdin, '  \u001b[B \r'); // open: reveal, tick, down, tick, confirm (Hard)
    await until(lastFrame, '4 done');
    expect(history(grill).map((h) => [h.card, h.ratingName, h.detail])).toEqual([
      ['kinds/basic', 'easy', undefined],
      ['kinds/choice', 'good', { chosen: [0, 2], correct: true }],
      ['kinds/typed', 'good', { typed: '409', correct: true }],
      ['kinds/open', 'hard', { covered: [0, 1] }],
    ]);
    expect(history(grill)[0]?.durationMs).toBe(5000);
    await send(stdin, 'q');
    expect(await until(lastFrame, 'Session ended')).toContain('4 answers on 4 cards');
  });

  it('typed card: letters are text, a paste is inserted, Esc leaves the field for the session keys', async () => {
    const { grill, stdin, lastFrame } = setup();
    await send(stdin, ' 3');
    await until(lastFrame, 'Which methods are idempotent?');
    await send(stdin, '1\r\r');
    await until(lastFrame, 'Which status code means Conflict?');
    // u, q, b are typed into the answer, not run.
    await send(stdin, 'ubq');
    let frame = await until(lastFrame, '› ubq');
    expect(frame).toContain('Esc leave field');
    expect(frame).not.toContain('u undo');
    await send(stdin, '\u0015'); // Ctrl+U clears
    await send(stdin, '\u001b[200~409\r\nConflict\u001b[201~');
    await until(lastFrame, '› 409 Conflict');
    await send(stdin, '\u001b'); // leave the field
    frame = await until(lastFrame, 'u undo');
    expect(frame).toContain('Tab type');
    await send(stdin, 'u'); // undo from the typed card: back to the choice card
    await until(lastFrame, 'Which methods are idempotent?');
    expect(history(grill).map((h) => h.card)).toEqual(['kinds/basic']);
  });

  it('matches a typed answer after Unicode normalisation (é typed as e + combining accent)', async () => {
    const { grill } = grillWithKinds();
    grills.push(grill);
    const { typedMatches } = await import('@grill/core');
    expect(typedMatches({ kind: 'typed', accept: ['café'] } as never, 'cafe\u0301')).toBe(true);
    expect(typedMatches({ kind: 'typed', accept: ['cafe\u0301'] } as never, 'café')).toBe(true);
  });

  it('choice: Enter with nothing chosen asks for a choice; the reveal marks chosen-right, chosen-wrong and missed', async () => {
    const { grill, stdin, lastFrame } = setup();
    await send(stdin, ' 3');
    await until(lastFrame, 'Which methods are idempotent?');
    await send(stdin, '\r');
    await until(lastFrame, 'choose an option first (1-3)');
    expect(history(grill)).toHaveLength(1);
    await send(stdin, '12\r'); // PUT (right), POST (wrong); DELETE missed
    const frame = await until(lastFrame, '✗ not quite');
    expect(frame).toMatch(/✓ 1\. PUT — your choice, right/);
    expect(frame).toMatch(/✗ 2\. POST — your choice, wrong/);
    expect(frame).toMatch(/! 3\. DELETE — right, missed/);
  });

  it('undo cancels this session’s own answer even when another process answered meanwhile, and walks back', async () => {
    const { grill, home, stdin, lastFrame } = setup();
    await send(stdin, ' 3');
    await until(lastFrame, 'Which methods are idempotent?');
    // A second process (grill review in another shell) answers another card.
    const other = Grill.open(home);
    other.answer('kinds/open', 3, T0 + 1000);
    other.close();
    await send(stdin, 'u');
    await until(lastFrame, 'undone: your answer');
    expect(history(grill).map((h) => h.card)).toEqual(['kinds/open']);
    await send(stdin, 'u');
    await until(lastFrame, 'nothing to undo in this session');
    expect(history(grill).map((h) => h.card)).toEqual(['kinds/open']);
  });

  it('q mid-session shows the summary, then any key leaves; messages last one card', async () => {
    const { stdin, lastFrame, exited } = setup();
    await send(stdin, 'b');
    let frame = await until(lastFrame, 'buried kinds/basic until tomorrow');
    await send(stdin, '1\r\r');
    frame = await until(lastFrame, 'Which status code means Conflict?');
    expect(frame).not.toContain('buried');
    await send(stdin, '\u001b!');
    frame = await until(lastFrame, 'suspended kinds/typed');
    expect(frame).toContain('grill unsuspend kinds/typed');
    await send(stdin, 'q');
    frame = await until(lastFrame, 'Session ended');
    expect(frame).toContain('1 answer on 1 card');
    expect(frame).toContain('any key leaves');
    await send(stdin, 'x');
    await tick();
    expect(exited()).toEqual({
      interrupted: false,
      summary: expect.objectContaining({ answers: 1, cards: 1 }),
    });
  });

  it('Ctrl+C leaves at once, as an interruption', async () => {
    const { stdin, lastFrame, exited } = setup();
    await until(lastFrame, 'What does idempotent mean?');
    await send(stdin, '\u0003');
    await tick();
    expect(exited()?.interrupted).toBe(true);
  });

  it('edit: says what happened — a failing editor, no change, or saved and re-imported', async () => {
    const { grill, stdin, lastFrame, edits, setEditor } = setup();
    await until(lastFrame, 'What does idempotent mean?');
    setEditor({ ok: false, message: 'editor "nope" not found (set $VISUAL or $EDITOR)' });
    await send(stdin, 'e');
    await until(lastFrame, 'not edited: editor "nope" not found');
    expect(lastFrame()).not.toContain('saved');
    setEditor({ ok: true, changed: false });
    await send(stdin, 'e');
    await until(lastFrame, 'no changes saved in the editor');
    setEditor({ ok: true, changed: true });
    await send(stdin, 'e');
    await until(lastFrame, 'saved and re-imported');
    expect(edits[0]).toEqual([grill.deck('kinds')?.sourcePath, 6]);
  });

  it('help shows the keys of where it was opened, and any key closes it', async () => {
    const { stdin, lastFrame } = setup();
    await until(lastFrame, 'What does idempotent mean?');
    await send(stdin, '?');
    const frame = await until(lastFrame, 'Keys');
    expect(frame).toContain('show the answer');
    expect(frame).not.toContain('rate: 1 again');
    await send(stdin, 'x');
    await until(lastFrame, 'What does idempotent mean?');
  });
});

describe('App: every key honest', () => {
  it('basic: Enter after the answer confirms Good; the header names the card’s queue', async () => {
    const { grill, stdin, lastFrame } = setup();
    expect(await until(lastFrame, 'kinds · basic · new')).toContain('kinds · basic · new');
    await send(stdin, ' ');
    await until(lastFrame, 'Enter = Good');
    await send(stdin, '\r');
    await until(lastFrame, 'Which methods are idempotent?');
    expect(history(grill).map((h) => h.ratingName)).toEqual(['good']);
  });

  it('choice: the footer names the options there are; a key past them says so', async () => {
    const { stdin, lastFrame } = setup();
    await send(stdin, ' 3');
    const frame = await until(lastFrame, 'Which methods are idempotent?');
    expect(frame).toContain('1-3 choose');
    expect(frame).not.toContain('1-9');
    await send(stdin, '7');
    await until(lastFrame, 'there is no option 7: press 1-3');
  });

  it('a paste where there is no text field is not taken as keys, and says so', async () => {
    const { grill, stdin, lastFrame } = setup();
    await until(lastFrame, 'What does idempotent mean?');
    await send(stdin, '\u001b[200~ 3\u001b[201~');
    await until(lastFrame, 'paste ignored: there is no text field here');
    expect(history(grill)).toEqual([]);
    expect(lastFrame()).toContain('What does idempotent mean?');
  });

  it('a short window: the answer field stays in view while typing, the rubric point in view after reveal', async () => {
    const { grill, stdin, lastFrame } = setup({ columns: 60, rows: 12 });
    await send(stdin, ' 3');
    await until(lastFrame, 'Which methods');
    await send(stdin, '1\r\r');
    await until(lastFrame, 'Which status code');
    await send(stdin, '40');
    await until(lastFrame, '› 40');
    await send(stdin, '9\r3');
    await until(lastFrame, "reading 'url'");
    await send(stdin, ' ');
    const frame = await until(lastFrame, 'covered 0 of 3');
    expect(frame).toContain('› [ ] Read the logs first');
    await send(stdin, '\u001b[B\u001b[B');
    await until(lastFrame, '› [ ] Roll back');
    // Past the last point the arrows scroll on instead of wrapping to the first: the tick lands
    // on the last point.
    await send(stdin, '\u001b[B\u001b[B\u001b[B \r');
    await until(lastFrame, '4 done');
    expect(history(grill).at(-1)?.detail).toEqual({ covered: [2] });
  });

  it('stats: w with no weak cards says so instead of leaving', async () => {
    const { grill } = grillWithKinds();
    grills.push(grill);
    const { stdin, lastFrame } = render(
      <App
        grill={grill}
        clock={() => T0}
        openEditor={() => ({ ok: true, changed: false })}
        reimport={async () => null}
        size={{ columns: 80, rows: 60 }}
        color={false}
      />,
    );
    await until(lastFrame, 'grill');
    await send(stdin, 's');
    const frame = await until(lastFrame, 'no lapses yet');
    expect(frame).not.toContain('w drill weakest');
    await send(stdin, 'w');
    await until(lastFrame, 'no weak cards yet');
    expect(lastFrame()).toContain('Weakest cards');
  });
});

describe('App screens', () => {
  function homeApp(grill: Grill, now = T0) {
    return render(
      <App
        grill={grill}
        clock={() => now}
        openEditor={() => ({ ok: true, changed: false })}
        reimport={async () => null}
        size={{ columns: 80, rows: 40 }}
        color={false}
      />,
    );
  }

  it('home → deck picker → session; the tag picker counts cards and filters as you type', async () => {
    const { grill } = grillWithKinds();
    grills.push(grill);
    const { stdin, lastFrame } = homeApp(grill);
    await until(lastFrame, '4 new');
    await send(stdin, 't');
    let frame = await until(lastFrame, 'Drill one tag');
    expect(frame).toContain('intern (4 cards)');
    expect(frame).toContain('scenario (1 card)');
    await send(stdin, 'scen');
    frame = await until(lastFrame, 'filter: scen');
    expect(frame).not.toContain('intern (4 cards)');
    await send(stdin, '\r');
    await until(lastFrame, "reading 'url'");
    await send(stdin, 'q');
    await until(lastFrame, 'Session ended');
  });

  it('stats: w drills the listed weakest cards even when none is due', async () => {
    const { grill } = grillWithKinds();
    grills.push(grill);
    // Two lapses on two cards, then both answered Good so they are not due for days.
    let t = T0;
    for (const key of ['kinds/basic', 'kinds/open']) {
      for (const r of [3, 3, 1, 3, 3] as const) {
        grill.answer(key, r, t);
        t += 86_400_000 * 3;
      }
    }
    const { stdin, lastFrame } = homeApp(grill, t);
    await until(lastFrame, 'grill');
    await send(stdin, 's');
    let frame = await until(lastFrame, 'Weakest cards');
    expect(frame).toContain('kinds/basic');
    expect(frame).toContain('kinds/open');
    await send(stdin, 'w');
    frame = await until(lastFrame, '0 done');
    expect(frame).toMatch(/What does idempotent mean\?|reading 'url'/);
    await send(stdin, ' 3');
    await send(stdin, ' 3');
    await until(lastFrame, 'Session complete');
    expect(lastFrame()).toContain('2 answers on 2 cards');
  });
});
