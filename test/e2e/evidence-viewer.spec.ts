// Evidence opens inside the app (issue 11, point 10): a click on a photo shows it in the viewer
// dialog, a text file or a PDF offers "Save a copy…" (a download in web mode, a native save dialog
// in the desktop app) and is never opened, and nothing ever opens a window (the desktop app's
// window policy denies them, so window.open(blob:) did nothing there). Screenshots of the viewer
// in the light and the dark theme go to test-results/screens/.
import { deflateSync } from 'node:zlib';
import { test, expect, completeFirstRun, saveScreenshot } from './fixtures';
import { EvidenceViewerPage } from './pages/evidence-viewer-page';
import { RunsPage } from './pages/runs-page';

const BERLIN = {
  template: 'New office go-live',
  name: 'Berlin office',
  goLive: '2026-12-07',
  text: {
    'Seats (workstations) on site': '120',
    'Country (ISO 3166-1 alpha-2 code, e.g. DE)': 'DE',
  },
  checks: ['The office has its own server room'],
  choices: { 'Work model': 'hybrid' },
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG (a panel label: coloured breaker rows on a grey plate), so the browser decodes it. */
function panelPhoto(width = 480, height = 300): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const band = Math.floor(y / 50);
      const isBreaker = x % 60 > 8 && x % 60 < 48 && y % 50 > 10 && y % 50 < 40;
      const colour = isBreaker
        ? [
            [200, 60, 50],
            [40, 120, 200],
            [60, 160, 80],
          ][band % 3]
        : [150 + band * 8, 155 + band * 8, 160 + band * 8];
      row.set(colour ?? [0, 0, 0], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('a photo opens in the in-app viewer; a text file and a PDF are offered for saving, never opened', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const popups: string[] = [];
  page.on('popup', (popup) => popups.push(popup.url()));
  await completeFirstRun(page);
  const runs = new RunsPage(page);
  await runs.startRun(BERLIN);
  await runs.openItem('electrical-circuits-dedicated');
  const evidence = new EvidenceViewerPage(page);

  // A photo: shown in the dialog, decoded for real.
  const photo = 'panel-label.png';
  await evidence.attach({ name: photo, mimeType: 'image/png', buffer: panelPhoto() });
  await evidence.open(photo);
  await expect(evidence.dialog(photo)).toBeVisible();
  await expect(evidence.photo(photo)).toBeVisible();
  expect(
    await evidence.photo(photo).evaluate((image: HTMLImageElement) => image.naturalWidth),
  ).toBe(480);
  await expect(evidence.dialog(photo)).toContainText('image/png');
  await saveScreenshot(page, testInfo, 'evidence-viewer-photo-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, testInfo, 'evidence-viewer-photo-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await evidence.close(photo);
  await expect(evidence.dialog(photo)).toBeHidden();

  // A text file: no preview, a save that downloads the same bytes.
  const config = 'switch-config.txt';
  const configText = 'hostname sw-ber-core-01\ninterface vlan 10\n';
  await evidence.attach({ name: config, mimeType: 'text/plain', buffer: Buffer.from(configText) });
  await evidence.open(config);
  await expect(evidence.dialog(config)).toContainText('never opens or runs attached files');
  await expect(evidence.dialog(config).getByRole('img')).toHaveCount(0);
  const download = page.waitForEvent('download');
  await evidence.saveButton(config).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(config);
  const stream = await saved.createReadStream();
  const chunks: Buffer[] = [];
  for await (const part of stream) chunks.push(part as Buffer);
  expect(Buffer.concat(chunks).toString()).toBe(configText);
  await expect(evidence.dialog(config).getByRole('status')).toContainText(`Saved: ${config}`);
  await saveScreenshot(page, testInfo, 'evidence-viewer-file-light');
  await evidence.close(config);

  // A PDF: not framed (the CSP allows no frames or plugins), offered for saving.
  const plan = 'circuit-plan.pdf';
  await evidence.attach({
    name: plan,
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
  });
  await evidence.open(plan);
  await expect(evidence.dialog(plan)).toContainText('PDF files are not shown inside the app');
  await expect(page.locator('iframe, embed, object')).toHaveCount(0);
  await expect(evidence.saveButton(plan)).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(evidence.dialog(plan)).toBeHidden();

  expect(popups).toEqual([]);
});
