// Renders a definition's guidance Markdown safely: raw HTML is dropped (react-markdown never
// renders it), images are not loaded, and links open outside the app through the bridge.
import Markdown from 'react-markdown';
import { bridge } from '../../bridge/bridge';

export function Guidance({ markdown }: { markdown: string }) {
  return (
    <div className="guidance">
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
        {markdown}
      </Markdown>
    </div>
  );
}
