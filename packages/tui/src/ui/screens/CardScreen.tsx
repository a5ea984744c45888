import type { Card } from '@grill/core';
import { Box, Text } from 'ink';
import type { CardUiState } from '../card-reducer.js';
import { Markdown } from '../components/Markdown.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { RatingBar } from '../components/RatingBar.js';
import type { CurrentCard } from '../session.js';

export interface CardScreenProps {
  readonly current: CurrentCard;
  readonly ui: CardUiState;
  readonly done: number;
  readonly remaining: number;
  readonly width: number;
  readonly now: number;
  readonly message: string | null;
}

/** One card: header and progress, the prompt, the kind's input, then the answer and ratings. */
export function CardScreen({ current, ui, done, remaining, width, now, message }: CardScreenProps) {
  const card = current.card.content;
  const revealed = ui.phase === 'revealed';
  return (
    <Box flexDirection="column" width={width}>
      <Box justifyContent="space-between" flexWrap="wrap">
        <Text>
          <Text color="magenta" bold>
            {card.deckId}
          </Text>
          <Text
            dimColor
          >{` · ${card.kind}${current.entry.kind === 'new' ? ' · new' : ''}${card.tags.length ? ` · ${card.tags.join(', ')}` : ''}`}</Text>
        </Text>
        <ProgressBar done={done} remaining={remaining} width={width} />
      </Box>
      <Box marginTop={1} flexDirection="column">
        <Text bold wrap="wrap">
          {stripInline(card.title)}
        </Text>
        {card.body ? (
          <Box marginTop={1}>
            <Markdown source={card.body} width={width} />
          </Box>
        ) : null}
      </Box>
      <Box marginTop={1} flexDirection="column">
        <KindInput card={card} ui={ui} width={width} />
      </Box>
      {revealed ? <Revealed card={card} ui={ui} width={width} /> : null}
      <Box marginTop={1} flexDirection="column">
        {revealed ? (
          <RatingBar intervals={current.intervals} now={now} selected={ui.rating} />
        ) : (
          <Text dimColor>{questionHint(card)}</Text>
        )}
        {message ? <Text color="yellow">{message}</Text> : null}
        <Text dimColor>u undo · e edit · b bury · ! suspend · ? help · q quit</Text>
      </Box>
    </Box>
  );
}

/** What the parts of the card screen below the prompt are drawn from. */
interface CardPartProps {
  readonly card: Card;
  readonly ui: CardUiState;
  readonly width: number;
}

function questionHint(card: Card): string {
  if (card.kind === 'choice')
    return `press 1-${card.options.length} to ${card.multiple ? 'toggle options (choose all that apply)' : 'choose'}, Enter to submit`;
  if (card.kind === 'typed') return 'type your answer, Enter to submit, Esc to give up';
  if (card.kind === 'open') return 'answer out loud, then Space to reveal the rubric';
  return 'recall the answer, then Space to reveal';
}

function KindInput({ card, ui, width }: CardPartProps) {
  const revealed = ui.phase === 'revealed';
  if (card.kind === 'choice') {
    return (
      <Box flexDirection="column">
        {card.options.map((option, i) => {
          const picked = ui.chosen.includes(i);
          const mark = revealed ? (option.correct ? '✓' : picked ? '✗' : ' ') : picked ? '●' : '○';
          const color = revealed
            ? option.correct
              ? 'green'
              : picked
                ? 'red'
                : undefined
            : picked
              ? 'cyan'
              : undefined;
          return (
            <Box key={option.text}>
              <Text color={color}>{`${mark} ${i + 1}. `}</Text>
              <Markdown source={option.text} width={width - 6} />
            </Box>
          );
        })}
      </Box>
    );
  }
  if (card.kind === 'typed') {
    if (!revealed) {
      return (
        <Text>
          <Text color="cyan">{'› '}</Text>
          {ui.typed}
          <Text inverse> </Text>
        </Text>
      );
    }
    return (
      <Box flexDirection="column">
        <Text>
          {'your answer: '}
          <Text color={ui.correct ? 'green' : 'red'}>{ui.typed || '(none)'}</Text>
          {ui.correct ? ' ✓ right' : ' ✗ wrong'}
        </Text>
        <Text>
          {'accepted: '}
          <Text color="green" bold>
            {card.accept[0]}
          </Text>
          {card.accept.length > 1 ? (
            <Text dimColor>{` (also: ${card.accept.slice(1).join(', ')})`}</Text>
          ) : null}
        </Text>
      </Box>
    );
  }
  if (card.kind === 'open' && revealed) {
    return (
      <Box flexDirection="column">
        <Text bold>Rubric — tick what you covered (↑↓ move, Space tick):</Text>
        {card.rubric.map((point, i) => (
          <Box key={point}>
            <Text
              color={ui.cursor === i ? 'cyan' : undefined}
            >{`${ui.cursor === i ? '›' : ' '} [${ui.covered.includes(i) ? 'x' : ' '}] `}</Text>
            <Markdown source={point} width={width - 6} />
          </Box>
        ))}
        <Text
          dimColor
        >{`covered ${ui.covered.length} of ${card.rubric.length}: suggested rating below`}</Text>
      </Box>
    );
  }
  return null;
}

function Revealed({ card, ui, width }: CardPartProps) {
  return (
    <Box flexDirection="column" marginTop={1}>
      {card.kind === 'choice' ? (
        <Text color={ui.correct ? 'green' : 'red'}>{ui.correct ? '✓ right' : '✗ not quite'}</Text>
      ) : null}
      {card.answer ? (
        <Box flexDirection="column" borderStyle="round" borderColor="gray" paddingX={1}>
          <Markdown source={card.answer} width={width - 4} />
        </Box>
      ) : null}
      <Note label="Why it matters" color="yellow" text={card.why} />
      <Note label="Common mistake" color="red" text={card.mistake} />
    </Box>
  );
}

function Note({
  label,
  color,
  text,
}: {
  readonly label: string;
  readonly color: string;
  readonly text: string;
}) {
  if (!text) return null;
  return (
    <Text wrap="wrap">
      <Text color={color} bold>{`${label}: `}</Text>
      {stripInline(text)}
    </Text>
  );
}

/** Inline markdown shown as plain text in one-line spots (backticks and emphasis markers dropped). */
export function stripInline(md: string): string {
  return md.replace(/\*\*(.+?)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1');
}
