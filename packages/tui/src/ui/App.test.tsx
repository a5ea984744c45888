import type { Grill } from '@grill/core';
import { history } from '@grill/core';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { grillWithKinds, T0 } from '../test-support/deck-fixture.js';
import { App } from './App.js';

let grills: Grill[] = [];
afterEach(() => {
  for (const g of grills) g.close();
  grills = [];
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Polls the rendered frame until it satisfies `check` (rendering is asynchronous). */
async function until(frame: () => string | undefined, check: (f: string) => boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!check(frame() ?? '') && Date.now() < deadline) await tick();
  return frame() ?? '';
}
const DOWN = '\u001b[B';

async function press(stdin: { write(s: string): void }, ...keys: string[]) {
  for (const k of keys) {
    stdin.write(k);
    await tick();
  }
}

describe('App', () => {
  it('drives a session through every card kind from the keyboard and records each rating', async () => {
    const { grill } = grillWithKinds();
    grills.push(grill);
    let now = T0;
    const { stdin, lastFrame, unmount } = render(
      <App
        grill={grill}
        clock={() => now}
        startWith={{ filter: {} }}
        openEditor={() => {}}
        reimport={async () => null}
      />,
    );
    await tick();
    expect(await until(lastFrame, (f) => f.includes('What does idempotent mean?'))).toContain(
      'What does idempotent mean?',
    );
    now += 5000;
    await press(stdin, ' ', '4'); // basic: reveal, Easy
    expect(await until(lastFrame, (f) => f.includes('Which methods are idempotent?'))).toContain(
      'Which methods are idempotent?',
    );
    await press(stdin, '1', '3', '\r'); // choice: pick PUT and DELETE, submit
    expect(await until(lastFrame, (f) => f.includes('Enter = Good'))).toContain('Enter = Good');
    await press(stdin, '\r'); // confirm Good
    expect(await until(lastFrame, (f) => f.includes('Which status code means Conflict?'))).toContain(
      'Which status code means Conflict?',
    );
    await press(stdin, '4', '0', '9', '\r', '\r'); // typed: 409, submit, confirm Good
    expect(await until(lastFrame, (f) => f.includes("reading 'url'"))).toContain("reading 'url'");
    await press(stdin, ' ', ' ', DOWN, ' ', '\r'); // open: reveal, tick 2 of 3 points, confirm (Hard)
    expect(history(grill).map((h) => [h.card, h.ratingName, h.detail])).toEqual([
      ['kinds/basic', 'easy', undefined],
      ['kinds/choice', 'good', { chosen: [0, 2], correct: true }],
      ['kinds/typed', 'good', { typed: '409', correct: true }],
      ['kinds/open', 'hard', { covered: [0, 1] }],
    ]);
    expect(history(grill)[0]?.durationMs).toBe(5000);
    unmount();
  });

  it('undo goes back to the answered card; help opens and closes', async () => {
    const { grill } = grillWithKinds();
    grills.push(grill);
    const { stdin, lastFrame } = render(
      <App
        grill={grill}
        clock={() => T0}
        startWith={{ filter: {} }}
        openEditor={() => {}}
        reimport={async () => null}
      />,
    );
    await tick();
    await press(stdin, ' ', '3');
    expect(await until(lastFrame, (f) => f.includes('Which methods are idempotent?'))).toContain(
      'Which methods are idempotent?',
    );
    await press(stdin, 'u');
    expect(await until(lastFrame, (f) => f.includes('What does idempotent mean?'))).toContain(
      'What does idempotent mean?',
    );
    expect(await until(lastFrame, (f) => f.includes('undone — this card is back'))).toContain(
      'undone — this card is back',
    );
    expect(history(grill)).toEqual([]);
    await press(stdin, '?');
    expect(await until(lastFrame, (f) => f.includes('Keys'))).toContain('Keys');
    await press(stdin, 'x');
    expect(await until(lastFrame, (f) => f.includes('What does idempotent mean?'))).toContain(
      'What does idempotent mean?',
    );
  });

  it('edit opens the card’s file at its line and re-imports it', async () => {
    const { grill } = grillWithKinds();
    grills.push(grill);
    const opened: [string, number][] = [];
    const { stdin, lastFrame } = render(
      <App
        grill={grill}
        clock={() => T0}
        startWith={{ filter: {} }}
        openEditor={(file, line) => opened.push([file, line])}
        reimport={async () => null}
      />,
    );
    await tick();
    await press(stdin, 'e');
    expect(opened).toEqual([[grill.store.decks.get('kinds')?.sourcePath, 6]]);
    expect(await until(lastFrame, (f) => f.includes('saved and re-imported'))).toContain(
      'saved and re-imported',
    );
  });

  it('home: starts a session for one deck from the picker, and opens stats', async () => {
    const { grill } = grillWithKinds();
    grills.push(grill);
    const { stdin, lastFrame } = render(
      <App grill={grill} clock={() => T0} openEditor={() => {}} reimport={async () => null} />,
    );
    await tick();
    expect(await until(lastFrame, (f) => f.includes('4 new'))).toContain('4 new');
    await press(stdin, 's');
    expect(await until(lastFrame, (f) => f.includes('Reviews, last 26 weeks'))).toContain(
      'Reviews, last 26 weeks',
    );
    await press(stdin, '\u001b');
    await press(stdin, 'd');
    expect(await until(lastFrame, (f) => f.includes('› kinds  Every kind'))).toContain('› kinds  Every kind');
    await press(stdin, '\r');
    expect(await until(lastFrame, (f) => f.includes('What does idempotent mean?'))).toContain(
      'What does idempotent mean?',
    );
  });
});
