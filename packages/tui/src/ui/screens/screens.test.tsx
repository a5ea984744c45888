import type { Grill } from '@grill/core';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { grillWithKinds, T0 } from '../../test-support/deck-fixture.js';
import { type CardAction, cardReducer, initialCardUi } from '../card-reducer.js';
import { DrillSession } from '../session.js';
import { homeData, statsData } from '../view-data.js';
import { CardScreen } from './CardScreen.js';
import { HelpOverlay } from './HelpOverlay.js';
import { HomeScreen } from './HomeScreen.js';
import { PickerScreen } from './PickerScreen.js';
import { StatsScreen } from './StatsScreen.js';
import { SummaryScreen } from './SummaryScreen.js';

let grills: Grill[] = [];
afterEach(() => {
  for (const g of grills) g.close();
  grills = [];
});

function setup() {
  const env = grillWithKinds();
  grills.push(env.grill);
  return env.grill;
}

/** The card screen for the card with this id, after the given actions. */
function cardFrame(grill: Grill, id: string, actions: CardAction[], width = 80): string {
  const session = new DrillSession(grill, { keys: new Set([`kinds/${id}`]) }, () => T0);
  const current = session.current;
  if (!current) throw new Error(`no card ${id}`);
  const ui = actions.reduce((s, a) => cardReducer(current.card.content, s, a), initialCardUi);
  const { lastFrame } = render(
    <CardScreen current={current} ui={ui} done={1} remaining={3} width={width} now={T0} message={null} />,
  );
  return lastFrame() ?? '';
}

describe('card screen', () => {
  it('basic: prompt with deck, tags and progress; Space reveals answer, note and ratings with intervals', () => {
    const grill = setup();
    const question = cardFrame(grill, 'basic', []);
    expect(question).toContain('kinds · basic · new · intern');
    expect(question).toContain('1 done · 3 left');
    expect(question).toContain('What does idempotent mean?');
    expect(question).toContain('Space to reveal');
    expect(question).not.toContain('same effect');
    const revealed = cardFrame(grill, 'basic', [{ type: 'reveal' }]);
    expect(revealed).toContain('same effect as once');
    expect(revealed).toContain('Why it matters: Retries are safe.');
    expect(revealed).toMatch(/1 Again 1m · 2 Hard 6m · 3 Good 10m · 4 Easy \d+d/);
  });

  it('choice: numbered options, then right and wrong marked, Good pre-selected when right', () => {
    const grill = setup();
    expect(cardFrame(grill, 'choice', [{ type: 'toggle-option', index: 0 }])).toMatch(
      /● 1\. PUT[\s\S]*○ 2\. POST/,
    );
    const revealed = cardFrame(grill, 'choice', [
      { type: 'toggle-option', index: 0 },
      { type: 'toggle-option', index: 1 },
      { type: 'reveal' },
    ]);
    expect(revealed).toMatch(/✓ 1\. PUT[\s\S]*✗ 2\. POST[\s\S]*✓ 3\. DELETE/);
    expect(revealed).toContain('✗ not quite');
    expect(revealed).toContain('Enter = Again');
  });

  it('typed: shows the input, then whether it matched and the accepted answer', () => {
    const grill = setup();
    expect(cardFrame(grill, 'typed', [{ type: 'type', text: '40' }])).toContain('› 40');
    const revealed = cardFrame(grill, 'typed', [{ type: 'type', text: '409 conflict' }, { type: 'reveal' }]);
    expect(revealed).toContain('your answer: 409 conflict ✓ right');
    expect(revealed).toContain('accepted: 409 (also: 409 Conflict)');
    expect(revealed).toContain('Enter = Good');
  });

  it('open: the scenario, then the rubric as a checklist with a suggested rating', () => {
    const grill = setup();
    const question = cardFrame(grill, 'open', []);
    expect(question).toContain("reading 'url'");
    const revealed = cardFrame(grill, 'open', [
      { type: 'reveal' },
      { type: 'toggle-point' },
      { type: 'move', delta: 1 },
      { type: 'toggle-point' },
    ]);
    expect(revealed).toMatch(
      /\[x\] Read the logs first[\s\S]*› \[x\] Spot the missing config value[\s\S]*\[ \] Roll back/,
    );
    expect(revealed).toContain('covered 2 of 3');
    expect(revealed).toContain('Common mistake: Guessing before reading logs.');
    expect(revealed).toContain('Enter = Hard');
  });

  it('stays within 60 columns and survives huge, wide markdown', () => {
    const grill = setup();
    const frame = cardFrame(grill, 'open', [{ type: 'reveal' }], 60);
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });
});

