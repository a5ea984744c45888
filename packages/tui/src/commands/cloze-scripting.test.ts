import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOZE_DECK, deckDir } from '../test-support/deck-fixture.js';
import { grill, tempDir } from '../test-support/run-grill.js';

const NOW = '2026-03-02T09:00:00Z';

function env() {
  const home = tempDir('grill-cloze-');
  const content = deckDir(CLOZE_DECK);
  const run = (args: string[], now = NOW) => grill(args, { home, now, env: { GRILL_CONTENT: content } });
  const json = async (args: string[], now = NOW) => {
    const r = await run([...args, '--json'], now);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout);
  };
  return { run, json };
}

describe('scripting with cloze cards', () => {
  it('grill next shows the question with the asked deletion blanked, and what it hides apart', async () => {
    const { run, json } = env();
    expect(await json(['next'])).toMatchObject({
      key: 'cloze/idem/c1',
      kind: 'cloze',
      title: 'Idempotent methods',
      body: 'A method is [a property] when repeating it changes nothing more:\n`PUT` and DELETE are, `POST` is not.',
      cloze: 1,
      answers: ['idempotent'],
      typed: false,
      filled:
        'A method is idempotent when repeating it changes nothing more:\n`PUT` and DELETE are, `POST` is not.',
      answer: 'Retries rely on it.',
      queue: 'new',
    });
    const text = (await run(['next'])).stdout;
    expect(text).toMatch(/^cloze\/idem\/c1 {2}\[cloze\] {2}intern\n/);
    expect(text).toContain('A method is [a property] when');
    expect(text).not.toContain('idempotent');
  });

  it('grill review answers each number; --typed is taken only by a card with typed: yes', async () => {
    const { run, json } = env();
    expect(await json(['review', 'cloze/idem/c2', '--rating', 'good'])).toMatchObject({
      card: 'cloze/idem/c2',
      rating: 'good',
    });
    const refused = await run(['review', 'cloze/idem/c1', '--rating', 'good', '--typed', 'idempotent']);
    expect(refused.stderr).toBe(
      'grill: --typed is for typed cards and cloze cards with typed: yes; cloze/idem/c1 is a cloze card without it\n',
    );
    expect(refused.status).toBe(1);
    expect(await json(['review', 'cloze/zero/c1', '--rating', 'again', '--typed', 'null'])).toMatchObject({
      rating: 'again',
    });
    expect(await json(['history'])).toMatchObject([
      { card: 'cloze/idem/c2', rating: 3 },
      { card: 'cloze/zero/c1', rating: 1, detail: { typed: 'null' } },
    ]);
    // idem/c2 was answered today: its sibling c1 (which shows c2's answer filled in) waits for
    // tomorrow, as Anki buries siblings; zero/c1's relearning step comes.
    expect(await json(['next'])).toMatchObject({ key: 'cloze/zero/c1', queue: 'learning' });
    expect(await json(['decks'])).toMatchObject([{ id: 'cloze', cards: 3, kinds: { cloze: 3, basic: 0 } }]);
  });

  it('grill lint reports cloze problems at file:line:col with the expected form', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'bad.md');
    writeFileSync(
      file,
      '---\nid: bad\ntitle: Bad\n---\n\n## Q {#q}\nkind: cloze\n\nIt is {{c1::idempotent.\nAnd {{c0::x}} or {{c2::}}.\n',
    );
    const r = await grill(['lint', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${file}:9:7: cloze deletion is never closed\n  hint: end it with }}`);
    expect(r.stdout).toContain(
      `${file}:10:5: cloze number "c0" is not valid\n  hint: number deletions c1 to c99`,
    );
    expect(r.stdout).toContain(`${file}:10:18: cloze deletion hides nothing`);
  });
});
