import { afterEach, describe, expect, it } from 'vitest';
import { DAY, grillWith, MINUTE, T0 } from '../test-support/fixtures.js';
import type { Grill } from './grill.js';
import { dailyQueue } from './queue.js';

const open: Grill[] = [];
afterEach(() => {
  for (const g of open.splice(0)) g.close();
});

const DECK = `---\nid: http\ntitle: HTTP\n---\n
## Idempotency {#idem}
kind: cloze

{{c1::PUT}} and {{c2::DELETE}} are idempotent; {{c3::POST}} is not.

### Answer
Retries.

## Plain one {#p1}

### Answer
x

## Plain two {#p2}

### Answer
y
`;

const keys = (grill: Grill, now: number) => dailyQueue(grill, now).entries.map((e) => e.cardKey);

describe('the numbers of one cloze card (siblings)', () => {
  it('one a day: the first in queue order; one answered today holds the others back until tomorrow', () => {
    const { grill } = grillWith({ 'http.md': DECK });
    open.push(grill);
    grill.ensureTimeZone(T0, 'UTC');
    // New: only c1 of the three, and the plain cards as usual.
    expect(keys(grill, T0)).toEqual(['http/idem/c1', 'http/p1', 'http/p2']);
    grill.answer('http/idem/c1', 3, T0);
    // c1 is in learning: c2 would show the answer just given, so it waits for tomorrow.
    expect(keys(grill, T0 + 11 * MINUTE)).toEqual(['http/idem/c1', 'http/p1', 'http/p2']);
    grill.answer('http/idem/c1', 4, T0 + 11 * MINUTE);
    expect(keys(grill, T0 + 12 * MINUTE)).toEqual(['http/p1', 'http/p2']);
    // Tomorrow: the next number.
    expect(keys(grill, T0 + DAY)).toEqual(['http/idem/c2', 'http/p1', 'http/p2']);
    grill.answer('http/idem/c2', 3, T0 + DAY);
    grill.answer('http/idem/c2', 3, T0 + DAY + 11 * MINUTE);
    expect(keys(grill, T0 + DAY + 12 * MINUTE)).toEqual(['http/p1', 'http/p2']);
    // Due reviews of two siblings on one day: the one with the lower predicted recall comes.
    const later = T0 + 60 * DAY;
    const queue = keys(grill, later);
    expect(queue.filter((k) => k.startsWith('http/idem/'))).toHaveLength(1);
    expect(queue).toContain('http/p1');
  });
});

describe('the numbers of one cloze card in exam mode', () => {
  it('come together when the days before the review-only days run short, and are all reviewed within them', () => {
    const { grill } = grillWith({ 'http.md': DECK });
    open.push(grill);
    grill.ensureTimeZone(T0, 'UTC');
    const day = (n: number) => new Date(T0 + n * DAY).toISOString().slice(0, 10);
    // Interview in 5 days, 3 of them review-only: 2 days left for 3 unseen numbers.
    grill.setSetting('interview-date', day(5), T0);
    expect(keys(grill, T0)).toEqual(['http/idem/c1', 'http/idem/c2', 'http/idem/c3', 'http/p1', 'http/p2']);
    // With 3 days left for 3 numbers there is no day to spare either; with 4, one a day as usual.
    grill.setSetting('interview-date', day(6), T0);
    expect(keys(grill, T0)).toContain('http/idem/c3');
    grill.setSetting('interview-date', day(7), T0);
    expect(keys(grill, T0).filter((k) => k.startsWith('http/idem/'))).toEqual(['http/idem/c1']);
    // In the review-only days (3 to 5 before an interview on day 6) every number due is reviewed,
    // siblings or not: answered today, they all fall due within those days.
    grill.setSetting('interview-date', day(6), T0);
    for (const n of [1, 2, 3]) grill.answer(`http/idem/c${n}`, 4, T0 + n * MINUTE);
    for (const n of [1, 2, 3]) expect(grill.state(`http/idem/c${n}`).due).toBeLessThan(T0 + 6 * DAY);
    const lastReviewDay = dailyQueue(grill, T0 + 5 * DAY + MINUTE).entries.map((e) => e.cardKey);
    expect(lastReviewDay.filter((k) => k.startsWith('http/idem/'))).toHaveLength(3);
  });
});
