// SHA-256 with node:crypto (OpenSSL), for the hub and the CLI: the core's hashing interface
// (core/runs/canonical.ts) over createHash, which takes a string and encodes it as UTF-8 itself
// (no intermediate byte copy of a 145 KB report) and is many times faster than the pure-JS hash the
// renderer keeps. Same digests for the same input (test/unit/hub/node-sha256.test.ts).
import { createHash } from 'node:crypto';
import type { Sha256 } from '../core/reports/index';

export const nodeSha256: Sha256 = {
  hex: (data) => createHash('sha256').update(data).digest('hex'),
};
