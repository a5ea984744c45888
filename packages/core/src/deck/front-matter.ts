import { type Document, isCollection, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import { z } from 'zod';
import { isValidId } from './ids.js';

const DeckMetaSchema = z.object({
  id: z
    .string({ error: 'must be a string' })
    .refine(isValidId, 'must be lowercase letters, digits and dashes (at most 99 characters)'),
  title: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty'),
  description: z.string({ error: 'must be a string' }).default(''),
  tags: z
    .array(z.string({ error: 'each tag must be a string' }), { error: 'must be a list, e.g. [http, rest]' })
    .default([]),
});

export type DeckMeta = z.infer<typeof DeckMetaSchema>;

export interface MetaProblem {
  /** Line within the YAML block, 1-based; 0 means the opening `---` line. */
  line: number;
  column: number;
  /** What is wrong; the code and hint come from the problem catalogue (`bad-front-matter`). */
  message: string;
}

/** Validates a deck's YAML front matter. Pure. */
export function parseDeckMeta(yamlText: string): {
  meta: DeckMeta | null;
  idLine: number;
  problems: MetaProblem[];
} {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      meta: null,
      idLine: 0,
      problems: unique(
        doc.errors.map((e) => {
          const pos = lineCounter.linePos(openingOf(doc, e.pos[0]));
          return {
            line: pos.line,
            column: pos.col,
            message: `front matter is not valid YAML: ${e.message.split('\n')[0]}`,
          };
        }),
      ),
    };
  }
  const value: unknown = doc.toJS();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      meta: null,
      idLine: 0,
      problems: [
        {
          line: 0,
          column: 1,
          message: 'front matter must be a YAML mapping',
        },
      ],
    };
  }
  const result = DeckMetaSchema.safeParse(value);
  const idRange = (doc.get('id', true) as { range?: [number, number, number] } | undefined)?.range;
  const idLine = idRange ? lineCounter.linePos(idRange[0]).line : 0;
  if (result.success) return { meta: result.data, idLine, problems: [] };
  return {
    meta: null,
    idLine,
    problems: result.error.issues.map((issue) => {
      const key = issue.path[0];
      const node = typeof key === 'string' ? doc.get(key, true) : undefined;
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      const pos = range ? lineCounter.linePos(range[0]) : { line: 0, col: 1 };
      const missing = issue.code === 'invalid_type' && !(typeof key === 'string' && key in value);
      return {
        line: pos.line,
        column: pos.col,
        message: missing
          ? `front matter has no "${String(key)}"`
          : `front matter "${issue.path.join('.')}" ${issue.message}`,
      };
    }),
  };
}

/**
 * Where the author has to look for a YAML error at `offset`: the opening `[`, `{` or quote of a
 * flow collection or quoted string cut off there (yaml notices it missing only on the next line),
 * else `offset` itself.
 */
function openingOf(doc: Document, offset: number): number {
  let opening = offset;
  visit(doc, {
    Node(_, node) {
      const unclosable = isCollection(node) ? node.flow : isScalar(node) && /^QUOTE_/.test(node.type ?? '');
      // The innermost one wins: nodes are visited outside in.
      if (unclosable && node.range?.[2] === offset) opening = node.range[0];
    },
  });
  return opening;
}

/** Problems without repeats (yaml reports each unclosed level of `[a, [b` at the same place). */
function unique(problems: MetaProblem[]): MetaProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}
