// A realistic signed report, built by hand to the contract (core/reports/report-format.ts): a new
// office in Madrid, three sections, every item type and state, a blocked item, an N/A item, a
// waiver, a failing number, a count with named legs, Spanish accents, markup-looking notes and a
// 300-character unbroken string. Signed for real (Ed25519, fixed test keys, the core's signing
// helpers), so the PDF made from it verifies. Also a generator of large reports for the benchmark.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { bytesToBase64url } from '../../../core/reports/base64url';
import { ed25519PublicKey } from '../../../core/reports/ed25519';
import type {
  ReportBody,
  ReportItem,
  ReportSection,
  SignedReport,
} from '../../../core/reports/report-format';
import { REPORT_FORMAT } from '../../../core/reports/report-format';
import { countersign, createKeySigner, signOff } from '../../../core/reports/sign';
import type { Actor, AttachmentRef } from '../../../core/runs/model';
import type { ReportThumbnail } from '../../../renderer/pdf/report-document';

export const ADMIN: Actor = { id: 'user-lena', name: 'Lena Fischer', role: 'admin' };
export const SUPERVISOR: Actor = { id: 'user-marta', name: 'Marta Núñez', role: 'supervisor' };

export const RUN_NAME = 'Madrid Chamberí office';
export const TEMPLATE_VERSION = '2.3.0';
export const SPANISH_TITLE = 'Instalación de la línea de fibra — comprobación ñ';
export const SCRIPT_NOTE = '<script>alert(1)</script>';
export const MUSTACHE_NOTE = '{{x}}';
/** 300 characters without a space: must wrap, not run off the page. */
export const LONG_UNBROKEN =
  `https://files.example.es/evidence/${'0123456789abcdef'.repeat(17)}`.slice(0, 300);

/** A 2x2 RGB PNG (blue and amber squares). */
export const PNG_2X2 = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGPQz5//YoMXw4sNXvr58wEsHAY/KHJnOQAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
);

/** A 16x12 baseline JPEG (a little landscape), like the app's JPEG thumbnails. */
export const JPEG_16X12 = Uint8Array.from(
  atob(
    '/9j/4AAQSkZJRgABAQEADgAOAAD/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCAAMABADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwCiWAYD1qx58P2HyPsy+bv3edk5xjpinFVJyVBI74paz+vtvWP4nG4RsuX5n//Z',
  ),
  (c) => c.charCodeAt(0),
);

const hashOf = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

function attachment(name: string, mimeType: string, size: number): AttachmentRef {
  return { id: `att-${hashOf(name).slice(0, 8)}`, name, mimeType, size, sha256: hashOf(name) };
}

export const RACK_PHOTO = attachment('rack-label-isp.png', 'image/png', 2_348_112);
export const SPEED_PHOTO = attachment('speed-test.jpg', 'image/jpeg', 812_004);
/** An image whose thumbnail is missing (e.g. it could not be decoded): listed, not shown. */
export const UNTHUMBED_PHOTO = attachment('nas-front.heic', 'image/heic', 3_100_220);
export const CONFIG_FILE = attachment('nas01-config.txt', 'text/plain', 18_233);

/** Thumbnails by attachment sha256, as the app's attachment store provides them. */
export function fixtureThumbnails(): Map<string, ReportThumbnail> {
  return new Map([
    [RACK_PHOTO.sha256, { bytes: PNG_2X2, mimeType: 'image/png' }],
    [SPEED_PHOTO.sha256, { bytes: JPEG_16X12, mimeType: 'image/jpeg' }],
    // A thumbnail for a text file must never be drawn.
    [CONFIG_FILE.sha256, { bytes: PNG_2X2, mimeType: 'image/png' }],
  ]);
}

/** Why the failing speed test was marked done anyway (shown on the PDF's summary page). */
export const ACCEPTED_FAILURE_REASON =
  'Night-time figure during the backup window; the ISP re-measures on Monday.';

function done(
  base: Omit<ReportItem, 'status' | 'attachments' | 'failing'> & Partial<ReportItem>,
  minutes: number,
  finishedAt: string,
): ReportItem {
  const finished = Date.parse(finishedAt);
  return {
    status: 'done',
    attachments: [],
    failing: false,
    startedAt: new Date(finished - minutes * 60_000).toISOString(),
    finishedAt,
    updatedAt: finishedAt,
    updatedBy: ADMIN,
    ...base,
  };
}