describe('other screens', () => {
  it('home: today numbers, decks with counts, keys; "all done" with the next due time', () => {
    const grill = setup();
    const { lastFrame } = render(<HomeScreen data={homeData(grill, T0)} width={80} message={null} />);
    expect(lastFrame()).toContain('0 due · 0 learning · 4 new · 0 done today · streak 0 days');
    expect(lastFrame()).toMatch(/kinds\s+0\s+0\s+4\s+Every kind/);
    expect(lastFrame()).toContain('Enter start · d deck · t tag · s stats');
    for (const id of ['basic', 'choice', 'typed', 'open']) grill.answer(`kinds/${id}`, 4, T0);
    const done = render(<HomeScreen data={homeData(grill, T0 + 60_000)} width={80} message={null} />);
    expect(done.lastFrame()).toMatch(/all done for today — next card due in \d+d/);
    expect(done.lastFrame()).toContain('4 done today · streak 1 day');
    expect(done.lastFrame()).not.toContain('sync:');
    const synced = render(
      <HomeScreen data={homeData(grill, T0, 'http://127.0.0.1:8787')} width={80} message={null} />,
    );
    expect(synced.lastFrame()).toContain(
      'sync: http://127.0.0.1:8787 · never synced · 4 to push (grill sync)',
    );
  });

  it('summary: reviewed, correct %, time, due tomorrow, streak', () => {
    const { lastFrame } = render(
      <SummaryScreen summary={{ reviewed: 4, correct: 3, timeMs: 95_000 }} dueTomorrow={2} streak={5} />,
    );
    expect(lastFrame()).toMatch(/cards reviewed\s+4/);
    expect(lastFrame()).toMatch(/correct\s+75%/);
    expect(lastFrame()).toMatch(/time spent\s+2m/);
    expect(lastFrame()).toMatch(/due tomorrow\s+2/);
    expect(lastFrame()).toMatch(/streak\s+5 days/);
  });

  it('stats: heatmap, forecast, retention per deck and tag, weakest cards', () => {
    const grill = setup();
    const day = 86_400_000;
    grill.answer('kinds/basic', 3, T0);
    grill.answer('kinds/basic', 3, T0 + 600_000);
    for (let i = 1; i <= 3; i++) grill.answer('kinds/basic', 1, grill.state('kinds/basic').due + 1000);
    grill.answer('kinds/choice', 4, T0);
    grill.answer('kinds/choice', 3, T0 + 30 * day);
    const { lastFrame } = render(<StatsScreen data={statsData(grill, T0 + 31 * day)} width={80} />);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('Reviews, last 26 weeks');
    expect(frame).toMatch(/Due, next 30 days \(max \d+\/day\)/);
    expect(frame).toMatch(/\d+%\s+kinds \(\d+\)/);
    expect(frame).toMatch(/\d+%\s+intern \(\d+\)/);
    expect(frame).toContain('per tag');
    expect(frame).toMatch(/1 lapse\s+kinds\/basic — What does idempotent mean\?/);
  });

  it('picker and help overlay', () => {
    const picker = render(
      <PickerScreen title="Drill one deck" items={['a  A', 'b  B', 'c  C']} index={1} height={20} />,
    );
    expect(picker.lastFrame()).toMatch(/ {2}a {2}A\n› b {2}B/);
    const help = render(<HelpOverlay />);
    expect(help.lastFrame()).toContain('undo the last answer');
    expect(help.lastFrame()).toContain('1-4');
  });
});
