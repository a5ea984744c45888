import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CardView, formatCardView } from '../card-view.js';
import { grill, tempDir } from '../test-support/run-grill.js';

const NOW = '2026-03-02T09:00:00Z';
const DECK =
  '---\nid: mini\ntitle: Mini\ntags: [http]\n---\n\n## First? {#one}\ntags: intern\n\n### Answer\nOne.\n\n## Second? {#two}\n\n### Answer\nTwo.\n';
// biome-ignore lint/suspicious/noControlCharactersInRegex: a raw control character in output is the bug
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function env() {
  const home = tempDir('grill-home-');
  const content = tempDir('grill-content-');
  writeFileSync(path.join(content, 'mini.md'), DECK);
  const run = (args: string[]) => grill(args, { home, now: NOW, env: { GRILL_CONTENT: content } });
  return { run };
}

describe('usage errors', () => {
  it('names an unknown command, suggesting a close one, with exit 2', async () => {
    const { run } = env();
    const cases: [string[], string][] = [
      [['frobnicate'], "grill: unknown command 'frobnicate'\n(see grill --help)\n"],
      [['revew'], "grill: unknown command 'revew' (did you mean review?)\n(see grill --help)\n"],
      [
        ['revew', 'mini/one', '--rating', 'good'],
        "grill: unknown command 'revew' (did you mean review?)\n(see grill --help)\n",
      ],
      [
        ['config', 'sett', 'retention', '0.8'],
        "grill: unknown command 'sett' (did you mean set?)\n(see grill config --help)\n",
      ],
      [['help', 'revew'], "grill: unknown command 'revew' (did you mean review?)\n(see grill --help)\n"],
      [['--frobnicate'], "grill: unknown option '--frobnicate'\n(see grill --help)\n"],
      [['config'], 'grill: missing command: grill config get|set|unset\n(see grill config --help)\n'],
      [['config', '--json'], "grill: unknown option '--json'\n(see grill config --help)\n"],
    ];
    for (const [args, stderr] of cases) {
      const r = await run(args);
      expect([r.status, r.stderr, r.stdout], args.join(' ')).toEqual([2, stderr, '']);
    }
  });

  it('names a missing card before a missing option, and shows what the command needs', async () => {
    const { run } = env();
    const cases: [string[], string][] = [
      [['review'], 'grill: missing card: grill review CARD --rating RATING\n(see grill review --help)\n'],
      [
        ['review', '--rating', 'good'],
        'grill: missing card: grill review CARD --rating RATING\n(see grill review --help)\n',
      ],
      [
        ['review', 'mini/one'],
        'grill: missing --rating: grill review CARD --rating RATING\n(see grill review --help)\n',
      ],
      [['bury'], 'grill: missing card: grill bury CARD\n(see grill bury --help)\n'],
      [
        ['config', 'set', 'retention'],
        'grill: missing value: grill config set KEY VALUE\n(see grill config set --help)\n',
      ],
      [['due', 'extra'], "grill: unexpected argument 'extra': grill due\n(see grill due --help)\n"],
      [['lint', '--frobnicate'], "grill: unknown option '--frobnicate'\n(see grill lint --help)\n"],
    ];
    for (const [args, stderr] of cases) {
      const r = await run(args);
      expect([r.status, r.stderr], args.join(' ')).toEqual([2, stderr]);
    }
    expect((await run(['history', '--json'])).stdout).toBe('[]\n');
  });

  it('prints help for grill help, grill help COMMAND and grill help config set, exit 0', async () => {
    const cases: [string[], string][] = [
      [['help'], 'Usage: grill [options] [command]'],
      [['help', 'review'], 'Usage: grill review [options] <card>'],
      [['help', 'config'], 'Usage: grill config [options] [command]'],
      [['help', 'config', 'set'], 'Usage: grill config set [options] <key> <value>'],
    ];
    for (const [args, usage] of cases) {
      const r = await grill(args);
      expect([r.status, r.stderr], args.join(' ')).toEqual([0, '']);
      expect(r.stdout.startsWith(usage), r.stdout).toBe(true);
    }
    expect((await grill(['help'])).stdout).toContain('help [command...]');
  });

  it('keeps --help working on every command', async () => {
    const commands = [
      [],
      ['drill'],
      ['lint'],
      ['import'],
      ['decks'],
      ['due'],
      ['next'],
      ['review'],
      ['undo'],
      ['suspend'],
      ['unsuspend'],
      ['bury'],
      ['history'],
      ['stats'],
      ['config'],
      ['config', 'get'],
      ['config', 'set'],
      ['config', 'unset'],
      ['login'],
      ['sync'],
      ['reschedule'],
      ['logout'],
      ['backup'],
      ['doctor'],
      ['help'],
    ];
    for (const words of commands) {
      const r = await grill([...words, '--help']);
      expect([r.status, r.stderr], words.join(' ')).toEqual([0, '']);
      expect(r.stdout).toMatch(new RegExp(`^Usage: ${['grill', ...words].join(' ')} `));
    }
  });
});

