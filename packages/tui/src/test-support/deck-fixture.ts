import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Grill } from '@grill/core';
import { importPaths } from '@grill/core/parse';
import { tempDir } from './run-grill.js';

/** One card of every kind, in this order: basic, choice (multiple), typed, open. */
export const ALL_KINDS_DECK = `---
id: kinds
title: Every kind
---

## What does idempotent mean? {#basic}
tags: intern

### Answer
Doing it **twice** has the same effect as once.

### Why it matters
Retries are safe.

## Which methods are idempotent? {#choice}
kind: choice
tags: intern

### Options
- [x] \`PUT\`
- [ ] \`POST\`
- [x] \`DELETE\`

### Answer
PUT and DELETE.

## Which status code means Conflict? {#typed}
kind: typed
tags: intern

### Accept
- 409
- 409 Conflict

### Answer
\`409 Conflict\`.

## The API returns 500 after a deploy. How do you debug it? {#open}
kind: open
tags: intern, scenario

\`\`\`text
ERROR TypeError: Cannot read properties of undefined (reading 'url')
\`\`\`

### Rubric
- Read the logs first
- Spot the missing config value
- Roll back or fix the config

### Answer
The config value is missing in production.

### Common mistake
Guessing before reading logs.
`;

/**
 * Cloze cards: `idem` asks two numbers (c1 with a hint, c2 twice, one in a code span), `zero` is
 * typed and blanks code in a code block.
 */
export const CLOZE_DECK = `---
id: cloze
title: Cloze
---

## Idempotent methods {#idem}
tags: intern
kind: cloze

A method is {{c1::idempotent::a property}} when repeating it changes nothing more:
{{c2::\`PUT\`}} and {{c2::DELETE}} are, \`POST\` is not.

### Answer
Retries rely on it.

## Go zero values {#zero}
kind: cloze
typed: yes

\`\`\`go
var m map[string]int // m == {{c1::nil}}
\`\`\`
`;

export const T0 = Date.parse('2026-03-02T09:00:00Z');

export function deckDir(text = ALL_KINDS_DECK): string {
  const dir = tempDir('grill-tui-content-');
  writeFileSync(path.join(dir, 'kinds.md'), text);
  return dir;
}

export function grillWithKinds(now = T0): { grill: Grill; home: string; content: string } {
  const home = tempDir('grill-tui-home-');
  const content = deckDir();
  const grill = Grill.open(home);
  importPaths(grill, [content], now);
  return { grill, home, content };
}