const network: ReportSection = {
  id: 'internet-and-network',
  title: 'Internet and network',
  department: 'network',
  items: [
    done(
      {
        id: 'isp-primary',
        title: 'Primary ISP line delivered and up',
        type: 'check',
        severity: 'blocking',
        department: 'network',
        estimateMinutes: 30,
      },
      40,
      '2025-06-07T08:40:00Z',
    ),
    done(
      {
        id: 'isp-lines',
        title: 'Two internet providers',
        type: 'count',
        severity: 'blocking',
        department: 'network',
        value: { type: 'count', legs: ['Telefónica fibre 1 Gbit/s', 'Vodafone cable 600 Mbit/s'] },
        attachments: [RACK_PHOTO, SPEED_PHOTO],
        estimateMinutes: 20,
      },
      25,
      '2025-06-08T09:10:00Z',
    ),
    done(
      {
        id: 'fibre-install',
        title: SPANISH_TITLE,
        type: 'check',
        severity: 'major',
        department: 'network',
        notes: 'Técnico de Telefónica: Íñigo Peña. Roseta en el armario B, puerto 3.',
        estimateMinutes: 60,
      },
      95,
      '2025-06-07T11:00:00Z',
    ),
    done(
      {
        id: 'speed-test',
        title: 'Speed test on the primary line',
        type: 'number',
        severity: 'major',
        department: 'network',
        value: { type: 'number', value: 87.5 },
        failing: true,
        failure: '87.5 Mbit/s is below the minimum of 100 Mbit/s.',
        acceptedFailure: {
          reason: ACCEPTED_FAILURE_REASON,
          failure: '87.5 Mbit/s is below the minimum of 100 Mbit/s.',
          by: ADMIN,
          at: '2025-06-07T21:10:00Z',
        },
        notes: 'Measured at 23:10 during the backup window; to be repeated on Monday morning.',
        estimateMinutes: 10,
      },
      12,
      '2025-06-07T21:10:00Z',
    ),
    done(
      {
        id: 'core-switches',
        title: 'Two core switches, stacked',
        type: 'count',
        severity: 'blocking',
        department: 'network',
        value: { type: 'count', legs: ['sw-core-01 (rack A)', 'sw-core-02 (rack B)'] },
        estimateMinutes: 45,
      },
      50,
      '2025-06-07T13:30:00Z',
    ),
  ],
};

const infrastructure: ReportSection = {
  id: 'infrastructure-and-backup',
  title: 'Infrastructure and backup',
  department: 'infrastructure',
  items: [
    done(
      {
        id: 'firewall-change',
        title: 'Firewall rules for the office VLANs',
        type: 'check',
        severity: 'blocking',
        department: 'security',
        rollbackPlan:
          'Restore the saved configuration fw01-2025-06-07.conf from the console (load + commit), then check that the VPN tunnel to head office comes back.',
        notes: `Pasted from the ticket: ${SCRIPT_NOTE} and a template ${MUSTACHE_NOTE} left as they were.`,
        estimateMinutes: 60,
      },
      75,
      '2025-06-07T15:20:00Z',
    ),
    done(
      {
        id: 'backup-policy',
        title: 'Backup policy in place',
        type: 'choice',
        severity: 'blocking',
        department: 'infrastructure',
        value: { type: 'choice', choiceId: 'daily-offsite' },
        estimateMinutes: 30,
      },
      20,
      '2025-06-07T16:00:00Z',
    ),
    done(
      {
        id: 'restore-test-date',
        title: 'Date of the last successful restore test',
        type: 'date',
        severity: 'major',
        department: 'infrastructure',
        value: { type: 'date', date: '2025-06-06' },
      },
      5,
      '2025-06-07T16:10:00Z',
    ),
    {
      id: 'ups-runtime',
      title: 'UPS runtime at full load',
      type: 'number',
      severity: 'blocking',
      department: 'infrastructure',
      status: 'open',
      attachments: [],
      failing: false,
      waiver: {
        justification:
          'The UPS battery pack arrives on 12 June; the landlord’s building UPS covers the rack until then.',
        by: SUPERVISOR,
        at: '2025-06-08T10:05:00Z',
      },
      estimateMinutes: 30,
      updatedAt: '2025-06-08T10:05:00Z',
      updatedBy: SUPERVISOR,
    },
    done(
      {
        id: 'nas-config',
        title: 'NAS share configuration',
        type: 'text',
        severity: 'major',
        department: 'infrastructure',
        value: {
          type: 'text',
          text: `Share \\\\nas01\\oficina\nEvidence link: ${LONG_UNBROKEN}\nSnapshots: hourly, kept 14 days.`,
        },
        attachments: [CONFIG_FILE, UNTHUMBED_PHOTO],
        estimateMinutes: 40,
      },
      35,
      '2025-06-07T17:00:00Z',
    ),
    {
      id: 'printers',
      title: 'Network printers installed',
      type: 'check',
      severity: 'minor',
      department: 'workplace',
      status: 'not-applicable',
      reason: 'No printers at this site: print-to-PDF policy (política de impresión cero).',
      attachments: [],
      failing: false,
      finishedAt: '2025-06-07T09:00:00Z',
      updatedAt: '2025-06-07T09:00:00Z',
      updatedBy: ADMIN,
    },
  ],
};