describe('--tag', () => {
  it('is an error when no card has the tag, like an unknown --deck', async () => {
    const { run } = env();
    const r = await run(['next', '--tag', 'nosuch']);
    expect([r.status, r.stderr, r.stdout]).toEqual([1, 'grill: unknown tag "nosuch" (no card has it)\n', '']);
    // The drill checks its options before it asks for a terminal.
    const drill = await run(['drill', '--tag', 'nosuch']);
    expect([drill.status, drill.stderr]).toEqual([1, 'grill: unknown tag "nosuch" (no card has it)\n']);
    const json = await run(['next', '--tag', 'nosuch', '--json']);
    expect([json.status, json.stderr]).toEqual([1, 'grill: unknown tag "nosuch" (no card has it)\n']);
    // A tag typed in capitals, or as the plural of one that exists: the one meant is named.
    for (const typed of ['INTERN', 'interns'])
      expect((await run(['cards', '--tag', typed])).stderr).toBe(
        `grill: unknown tag "${typed}" (did you mean intern?)\n`,
      );
  });

  it('filters by a card tag or a deck tag', async () => {
    const { run } = env();
    expect(JSON.parse((await run(['next', '--tag', 'intern', '--json'])).stdout)).toMatchObject({
      key: 'mini/one',
    });
    expect(JSON.parse((await run(['next', '--tag', 'http', '--json'])).stdout)).toMatchObject({
      key: 'mini/one',
    });
  });
});

describe('setting values', () => {
  it('says what a setting accepts, in grill words', async () => {
    const { run } = env();
    const cases: [string[], string][] = [
      [['retention', '2'], 'retention must be a number from 0.7 to 0.99, not "2"'],
      [['new-per-day', '1.5'], 'new-per-day must be a whole number from 0 to 9999, not "1.5"'],
      [
        ['learning-steps', '1m 10'],
        'learning-steps must be whole minutes, hours or days, each longer than the one before, like 1m 10m 1h 1d (1.5h is taken as 90m), not "1m 10"',
      ],
    ];
    for (const [args, message] of cases) {
      const r = await run(['config', 'set', ...args]);
      expect([r.status, r.stderr]).toEqual([1, `grill: ${message}\n`]);
    }
  });
});

