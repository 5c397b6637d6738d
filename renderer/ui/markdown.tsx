// Renders a definition's Markdown (guidance, changelogs, descriptions) safely: raw HTML is dropped (react-markdown never
// renders it), images are not loaded, and links open outside the app through the bridge.
import Markdown from 'react-markdown';
import { bridge } from '../bridge/bridge';

export function MarkdownText({
  source,
  className = 'markdown',
}: {
  source: string;
  className?: string;
}) {
  return (
    <div className={className}>
      <Markdown
        skipHtml
        disallowedElements={['img']}
        components={{
          a: ({ href, children }) => (
            <a
              href={href}
              onClick={(event) => {
                event.preventDefault();
                if (href) void bridge.openExternal({ url: href });
              }}
            >
              {children}
            </a>
          ),
        }}
      >
        {source}
      </Markdown>
    </div>
  );
}
