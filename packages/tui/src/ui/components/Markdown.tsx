import { Text } from 'ink';
import { useMemo } from 'react';
import { renderMarkdown } from '../markdown.js';

export interface MarkdownProps {
  readonly source: string;
  readonly width: number;
}

/** Markdown rendered for the terminal, wrapped to the width. */
export function Markdown({ source, width }: MarkdownProps) {
  const rendered = useMemo(() => renderMarkdown(source, width), [source, width]);
  return <Text>{rendered}</Text>;
}
