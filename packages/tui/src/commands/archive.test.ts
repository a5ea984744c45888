// `grill export`, `grill export --revlog-csv` and `grill import-archive`, as the built binary.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deckDir } from '../test-support/deck-fixture.js';
import { runGrill, tempDir } from '../test-support/run-grill.js';

const NOW = '2026-03-02T09:00:00Z';
const OWN = `---
id: net
title: Networking
---

## What does TCP's handshake exchange? {#handshake}

### Answer
SYN, SYN-ACK, ACK.
`;

describe('grill export and import-archive', () => {
  it('moves a home to a new machine: own decks, answers and settings; the bundled decks stay out', async () => {
    const content = deckDir(); // stands for the bundled decks
    const work = tempDir('grill-archive-');
    mkdirSync(path.join(work, 'mine'));
    writeFileSync(path.join(work, 'mine/net.md'), OWN);
    const home = path.join(work, 'home');
    const run = (args: string[], h = home) =>
      runGrill(args, { home: h, now: NOW, cwd: work, env: { GRILL_CONTENT: content } });
    expect((await run(['import', 'mine'])).status).toBe(0);
    expect((await run(['review', 'net/handshake', '--rating', 'good', '--duration', '4000'])).status).toBe(0);
    expect((await run(['config', 'set', 'retention', '0.85'])).status).toBe(0);

    const exported = await run(['export']);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toMatch(
      /^wrote grill-2026-03-02\.zip: 1 deck of your own, \d+ events \(every answer and setting; the bundled decks come with grill\)\n$/,
    );
    const again = await run(['export']);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(
      'grill: grill-2026-03-02.zip already exists: nothing written (--force overwrites it)\n',
    );
    expect((await run(['export', '--force', '--json'])).stdout).toContain('"events"');
    const folder = await run(['export', '--out', 'mine', '--force']);
    expect(folder.stderr).toBe('grill: --out mine is a folder: name the file to write\n');

    const newHome = path.join(work, 'new-home');
    const restored = await run(['import-archive', 'grill-2026-03-02.zip'], newHome);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toBe(
      `restored ${exported.stdout.match(/(\d+) events/)?.[1]} events and 1 deck of your own (files in ${path.join(newHome, 'decks')})\n`,
    );
    expect(readFileSync(path.join(newHome, 'decks/net.md'), 'utf8')).toBe(OWN);
    expect((await run(['config', 'get', 'retention'], newHome)).stdout).toBe('0.85\n');
    // The same card, state and history; only the deck file's place differs.
    const show = async (h: string) => {
      const { source, ...card } = JSON.parse((await run(['show', 'net/handshake', '--json'], h)).stdout);
      return { ...card, line: source.line };
    };
    expect(await show(newHome)).toEqual(await show(home));
    // The bundled decks came with grill on the new machine, and their cards are there.
    expect((await run(['cards', '--json'], newHome)).stdout).toBe((await run(['cards', '--json'])).stdout);

    // Into a home with a review log: refused, nothing changed.
    const twice = await run(['import-archive', 'grill-2026-03-02.zip'], newHome);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toMatch(/^grill: this home already has a review log \(\d+ events\)/);
    const notAnArchive = await run(['import-archive', 'mine/net.md'], path.join(work, 'third'));
    expect(notAnArchive.stderr).toBe('grill: mine/net.md: not a grill archive (not a zip file)\n');
    expect(existsSync(path.join(work, 'third/decks'))).toBe(false);
    // Twenty runs of the binary: seconds alone, a minute on a busy machine.
  }, 120_000);

  it('--revlog-csv writes the answers in the FSRS optimizer’s columns, to a file or to stdout', async () => {
    const content = deckDir(OWN);
    const home = tempDir('grill-csv-');
    const run = (args: string[], now = NOW) =>
      runGrill(args, { home, now, cwd: home, env: { GRILL_CONTENT: content } });
    await run(['review', 'net/handshake', '--rating', 'again', '--duration', '7000']);
    await run(['review', 'net/handshake', '--rating', 'good', '--duration', '3000'], '2026-03-02T09:05:00Z');
    const csv = await run(['export', '--revlog-csv', '--out', '-']);
    expect(csv.stdout).toBe(
      [
        'card_id,review_time,review_rating,review_state,review_duration',
        `1,${Date.parse(NOW)},1,0,7000`,
        `1,${Date.parse('2026-03-02T09:05:00Z')},3,1,3000`,
        '',
      ].join('\n'),
    );
    const file = await run(['export', '--revlog-csv']);
    expect(file.stdout).toBe(
      'wrote grill-revlog-2026-03-02.csv: 2 answers on 1 card (the FSRS optimizer’s CSV)\n',
    );
    expect(readFileSync(path.join(home, 'grill-revlog-2026-03-02.csv'), 'utf8')).toBe(csv.stdout);
  });
});
