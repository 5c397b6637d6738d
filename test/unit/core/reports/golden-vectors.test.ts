// Golden test vectors (golden-vectors.json): a fixed key, a fixed body and a fixed time give exact
// canonical bytes, an exact report hash and an exact signature (Ed25519 is deterministic). They pin
// the wire format: if this test fails, the signed bytes changed and every report already signed
// would stop verifying. They are also checked with node's own crypto, independently of @noble.
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  base64urlToBytes,
  bytesToBase64url,
  countersign,
  createKeySigner,
  reportHash,
  signStatement,
  verifyReport,
  type ReportBody,
  type SignedStatement,
} from '../../../../core/reports';
import { canonicalJson } from '../../../../core/runs';
import vectors from './golden-vectors.json';

const body = vectors.body as ReportBody;
/** The report's office: the trust list binds the keys to it. */
const OFFICE = body.run.office;
const signer = createKeySigner(hexToBytes(vectors.privateKeyHex), {
  name: 'Ana Admin',
  role: 'admin',
  office: 'Düsseldorf office',
});

/** Every object's keys in reverse order, recursively. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reverseKeys(inner)]),
  );
}

describe('golden vectors', () => {
  it('reproduce the canonical bytes and the report hash exactly', () => {
    expect(canonicalJson(body)).toBe(vectors.canonicalBody);
    expect(reportHash(body)).toBe(vectors.reportHash);
    expect(createHash('sha256').update(vectors.canonicalBody, 'utf8').digest('hex')).toBe(
      vectors.reportHash,
    );
    // Keys sorted by code point, no whitespace, UTF-8 kept as is (not \u-escaped).
    expect(vectors.canonicalBody.startsWith('{"definition":{"hash":')).toBe(true);
    expect(vectors.canonicalBody).toContain('"lessonsLearned":"Order the second ISP line');
    expect(vectors.canonicalBody).toContain('Größere');
    expect(vectors.canonicalBody).toContain('"value":480.5');
  });

  it('is independent of key order', () => {
    const shuffled = reverseKeys(body) as ReportBody;
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(body));
    expect(canonicalJson(shuffled)).toBe(vectors.canonicalBody);
    expect(reportHash(shuffled)).toBe(vectors.reportHash);
  });

  it('reproduce the public key, the statement and the signature exactly', async () => {
    expect((await signer.identity()).publicKey).toBe(vectors.publicKey);
    const signature = await signStatement(signer, {
      purpose: 'sign-off',
      body,
      signedAt: body.signedAt,
    });
    expect(signature.statement).toEqual(vectors.statement);
    expect(canonicalJson(signature.statement)).toBe(vectors.canonicalStatement);
    expect(signature.value).toBe(vectors.signature);
  });

  it('verify with node crypto too (an independent Ed25519)', () => {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: vectors.publicKey },
      format: 'jwk',
    });
    const signature = Buffer.from(vectors.signature, 'base64url');
    expect(nodeVerify(null, Buffer.from(vectors.canonicalStatement, 'utf8'), key, signature)).toBe(
      true,
    );
  });

  it('are accepted by verifyReport with the key on the trust list', () => {
    const result = verifyReport(
      {
        body: vectors.body,
        signatures: [{ statement: vectors.statement, value: vectors.signature }],
      },
      {
        format: 'go-live-trust-list',
        formatVersion: 1,
        keys: [{ publicKey: vectors.publicKey, name: 'Ana Admin', role: 'admin', office: OFFICE }],
      },
    );
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.reportHash).toBe(vectors.reportHash);
    expect(result.status).toBe('signed-off');
  });

  it('reproduce the countersign, which also covers the sign-off it answers', async () => {
    const c = vectors.countersign;
    const supervisor = createKeySigner(hexToBytes(c.privateKeyHex), {
      name: 'Sam Supervisor',
      role: 'supervisor',
    });
    const signedOff = {
      body,
      signatures: [{ statement: vectors.statement as SignedStatement, value: vectors.signature }],
    };
    const report = await countersign(
      supervisor,
      signedOff,
      c.statement.signedAt,
      c.statement.comment,
    );
    const signature = report.signatures[1];
    expect(canonicalJson(signedOff.signatures)).toBe(c.canonicalPreviousSignatures);
    expect(createHash('sha256').update(c.canonicalPreviousSignatures, 'utf8').digest('hex')).toBe(
      c.statement.previousSignatures,
    );
    expect(signature?.statement).toEqual(c.statement);
    expect(canonicalJson(signature?.statement)).toBe(c.canonicalStatement);
    expect(signature?.value).toBe(c.signature);
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: c.publicKey },
      format: 'jwk',
    });
    expect(
      nodeVerify(
        null,
        Buffer.from(c.canonicalStatement, 'utf8'),
        key,
        Buffer.from(c.signature, 'base64url'),
      ),
    ).toBe(true);
    const result = verifyReport(report, {
      format: 'go-live-trust-list',
      formatVersion: 1,
      keys: [
        { publicKey: vectors.publicKey, name: 'Ana Admin', role: 'admin', office: OFFICE },
        {
          publicKey: c.publicKey,
          name: 'Sam Supervisor',
          role: 'supervisor',
          supervises: [OFFICE],
        },
      ],
    });
    expect(result.problems).toEqual([]);
    expect(result.status).toBe('countersigned');
  });

  it('match RFC 8032 section 7.1 test 1 (the wiring of Ed25519 and base64url)', async () => {
    const rfcSigner = createKeySigner(hexToBytes(vectors.privateKeyHex), {
      name: 'x',
      role: 'admin',
    });
    const publicKey = base64urlToBytes((await rfcSigner.identity()).publicKey);
    expect(Buffer.from(publicKey ?? []).toString('hex')).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
    const signature = await rfcSigner.sign(new Uint8Array(0));
    expect(Buffer.from(signature).toString('hex')).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155' +
        '5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
  });

  it('use base64url without padding, decoded strictly', () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0x01]);
    expect(bytesToBase64url(bytes)).toBe('-_8B');
    expect(bytesToBase64url(Uint8Array.from([0xff]))).toBe('_w');
    expect(base64urlToBytes('_w')).toEqual(Uint8Array.from([0xff]));
    expect(base64urlToBytes('_x')).toBeUndefined(); // non-zero unused bits: a second spelling
    expect(base64urlToBytes('_w==')).toBeUndefined();
    expect(base64urlToBytes('a+b/')).toBeUndefined();
    expect(base64urlToBytes('abcde')).toBeUndefined();
    for (let n = 0; n < 40; n++) {
      const random = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      const text = bytesToBase64url(random);
      expect(text).toBe(Buffer.from(random).toString('base64url'));
      expect(base64urlToBytes(text)).toEqual(random);
    }
    const statement = vectors.statement as SignedStatement;
    expect(statement.signer.publicKey).toBe(vectors.publicKey);
  });
});
