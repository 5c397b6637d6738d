// The hosts the app may open in the system browser (docs links in checklist items, help pages).
// An entry allows that exact host and its subdomains, over https only (see isAllowedExternalUrl in
// security.ts). Placeholders until the company's documentation domains are known:
// - github.com: the project's own source, releases and issue tracker;
// - learn.microsoft.com: vendor documentation that Windows and Microsoft 365 go-live items cite.
// Keep this list short: each entry is a site that a checklist author can send every user to.
// Entries are lower-case host names without scheme, port or path.

export const EXTERNAL_URL_ALLOWLIST: readonly string[] = ['github.com', 'learn.microsoft.com'];
