import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editorArgs, firstWord, openInEditor } from './editor.js';
import { tempDir } from './test-support/run-grill.js';

/**
 * A fake editor: a small sh script that records its arguments, one a line, in $RECORD, then
 * runs `body` (with the file, its last argument, in $f).
 */
function fakeEditor(dir: string, name: string, body = ''): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\nprintf '%s\\n' "$@" > "$RECORD"\nfor f; do :; done\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

function setup() {
  const dir = tempDir('grill-editor-');
  const deck = path.join(dir, 'my deck.md');
  writeFileSync(deck, '---\nid: d\ntitle: D\n---\n');
  const record = path.join(dir, 'argv.txt');
  const env = (vars: Record<string, string>) => ({ PATH: process.env.PATH ?? '', RECORD: record, ...vars });
  const argv = () => (existsSync(record) ? readFileSync(record, 'utf8').split('\n').slice(0, -1) : null);
  return { dir, deck, env, argv };
}

describe.skipIf(process.platform === 'win32')('openInEditor', () => {
  it('runs an editor with arguments through the shell and reports a changed file', () => {
    const { dir, deck, env, argv } = setup();
    const editor = fakeEditor(dir, 'fake-editor', 'echo "## New {#new}" >> "$f"');
    expect(openInEditor(deck, 12, env({ EDITOR: `${editor} --flag 'two words'` }))).toEqual({
      ok: true,
      changed: true,
    });
    expect(argv()).toEqual(['--flag', 'two words', deck]);
    expect(readFileSync(deck, 'utf8')).toContain('## New {#new}');
  });

  it('finds the editor by a quoted path with a space and opens vi-like editors at +LINE', () => {
    const { dir, deck, env, argv } = setup();
    const editor = fakeEditor(path.join(dir, 'my editors'), 'vim');
    expect(openInEditor(deck, 7, env({ EDITOR: `"${editor}" -u NONE` }))).toEqual({
      ok: true,
      changed: false,
    });
    expect(argv()).toEqual(['-u', 'NONE', '+7', deck]);
  });

  it('opens VS Code-like editors with --goto FILE:LINE and Sublime-like ones with FILE:LINE', () => {
    const { dir, deck, env, argv } = setup();
    openInEditor(deck, 3, env({ EDITOR: `${fakeEditor(dir, 'code')} --wait` }));
    expect(argv()).toEqual(['--wait', '--goto', `${deck}:3`]);
    openInEditor(deck, 4, env({ EDITOR: fakeEditor(dir, 'subl') }));
    expect(argv()).toEqual([`${deck}:4`]);
  });

  it('prefers $VISUAL over $EDITOR', () => {
    const { dir, deck, env, argv } = setup();
    const visual = fakeEditor(dir, 'nano');
    const editor = fakeEditor(dir, 'other', 'exit 1');
    expect(openInEditor(deck, 2, env({ VISUAL: visual, EDITOR: editor }))).toEqual({
      ok: true,
      changed: false,
    });
    expect(argv()).toEqual(['+2', deck]);
  });

  it('falls back to vi when neither is set', () => {
    const { dir, deck, env, argv } = setup();
    const bin = path.join(dir, 'bin');
    fakeEditor(bin, 'vi');
    expect(openInEditor(deck, 9, { ...env({}), PATH: `${bin}:${process.env.PATH}` })).toEqual({
      ok: true,
      changed: false,
    });
    expect(argv()).toEqual(['+9', deck]);
  });

  it('says so when the editor does not exist', () => {
    const { deck, env } = setup();
    expect(openInEditor(deck, 1, env({ EDITOR: '/no/such/editor --wait' }))).toEqual({
      ok: false,
      message: 'editor "/no/such/editor" not found (set $VISUAL or $EDITOR)',
    });
  });

  it('reports a failing editor and does not claim a change', () => {
    const { dir, deck, env } = setup();
    const editor = fakeEditor(dir, 'vim', 'echo junk >> "$f"; exit 3');
    expect(openInEditor(deck, 1, env({ EDITOR: editor }))).toEqual({
      ok: false,
      message: 'editor exited with status 3; nothing re-imported',
    });
  });

  it('reports an editor killed by a signal', () => {
    const { dir, deck, env } = setup();
    const editor = fakeEditor(dir, 'vim', 'kill -KILL $$');
    expect(openInEditor(deck, 1, env({ EDITOR: editor }))).toEqual({
      ok: false,
      message: 'editor was killed by SIGKILL; nothing re-imported',
    });
  });

  it('reports changed: false when the file is written back unchanged', () => {
    const { dir, deck, env } = setup();
    const editor = fakeEditor(dir, 'vim', 'cp "$f" "$f.tmp" && mv "$f.tmp" "$f"');
    expect(openInEditor(deck, 1, env({ EDITOR: editor }))).toEqual({ ok: true, changed: false });
  });
});

describe('editorArgs and firstWord', () => {
  it('picks the line syntax by editor name, and only the file for unknown editors', () => {
    expect(editorArgs('hx', 'a.md', 5)).toEqual(['+5', 'a.md']);
    expect(editorArgs('cursor', 'a.md', 5)).toEqual(['--goto', 'a.md:5']);
    expect(editorArgs('zed', 'a.md', 5)).toEqual(['a.md:5']);
    expect(editorArgs('ed', 'a.md', 5)).toEqual(['a.md']);
  });

  it('unquotes the program of an editor command line', () => {
    expect(firstWord('  code --wait')).toBe('code');
    expect(firstWord('"/my apps/vim" -u NONE')).toBe('/my apps/vim');
    expect(firstWord("'/a b/ed'")).toBe('/a b/ed');
    expect(firstWord('/a\\ b/ed -x')).toBe('/a b/ed');
  });
});
