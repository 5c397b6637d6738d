// Definition Markdown is rendered as React elements: structure kept, raw HTML and images never.
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MarkdownText } from '../../../renderer/ui/markdown';

describe('MarkdownText', () => {
  it('renders paragraphs, lists, code and bold', () => {
    const html = renderToStaticMarkup(
      <MarkdownText source={'First line\nwrapped.\n\n- `a`: **one**\n- b'} />,
    );
    expect(html).toContain('<p>First line\nwrapped.</p>');
    expect(html).toContain('<li><code>a</code>: <strong>one</strong></li>');
  });

  it('drops raw HTML and images instead of rendering them', () => {
    const html = renderToStaticMarkup(
      <MarkdownText
        source={'Hello <script>alert(1)</script> <img src=x onerror=alert(1)> ![p](http://x/p.png)'}
      />,
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('Hello');
  });
});