const workplace: ReportSection = {
  id: 'workstations-and-remote-work',
  title: 'Workstations and remote work',
  department: 'workplace',
  items: [
    done(
      {
        id: 'workstations-imaged',
        title: 'Workstations imaged and enrolled',
        type: 'number',
        severity: 'major',
        department: 'workplace',
        value: { type: 'number', value: 120 },
        estimateMinutes: 240,
      },
      300,
      '2025-06-07T19:00:00Z',
    ),
    done(
      {
        id: 'daas-ready',
        title: 'Desktop-as-a-service pool ready',
        type: 'check',
        severity: 'major',
        department: 'workplace',
        estimateMinutes: 30,
      },
      30,
      '2025-06-08T08:00:00Z',
    ),
    {
      id: 'wifi-survey',
      title: 'Wi-Fi site survey',
      type: 'check',
      severity: 'major',
      department: 'network',
      status: 'blocked',
      reason:
        'The survey contractor cannot enter the third floor until the landlord hands it over (expected 16 June).',
      attachments: [],
      failing: false,
      startedAt: '2025-06-07T10:00:00Z',
      estimateMinutes: 120,
      updatedAt: '2025-06-07T10:30:00Z',
      updatedBy: ADMIN,
    },
    {
      id: 'vpn-test',
      title: 'Remote-work VPN tested from outside',
      type: 'text',
      severity: 'minor',
      department: 'workplace',
      status: 'open',
      attachments: [],
      failing: false,
      estimateMinutes: 15,
    },
    {
      id: 'user-handover',
      title: 'User handover session held',
      type: 'check',
      severity: 'minor',
      department: 'workplace',
      status: 'open',
      attachments: [],
      failing: false,
    },
  ],
};

export const LESSONS_LEARNED = `The second ISP line took three weeks longer than promised: order it at contract signature, not at fit-out.

La prueba de velocidad debe repetirse fuera de la ventana de copias de seguridad.
Add a check for the landlord's building UPS (capacity, who to call).`;

function summaryOf(sections: ReportSection[]): ReportBody['summary'] {
  const items = sections.flatMap((section) => section.items);
  const count = (status: ReportItem['status']) => items.filter((i) => i.status === status).length;
  const resolved = count('done') + count('not-applicable');
  let actual = 0;
  for (const item of items) {
    if (item.status === 'done' && item.startedAt && item.finishedAt) {
      actual += (Date.parse(item.finishedAt) - Date.parse(item.startedAt)) / 60_000;
    }
  }
  return {
    total: items.length,
    done: count('done'),
    notApplicable: count('not-applicable'),
    blocked: count('blocked'),
    open: count('open'),
    failing: items.filter((i) => i.failing).length,
    percentComplete: items.length === 0 ? 100 : Math.floor((resolved * 100) / items.length),
    estimateMinutes: items.reduce((sum, i) => sum + (i.estimateMinutes ?? 0), 0),
    actualMinutes: Math.round(actual),
  };
}

function waiversOf(sections: ReportSection[]): ReportBody['gate']['waivers'] {
  return sections.flatMap((section) =>
    section.items.flatMap((item) =>
      item.waiver ? [{ itemId: item.id, title: item.title, ...item.waiver }] : [],
    ),
  );
}

