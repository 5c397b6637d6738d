// verifyReport: a genuine report passes; every way of forging, replaying or misusing one is refused
// with its own problem code and a message that says what and where.
import { describe, expect, it } from 'vitest';
import {
  base64urlToBytes,
  bytesToBase64url,
  createKeySigner,
  diffReportBodies,
  reportHash,
  signStatement,
  verifyReport,
  type SignedReport,
  type Signer,
  type TrustList,
} from '../../../../core/reports';
import {
  adminSigner,
  body,
  clone,
  COUNTERSIGNED_AT,
  countersigned,
  defaultTrust,
  keyFor,
  SIGNED_AT,
  signedOff,
  supervisorSigner,
  trustedKey,
  trustList,
} from './fixtures';

function codes(result: ReturnType<typeof verifyReport>): string[] {
  return result.problems.map((p) => p.code);
}

/** A report with one more signature, made directly (bypassing the helpers' own refusals). */
async function withSignature(
  report: SignedReport,
  signer: Signer,
  purpose: 'sign-off' | 'countersign' | 'send-back',
  comment?: string,
): Promise<SignedReport> {
  const signature = await signStatement(signer, {
    purpose,
    body: report.body,
    signedAt: purpose === 'sign-off' ? report.body.signedAt : COUNTERSIGNED_AT,
    previousSignatures: report.signatures,
    ...(comment === undefined ? {} : { comment }),
  });
  return { body: report.body, signatures: [...report.signatures, signature] };
}

const DELETE = Symbol('delete');

/** Sets (or deletes) a value deep inside a report copy, whatever the types say. */
function edit(target: object, path: (string | number)[], value: unknown): void {
  let current = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) current = current[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (value === DELETE) delete current[last];
  else current[last] = value;
}

const secondSupervisor = createKeySigner(keyFor('sue'), { name: 'Sue Super', role: 'supervisor' });

