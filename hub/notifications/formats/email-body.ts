// A rendered message (messages.ts) as an e-mail: a plain-text body that reads well in any mail
// client, and a simple HTML alternative with every piece of text escaped.
import type { RenderedMessage } from '../messages';

export interface EmailBody {
  subject: string;
  text: string;
  html: string;
}

export function emailText(message: RenderedMessage): string {
  const width = Math.max(0, ...message.facts.map((fact) => fact.label.length));
  const lines = [message.intro, ''];
  for (const fact of message.facts)
    lines.push(`${`${fact.label}:`.padEnd(width + 2)}${fact.value}`);
  if (message.listTitle !== null) {
    lines.push('', `${message.listTitle}:`);
    for (const item of message.items) lines.push(`- ${item}`);
  }
  lines.push('', '-- ', message.footer, '');
  return lines.join('\n');
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

export function emailHtml(message: RenderedMessage): string {
  const e = escapeHtml;
  const facts = message.facts
    .map(
      (fact) =>
        `<tr><th align="left" style="padding:2px 12px 2px 0">${e(fact.label)}</th><td>${e(fact.value)}</td></tr>`,
    )
    .join('');
  const list =
    message.listTitle === null
      ? ''
      : `<h2 style="font-size:1em">${e(message.listTitle)}</h2><ul>${message.items.map((item) => `<li>${e(item)}</li>`).join('')}</ul>`;
  return [
    `<!doctype html><html lang="${message.language}"><head><meta charset="utf-8"><title>${e(message.subject)}</title></head>`,
    '<body style="font-family:sans-serif">',
    `<p>${e(message.intro)}</p>`,
    `<table>${facts}</table>`,
    list,
    `<p style="color:#555;font-size:0.9em">${e(message.footer)}</p>`,
    '</body></html>',
  ].join('');
}

export function emailBody(message: RenderedMessage): EmailBody {
  return { subject: message.subject, text: emailText(message), html: emailHtml(message) };
}