describe('untrusted deck text', () => {
  // A heading with a screen clear, a body with a colour and a window-title sequence, and a bare
  // CR in a heading and in a body: each is reported where an editor shows it.
  const EVIL = [
    '---',
    'id: evil',
    'title: Evil \x1b[2Jdeck',
    '---',
    '',
    '## Clear \x1b[2Jthe screen {#clear}',
    '',
    'Body in \x1b[31mred and a \x1b]0;pwned\x07 title.',
    '',
    '### Answer',
    'Fine.',
    '',
    '## Carriage\rreturn {#cr}',
    '',
    'Over\rwrite.',
    '',
    '### Answer',
    'A.',
    '',
  ].join('\n');
  const FOUND = [
    '3:13 U+001B (ESC)',
    '6:10 U+001B (ESC)',
    '8:9 U+001B (ESC)',
    '8:24 U+001B (ESC)',
    '8:33 U+0007 (BEL)',
    '13:12 U+000D (CR)',
    '15:5 U+000D (CR)',
  ];

  function evilDeck(): { dir: string; file: string } {
    const dir = tempDir('grill-evil-');
    mkdirSync(path.join(dir, 'decks'));
    const file = path.join(dir, 'decks', 'evil.md');
    writeFileSync(file, EVIL);
    return { dir, file };
  }

  it('grill lint reports every control character at line:col, exit 1, without echoing any', async () => {
    const { file } = evilDeck();
    const json = await grill(['lint', '--json', file]);
    expect(json.status).toBe(1);
    const problems = JSON.parse(json.stdout) as {
      line: number;
      column: number;
      code: string;
      message: string;
    }[];
    expect(
      problems
        .filter((p) => p.code === 'control-character')
        .map(
          (p) => `${p.line}:${p.column} ${p.message.replace(/^control character (.+) in deck text$/, '$1')}`,
        ),
    ).toEqual(FOUND);
    const text = await grill(['lint', file]);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain(
      `${file}:6:10: control character U+001B (ESC) in deck text\n  hint: remove it; deck text is shown in terminals`,
    );
    expect(text.stdout).not.toMatch(RAW_CONTROL);
    expect(text.stderr).not.toMatch(RAW_CONTROL);
  });

  it('grill import refuses such a deck', async () => {
    const { run } = env();
    const { file } = evilDeck();
    const r = await run(['import', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^grill: \d+ problems in deck files: nothing was imported\n$/);
    expect(r.stdout).toContain(`${file}:8:33: control character U+0007 (BEL)`);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(JSON.parse((await run(['decks', '--json'])).stdout).map((d: { id: string }) => d.id)).toEqual([
      'mini',
    ]);
  });

  it('shows deck text from files made inert in plain output and exact in JSON', async () => {
    const { file } = evilDeck();
    const plain = await grill(['decks', file]);
    expect(plain.stdout).toContain('Evil ␛[2Jdeck');
    expect(plain.stdout).not.toMatch(RAW_CONTROL);
    expect(plain.stderr).not.toMatch(RAW_CONTROL);
    const json = await grill(['decks', '--json', file]);
    expect(json.stdout).toContain('"title": "Evil \\u001b[2Jdeck"');
    expect(JSON.parse(json.stdout)).toMatchObject([{ id: 'evil', title: 'Evil \x1b[2Jdeck' }]);
  });

  it('shows a file name with control characters made inert', async () => {
    const dir = tempDir('grill-evil-');
    const file = path.join(dir, 'a\x1b[31m.md');
    writeFileSync(file, '---\nid: a\ntitle: A\n---\n\n## No id\n\n### Answer\nA\n');
    const r = await grill(['lint', file]);
    expect(r.stdout).toContain(`${path.join(dir, 'a␛[31m.md')}:6:1: card has no id`);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
  });

  it('echoes user input in error messages made inert', async () => {
    const { run } = env();
    for (const args of [
      ['next', '--deck', '\x1b]0;pwned\x07'],
      ['next', '--tag', '\x1b[2J'],
      ['config', 'set', 'retention', '\x1b[2J'],
      ['review', 'mini/\x1b[2J', '--rating', 'good'],
      ['\x1b[2J'],
      ['due', '\x1b[2J'],
    ]) {
      const r = await run(args);
      expect(r.status, JSON.stringify(args)).not.toBe(0);
      expect(r.stderr, JSON.stringify(args)).toContain('␛');
      expect(r.stderr).not.toMatch(RAW_CONTROL);
    }
  });

  it('formatCardView (grill next) makes every deck field inert', () => {
    const view = {
      key: 'evil/k\x1b[2J',
      deck: 'evil',
      kind: 'choice',
      title: 'Title \x1b]0;pwned\x07',
      body: 'Body \x1b[31mred\rover\r\nnext',
      options: [{ text: 'opt \x9b2J', correct: true }],
      multiple: false,
      answer: '',
      why: '',
      mistake: '',
      tags: ['t\x1b[1m'],
      source: { file: 'evil.md', line: 1 },
      state: { phase: 'new', due: null, reps: 0, lapses: 0, suspended: false, leech: false },
      intervals: { again: { due: NOW, interval: '1m' } },
    } as unknown as CardView;
    const text = formatCardView(view);
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).toBe(
      [
        'evil/k␛[2J  [choice]  t␛[1m',
        '',
        'Title ␛]0;pwned␇',
        '',
        'Body ␛[31mred␍over',
        'next',
        '',
        '  1. opt <U+009B>2J',
        '',
        '1 again 1m',
      ].join('\n'),
    );
  });

  it('takes GRILL_NOW only as an ISO instant with its zone and a real date', async () => {
    for (const bad of [
      '2026-02-30T10:00:00Z',
      '2026-03-02T09:00:00',
      '+275760-09-13T00:00:00Z',
      '1969-12-31T23:00:00Z',
    ]) {
      const r = await grill(['due'], { now: bad, home: tempDir('grill-home-') });
      expect([r.status, r.stderr], bad).toEqual([
        1,
        `grill: GRILL_NOW="${bad}" is not an ISO time with a zone between 1970 and 9999 (e.g. 2026-03-01T09:00:00Z or 2026-03-01T10:00:00+01:00)\n`,
      ]);
    }
    expect(
      (await grill(['due'], { now: '2026-03-02T10:00:00+01:00', home: tempDir('grill-home-') })).status,
    ).toBe(0);
  });

  it('reads GRILL_NOW=@FILE from the file at each reading, by the same rules', async () => {
    const file = path.join(tempDir('grill-clock-'), 'now');
    const home = tempDir('grill-home-');
    writeFileSync(file, '2026-03-02T09:00:00Z\n');
    const r = await grill(['stats', '--json'], { now: `@${file}`, home });
    expect(r.status, r.stderr).toBe(0);
    writeFileSync(file, 'tomorrow');
    expect((await grill(['due'], { now: `@${file}`, home })).stderr).toBe(
      `grill: GRILL_NOW="@${file}" is not an ISO time with a zone between 1970 and 9999 (e.g. 2026-03-01T09:00:00Z or 2026-03-01T10:00:00+01:00): the file holds "tomorrow"\n`,
    );
    const missing = await grill(['due'], { now: `@${file}.gone`, home });
    expect([missing.status, missing.stderr]).toEqual([
      1,
      `grill: GRILL_NOW="@${file}.gone": cannot read the file (ENOENT)\n`,
    ]);
  });
});
