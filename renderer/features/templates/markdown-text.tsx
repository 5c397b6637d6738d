// The small Markdown subset definition texts use (changelog, description, guidance): paragraphs,
// "- " bullet lists, `code` and **bold**. Built as React elements, never as HTML, so a definition
// cannot inject markup; anything else shows as the plain text it is. Hard-wrapped lines reflow.
import type { ReactNode } from 'react';

type Block = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

const BULLET = /^\s*[-*]\s+/;

export function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (const line of source.split('\n')) {
    if (line.trim() === '') {
      current = undefined;
    } else if (BULLET.test(line)) {
      if (current?.kind !== 'list') {
        current = { kind: 'list', items: [] };
        blocks.push(current);
      }
      current.items.push(line.replace(BULLET, ''));
    } else if (current?.kind === 'list' && /^\s/.test(line)) {
      const last = current.items.length - 1;
      current.items[last] = `${current.items[last] ?? ''} ${line.trim()}`;
    } else if (current?.kind === 'paragraph') {
      current.text = `${current.text} ${line.trim()}`;
    } else {
      current = { kind: 'paragraph', text: line.trim() };
      blocks.push(current);
    }
  }
  return blocks;
}

/** `code` and **bold**; an unmatched marker stays as text. */
function inline(text: string): ReactNode[] {
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*)/).map((part, index) => {
    if (part.length > 2 && part.startsWith('`') && part.endsWith('`'))
      return <code key={index}>{part.slice(1, -1)}</code>;
    if (part.length > 4 && part.startsWith('**') && part.endsWith('**'))
      return <strong key={index}>{part.slice(2, -2)}</strong>;
    return part;
  });
}

export function MarkdownText({ source }: { source: string }) {
  return (
    <div className="tpl-markdown-text">
      {parseBlocks(source).map((block, index) =>
        block.kind === 'paragraph' ? (
          <p key={index}>{inline(block.text)}</p>
        ) : (
          <ul key={index}>
            {block.items.map((item, itemIndex) => (
              <li key={itemIndex}>{inline(item)}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
