import { describe, expect, it } from 'vitest';
import type { HomeData } from '../view-data.js';
import { homeLines } from './screen-lines.js';
import { width } from './text.js';

const home = (interview: HomeData['interview']): HomeData => ({
  due: 200,
  learning: 12,
  newAvailable: 0,
  reviewsToday: 0,
  streak: 19,
  nextDueInMs: null,
  decks: [{ id: 'system-design-intern', title: 'System design', learning: 1, review: 100, new: 0 }],
  tags: [],
  sync: null,
  studyAhead: null,
  interview,
});

const interview = (
  over: Partial<NonNullable<HomeData['interview']>>,
): NonNullable<HomeData['interview']> => ({
  date: '2027-03-31',
  daysLeft: 121,
  reviewOnly: false,
  unseen: 0,
  recall: 0.42,
  decks: { 'system-design-intern': 0.42 },
  minutesToday: 125,
  ...over,
});

describe('home: the interview countdown', () => {
  for (const cols of [60, 72, 100]) {
    it(`keeps the countdown on one line at ${cols} columns, with the most it can say`, () => {
      for (const i of [
        interview({}),
        interview({ daysLeft: 2, reviewOnly: true, unseen: 276 }),
        interview({ daysLeft: 1, reviewOnly: true }),
      ]) {
        const lines = homeLines(home(i), cols, false);
        for (const line of lines) expect(width(line), line).toBeLessThanOrEqual(cols);
        const countdown = lines.find((l) => l.startsWith('interview'));
        expect(countdown).toMatch(/^interview (in \d+ days|tomorrow)( \(2027-03-31\))? · ready 42% · /);
        if (i.unseen > 0) expect(countdown).toContain('276 unseen');
        if (!i.reviewOnly) expect(countdown).toContain('125 min today');
      }
    });
  }

  it('shows the date and the way to see unseen cards where there is room', () => {
    const wide = homeLines(home(interview({ daysLeft: 2, reviewOnly: true, unseen: 276 })), 100, false);
    expect(wide).toContain(
      'interview in 2 days (2027-03-31) · ready 42% · review only: 276 unseen wait (grill drill --cram)',
    );
  });
});
