// A real SMTP server for the notification tests (smtp-server on 127.0.0.1): it keeps every message
// as received (the raw text and mailparser's reading of it), can be stopped to play "the mail
// server is down" and started again on the same port, and can refuse recipients.
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  raw: string;
  parsed: ParsedMail;
  envelopeTo: string[];
}

export interface SmtpCapture {
  port: number;
  url: string;
  mails: CapturedMail[];
  /** Recipients answered 550 (mailbox unavailable). */
  refuse: Set<string>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

function listen(server: SMTPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const mails: CapturedMail[] = [];
  const refuse = new Set<string>();
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (refuse.has(address.address)) {
          const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
          callback(error);
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then((parsed) => {
              mails.push({
                raw,
                parsed,
                envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              });
              callback();
            })
            .catch((error: unknown) => callback(error as Error));
        });
      },
    });
  let server = make();
  const port = await listen(server, 0);
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    refuse,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
    async start() {
      server = make();
      await listen(server, port);
    },
  };
}