describe('verifyReport accepts', () => {
  it('a report signed off and countersigned by trusted keys', async () => {
    const report = await countersigned();
    const result = verifyReport(report, await defaultTrust());
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({
      valid: true,
      reportHash: reportHash(report.body),
      reportId: 'run-berlin',
      revision: 1,
      status: 'countersigned',
    });
    expect(result.signatures).toEqual([
      expect.objectContaining({
        index: 0,
        purpose: 'sign-off',
        signerName: 'Ana Admin',
        signerRole: 'admin',
        keyTrusted: true,
        keyRole: 'admin',
        valid: true,
      }),
      expect.objectContaining({
        purpose: 'countersign',
        signerName: 'Sam Supervisor',
        comment: 'Looks good.',
        keyTrusted: true,
        valid: true,
      }),
    ]);
    expect(result.signatures[0]?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('the JSON round trip of a report (what travels in files)', async () => {
    const report = JSON.parse(JSON.stringify(await signedOff())) as unknown;
    const result = verifyReport(report, await defaultTrust());
    expect(result.valid).toBe(true);
    expect(result.status).toBe('signed-off');
  });

  it('a send-back with its comment (valid, status sent-back)', async () => {
    const report = await withSignature(await signedOff(), supervisorSigner, 'send-back', 'Redo.');
    const result = verifyReport(report, await defaultTrust());
    expect(result.valid).toBe(true);
    expect(result.status).toBe('sent-back');
  });

  it('a later revision that names the known previous one', async () => {
    const first = await signedOff();
    const previous = reportHash(first.body);
    const second = await signedOff(body({ revision: 2, supersedes: previous }));
    const known = [{ reportId: 'run-berlin', revision: 1, reportHash: previous }];
    expect(verifyReport(second, await defaultTrust(), { knownRevisions: known }).valid).toBe(true);
  });
});

describe('verifyReport refuses', () => {
  it('without a trust list: signatures checked, keys not, so invalid', async () => {
    const result = verifyReport(await countersigned(), null);
    expect(result.valid).toBe(false);
    expect(codes(result)).toEqual(['no-trust-list']);
    expect(result.problems[0]?.message).toMatch(
      /no trust list given: signatures checked, keys not checked against a trust list/i,
    );
    expect(result.signatures.every((s) => s.valid && !s.keyTrusted)).toBe(true);
  });

  it('a replayed older revision, and the same revision with other content', async () => {
    const report = await signedOff();
    const trust = await defaultTrust();
    const newer = { reportId: 'run-berlin', revision: 2, reportHash: 'e'.repeat(64) };
    const replayed = verifyReport(report, trust, { knownRevisions: [newer] });
    expect(codes(replayed)).toEqual(['replayed-revision']);
    expect(replayed.problems[0]?.message).toMatch(
      /revision 2 of report run-berlin is already known; this is the older revision 1/,
    );
    const sameRevision = { reportId: 'run-berlin', revision: 1, reportHash: 'e'.repeat(64) };
    expect(codes(verifyReport(report, trust, { knownRevisions: [sameRevision] }))).toEqual([
      'conflicting-revision',
    ]);
    const itself = { reportId: 'run-berlin', revision: 1, reportHash: reportHash(report.body) };
    const other = { reportId: 'run-other', revision: 5, reportHash: 'e'.repeat(64) };
    expect(verifyReport(report, trust, { knownRevisions: [itself, other] }).valid).toBe(true);
  });

  it('a revision that does not supersede the known previous one', async () => {
    const second = await signedOff(body({ revision: 2, supersedes: 'd'.repeat(64) }));
    const known = [{ reportId: 'run-berlin', revision: 1, reportHash: 'c'.repeat(64) }];
    expect(codes(verifyReport(second, await defaultTrust(), { knownRevisions: known }))).toEqual([
      'supersedes-mismatch',
    ]);
  });

  it('a report signed by a key not on the trust list', async () => {
    const stranger = createKeySigner(keyFor('mallory'), { name: 'Ana Admin', role: 'admin' });
    const report = await withSignature({ body: body(), signatures: [] }, stranger, 'sign-off');
    const result = verifyReport(report, await defaultTrust());
    expect(codes(result)).toEqual(['untrusted-key']);
    expect(result.problems[0]).toMatchObject({
      path: 'signatures[0].statement.signer.publicKey',
      signature: 0,
    });
    expect(result.problems[0]?.message).toMatch(
      /^Signature 1 \(sign-off by Ana Admin\): the key [0-9a-f]{16} is not on the trust list\.$/,
    );
    expect(result.signatures[0]).toMatchObject({ valid: true, keyTrusted: false });
  });

  it('a revoked key, summed up on its signature', async () => {
    const trust = await trustList(
      trustedKey(adminSigner, { revokedAt: '2025-05-01T00:00:00.000Z' }),
      trustedKey(supervisorSigner),
    );
    const result = verifyReport(await countersigned(), trust);
    expect(codes(result)).toEqual(['revoked-key']);
    expect(result.problems[0]?.message).toMatch(/revoked on 2025-05-01/);
    expect(result.signatures[0]).toMatchObject({
      keyTrusted: false,
      keyRole: 'admin',
      valid: true,
      problem: 'key revoked',
    });
  });

  it('an administrator key in the countersign slot', async () => {
    const otherAdmin = createKeySigner(keyFor('bob'), { name: 'Bob Admin', role: 'admin' });
    const trust = await trustList(
      trustedKey(adminSigner),
      trustedKey(supervisorSigner),
      trustedKey(otherAdmin),
    );
    const report = await withSignature(await signedOff(), otherAdmin, 'countersign');
    const result = verifyReport(report, trust);
    expect(codes(result)).toEqual(['wrong-role-for-purpose']);
    expect(result.problems[0]?.message).toBe(
      "Signature 2 (countersign by Bob Admin): a countersign needs a supervisor's key; this key belongs to an administrator.",
    );
    // Claiming the supervisor role does not help: the trust list says admin.
    const disguised = createKeySigner(keyFor('bob'), { name: 'Bob Admin', role: 'supervisor' });
    const forged = await withSignature(await signedOff(), disguised, 'countersign');
    expect(codes(verifyReport(forged, trust))).toEqual(['role-mismatch', 'wrong-role-for-purpose']);
  });

  it('a send-back without a comment', async () => {
    const report = await withSignature(await signedOff(), supervisorSigner, 'send-back');
    const result = verifyReport(report, await defaultTrust());
    expect(codes(result)).toEqual(['comment-required']);
    expect(result.problems[0]?.path).toBe('signatures[1].statement.comment');
    const blank = await withSignature(await signedOff(), supervisorSigner, 'send-back', '  ');
    expect(codes(verifyReport(blank, await defaultTrust()))).toEqual(['comment-required']);
  });

  it('a bad signature value', async () => {
    const report = clone(await countersigned());
    const bytes = base64urlToBytes(report.signatures[1]!.value)!;
    bytes[10] = bytes[10]! ^ 1;
    report.signatures[1]!.value = bytesToBase64url(bytes);
    const result = verifyReport(report, await defaultTrust());
    expect(codes(result)).toEqual(['bad-signature']);
    expect(result.problems[0]).toMatchObject({ path: 'signatures[1].value', signature: 1 });
    expect(result.signatures.map((s) => s.valid)).toEqual([true, false]);
  });

  it('a signature moved onto another report', async () => {
    const other = await signedOff(body({ lessonsLearned: 'Other lessons.' }));
    const report = await countersigned();
    const spliced = { body: other.body, signatures: report.signatures };
    expect(codes(verifyReport(spliced, await defaultTrust()))).toEqual([
      'hash-mismatch',
      'hash-mismatch',
    ]);
  });

  it('a body changed after signing, naming the field when the signed copy is at hand', async () => {
    const report = await countersigned();
    const tampered = clone(report);
    tampered.body.sections[0]!.items[1]!.value = { type: 'number', value: 48 };
    const trust = await defaultTrust();
    const result = verifyReport(tampered, trust);
    // The run's history also says the item was not 48: the edit is caught twice over.
    expect(codes(result)).toEqual(['answer-not-in-history', 'hash-mismatch', 'hash-mismatch']);
    expect(result.problems[0]?.message).toMatch(
      /body\.sections\[0\]\.items\[1\]: ".*" is not what the run's history says it is\./,
    );
    expect(result.problems[1]?.message).toMatch(
      /^Signature 1 \(sign-off by Ana Admin\) covers report hash [0-9a-f]{16}…, but the report now hashes to [0-9a-f]{16}…: the report body was changed after signing\. Which field changed cannot be told without the signed copy\.$/,
    );
    const named = verifyReport(tampered, trust, { signedCopy: report.body });
    expect(named.problems[1]?.message).toMatch(
      /Changed: body\.sections\[0\]\.items\[1\]\.value\.value\.$/,
    );
    expect(named.signatures.map((s) => s.valid)).toEqual([false, false]);
  });

  it('an unknown field, with the path of the offending field', async () => {
    const report = clone(await signedOff());
    edit(report, ['body', 'sections', 1, 'items', 0, 'approvedBy'], 'someone');
    const result = verifyReport(report, await defaultTrust());
    expect(result.problems).toEqual([
      {
        code: 'invalid-shape',
        path: 'body.sections[1].items[0].approvedBy',
        message:
          'body.sections[1].items[0].approvedBy: unexpected field "approvedBy": it is not part of the format.',
      },
    ]);
    expect(result.signatures).toEqual([]);
    expect(result.reportHash).toBeUndefined();
  });

  it('missing or mistyped fields, without coercing anything', async () => {
    const report = clone(await signedOff());
    edit(report, ['body', 'lessonsLearned'], DELETE);
    edit(report, ['body', 'summary', 'total'], '10');
    edit(report, ['signatures', 0, 'statement', 'signer', 'publicKey'], 'not-a-key');
    const result = verifyReport(report, await defaultTrust());
    expect(result.problems.map((p) => p.message)).toEqual([
      'body.summary.total: expected a number, found text.',
      'body.lessonsLearned: is missing.',
      'signatures[0].statement.signer.publicKey: must be a base64url Ed25519 public key.',
    ]);
    expect(verifyReport('{"body":1}', null).problems[0]?.message).toBe(
      'The report: expected an object, found text.',
    );
    expect(verifyReport(null, null).valid).toBe(false);
  });

  it('a "__proto__" key the parser would silently drop', async () => {
    const report = clone(await signedOff());
    const text = JSON.stringify(report).replace('"parameters":{', '"parameters":{"__proto__":1,');
    const result = verifyReport(JSON.parse(text), await defaultTrust());
    expect(result.valid).toBe(false);
    expect(codes(result)).toEqual(['invalid-shape']);
  });

  it('an unknown format or format version', async () => {
    const report = clone(await signedOff());
    edit(report, ['body', 'formatVersion'], 6);
    expect(verifyReport(report, await defaultTrust()).problems).toEqual([
      expect.objectContaining({
        code: 'unsupported-format-version',
        message: expect.stringMatching(
          /format version 6; this verifier reads version 1, 2, 3, 4, 5/,
        ),
      }),
    ]);
    edit(report, ['body', 'format'], 'invoice');
    expect(codes(verifyReport(report, null))).toEqual(['unsupported-format']);
  });

  it('impossible revisions and a no-go gate', async () => {
    const trust = await defaultTrust();
    const zero = await withSignature(
      { body: { ...body(), revision: 0 }, signatures: [] },
      adminSigner,
      'sign-off',
    );
    expect(codes(verifyReport(zero, trust))).toEqual(['invalid-revision']);
    const orphan = await withSignature(
      { body: { ...body(), revision: 2 }, signatures: [] },
      adminSigner,
      'sign-off',
    );
    expect(codes(verifyReport(orphan, trust))).toEqual(['invalid-supersedes']);
    const noGo = { ...body(), gate: { decision: 'no-go' as const, waivers: [] } };
    const signedNoGo = await withSignature({ body: noGo, signatures: [] }, adminSigner, 'sign-off');
    expect(codes(verifyReport(signedNoGo, trust))).toEqual(['no-go-signed-off']);
  });

  it('signatures out of order, repeated, after a send-back, or none at all', async () => {
    const trust = await trustList(
      trustedKey(adminSigner),
      trustedKey(supervisorSigner),
      trustedKey(secondSupervisor),
    );
    const unsigned = { body: body(), signatures: [] };
    expect(codes(verifyReport(unsigned, trust))).toEqual(['no-signatures']);
    const countersignFirst = await withSignature(unsigned, supervisorSigner, 'countersign');
    expect(codes(verifyReport(countersignFirst, trust))).toEqual(['first-not-sign-off']);
    const twice = await withSignature(await signedOff(), adminSigner, 'sign-off');
    expect(codes(verifyReport(twice, trust))).toEqual(['unexpected-sign-off', 'duplicate-signer']);
    const sentBack = await withSignature(await signedOff(), supervisorSigner, 'send-back', 'No.');
    const after = await withSignature(sentBack, secondSupervisor, 'countersign');
    expect(codes(verifyReport(after, trust))).toEqual(['signature-after-send-back']);
    const two = await withSignature(await countersigned(), secondSupervisor, 'countersign');
    expect(verifyReport(two, trust).valid).toBe(true);
  });

  it('a signature removed from the middle, or a sign-off swapped under a countersign', async () => {
    const trust = await trustList(
      trustedKey(adminSigner),
      trustedKey(supervisorSigner),
      trustedKey(secondSupervisor),
    );
    const three = await withSignature(await countersigned(), secondSupervisor, 'countersign');
    const [signOffSignature, , last] = three.signatures;
    const removed = { body: three.body, signatures: [signOffSignature!, last!] };
    const result = verifyReport(removed, trust);
    expect(codes(result)).toEqual(['signature-chain-broken']);
    expect(result.problems[0]?.message).toMatch(
      /^Signature 2 \(countersign by Sue Super\): it answers other earlier signatures than this report holds/,
    );
    // Bob signs off the very same body; Sam's countersign answered Ana's sign-off, not Bob's.
    const bob = createKeySigner(keyFor('bob'), { name: 'Bob Admin', role: 'admin' });
    const bobTrust = await trustList(
      trustedKey(adminSigner),
      trustedKey(supervisorSigner),
      trustedKey(bob),
    );
    const bobs = await withSignature({ body: three.body, signatures: [] }, bob, 'sign-off');
    const swapped = { body: three.body, signatures: [bobs.signatures[0]!, three.signatures[1]!] };
    expect(codes(verifyReport(swapped, bobTrust))).toEqual(['signature-chain-broken']);
    // Dropping the last signature gives back the report as it was before it: valid, and its
    // status says so (the hub keeps the signatures it has seen).
    const before = { body: three.body, signatures: three.signatures.slice(0, 2) };
    expect(verifyReport(before, trust)).toMatchObject({ valid: true, status: 'countersigned' });
  });

  it('a name or office the trust list does not give the key', async () => {
    const trust = await trustList(
      trustedKey(adminSigner, { name: 'Anna Administrator' }),
      trustedKey(supervisorSigner, { supervises: ['Madrid office'] }),
    );
    const result = verifyReport(await countersigned(), trust);
    expect(codes(result)).toEqual(['name-mismatch', 'not-supervisor-of-office']);
    expect(result.problems[1]?.message).toMatch(/Sam Supervisor does not supervise Berlin office/);
  });

  it('a sign-off made at another time than the report says', async () => {
    const reportBody = body();
    const signature = await signStatement(adminSigner, {
      purpose: 'sign-off',
      body: reportBody,
      signedAt: '2025-06-03T00:00:00.000Z',
    });
    const result = verifyReport(
      { body: reportBody, signatures: [signature] },
      await defaultTrust(),
    );
    expect(codes(result)).toEqual(['signed-at-mismatch']);
    expect(SIGNED_AT).toBe(reportBody.signedAt);
  });
});

describe('diffReportBodies', () => {
  it('lists changed, added and removed fields in document order', () => {
    const a = { x: 1, list: [1, 2], nested: { keep: 'a', gone: true } };
    const b = { x: 2, list: [1, 2, 3], nested: { keep: 'a', added: null } };
    expect(diffReportBodies(a, b)).toEqual(['list[2]', 'nested.added', 'nested.gone', 'x']);
    expect(diffReportBodies(a, clone(a))).toEqual([]);
    expect(diffReportBodies(1, 'a')).toEqual(['(the whole body)']);
  });

  it('finds the one field changed in a report body', () => {
    const original = body();
    const changed = clone(original);
    changed.sections[2]!.items[1]!.notes = 'added later';
    expect(diffReportBodies(original, changed)).toEqual(['sections[2].items[1].notes']);
  });
});

export type { TrustList };