export function fixtureBody(sections: ReportSection[] = [network, infrastructure, workplace]) {
  // A hand-made single-log report (format 2): a format-3 body would need the run's real history.
  const body: ReportBody = {
    format: REPORT_FORMAT,
    formatVersion: 2,
    reportId: 'run-2025-madrid-chamberi',
    revision: 2,
    supersedes: hashOf('revision 1 of the Madrid report'),
    run: {
      id: 'run-2025-madrid-chamberi',
      name: RUN_NAME,
      kind: 'new-office',
      office: 'Madrid',
      parameters: { seats: 120, country: 'ES', hasVoip: true },
      plannedGoLive: '2025-06-09',
      createdAt: '2025-06-02T07:30:00Z',
      createdBy: ADMIN,
    },
    definition: {
      id: 'new-office',
      version: TEMPLATE_VERSION,
      hash: hashOf('new-office 2.3.0'),
      title: 'New office go-live',
    },
    gate: {
      decision: waiversOf(sections).length > 0 ? 'go-with-waivers' : 'go',
      waivers: waiversOf(sections),
    },
    summary: summaryOf(sections),
    sections,
    hiddenItems: ['voip-trunk-test'],
    eventChain: { head: hashOf('event 412'), length: 412 },
    lessonsLearned: LESSONS_LEARNED,
    signedAt: '2025-06-08T18:45:00Z',
  };
  return body;
}

function keyPair(seed: number): { privateKey: Uint8Array; publicKey: string } {
  const privateKey = new Uint8Array(32).fill(seed);
  return { privateKey, publicKey: bytesToBase64url(ed25519PublicKey(privateKey)) };
}

export const ADMIN_KEY = keyPair(7);
export const SUPERVISOR_KEY = keyPair(11);

/**
 * The fixture report, signed off by the administrator and countersigned by the supervisor with
 * the core's own signing helpers (so the fixture follows the signature format as it evolves).
 */
export async function fixtureSignedReport(body: ReportBody = fixtureBody()): Promise<SignedReport> {
  const admin = createKeySigner(ADMIN_KEY.privateKey, {
    name: ADMIN.name,
    role: 'admin',
    office: 'Madrid',
  });
  const supervisor = createKeySigner(SUPERVISOR_KEY.privateKey, {
    name: SUPERVISOR.name,
    role: 'supervisor',
  });
  const signedOff = await signOff(admin, body, body.signedAt);
  return countersign(
    supervisor,
    signedOff,
    '2025-06-09T07:12:00Z',
    'Accepted. Repeat the speed test on Monday and attach the result to the next revision.',
  );
}

/**
 * A large report for the benchmark: `itemCount` items in sections of 25, `photoCount` of them with
 * a photo whose thumbnail is `photo(n)` (keyed by the attachment's sha256).
 */
export async function generatedSignedReport(
  itemCount: number,
  photoCount: number,
  photo: (index: number) => ReportThumbnail,
): Promise<{ signed: SignedReport; thumbnails: Map<string, ReportThumbnail> }> {
  const thumbnails = new Map<string, ReportThumbnail>();
  const sections: ReportSection[] = [];
  const photoEvery = Math.max(1, Math.floor(itemCount / Math.max(1, photoCount)));
  for (let index = 0; index < itemCount; index += 1) {
    if (index % 25 === 0) {
      const number = sections.length + 1;
      sections.push({
        id: `section-${number}`,
        title: `Section ${number}`,
        department: ['network', 'infrastructure', 'workplace', 'security'][number % 4] ?? 'network',
        items: [],
      });
    }
    const attachments: AttachmentRef[] = [];
    if (index % photoEvery === 0 && thumbnails.size < photoCount) {
      const thumbnail = photo(thumbnails.size);
      const ref = attachment(`photo-${index}.jpg`, thumbnail.mimeType, 2_000_000 + index);
      attachments.push(ref);
      thumbnails.set(ref.sha256, thumbnail);
    }
    const item: ReportItem = done(
      {
        id: `item-${index}`,
        title: `Generated check number ${index} with a reasonably long title`,
        type: index % 3 === 0 ? 'number' : 'check',
        severity: index % 5 === 0 ? 'blocking' : 'major',
        department: 'network',
        attachments,
        estimateMinutes: 15,
        ...(index % 3 === 0 ? { value: { type: 'number' as const, value: index * 1.5 } } : {}),
        ...(index % 4 === 0
          ? { notes: `Notes for item ${index}: checked with the site team.` }
          : {}),
      },
      20,
      '2025-06-07T12:00:00Z',
    );
    sections.at(-1)?.items.push(item);
  }
  return { signed: await fixtureSignedReport(fixtureBody(sections)), thumbnails };
}
