// The webhook URL rule of the notification protocol: http(s) only, never credentials in the URL.
import { describe, expect, it } from 'vitest';
import { webhookUrlSchema } from '../../../../core/sync/notification-protocol';

describe('webhookUrlSchema', () => {
  it.each([
    'https://example.org/hooks/abc',
    'http://hooks.example.org:8080/x?token=abc@def',
    'https://outlook.office.com/webhook/1a2b#frag',
  ])('accepts %s', (url) => {
    expect(webhookUrlSchema.safeParse(url).success).toBe(true);
  });

  it.each([
    ['ftp://example.org/x', 'http:// or https://'],
    ['not a url', 'http:// or https://'],
    ['https://user:secret@example.org/x', 'without a user name or password'],
    ['https://user@example.org/x', 'without a user name or password'],
    ['https:\\\\user@example.org/x', 'URL'],
  ])('refuses %s', (url, message) => {
    const result = webhookUrlSchema.safeParse(url);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });

  it('refuses a URL longer than the limit', () => {
    expect(webhookUrlSchema.safeParse(`https://example.org/${'a'.repeat(2_000)}`).success).toBe(
      false,
    );
  });
});
