// pdfmake with its fonts, configured once, for both runtimes the renderer code runs in:
// - the browser (Vite bundle in Electron and web mode): `pdfmake` resolves to its browser build
//   (package.json "browser" field), which has `addVirtualFileSystem`;
// - node (vitest, benches): `pdfmake` resolves to its node build, which reads fonts from the same
//   in-memory virtual file system (`virtualfs`) before it would touch the disk.
// The fonts are pdfmake's Roboto (Latin, Greek, Cyrillic: enough for Spanish and the other Latin
// scripts), shipped as base64 in build/vfs_fonts.js (~850 KB): import this module lazily, only
// when a PDF is made. Network and local file access are denied: a document only uses what it
// carries (fonts from the vfs, images as data URLs).
import pdfMake from 'pdfmake';
import robotoVfs from 'pdfmake/build/vfs_fonts.js';

/** Family name used by the document definitions (defaultStyle.font). */
export const PDF_FONT = 'Roboto';

const ROBOTO = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
};

/** The parts of pdfmake's runtime object this module relies on (not all are in its types). */
interface PdfMakeRuntime {
  virtualfs?: { writeFileSync(name: string, content: string, encoding: string): void };
  addVirtualFileSystem?: (vfs: Record<string, string>) => void;
  setLocalAccessPolicy?: (callback: (path: string) => boolean) => void;
}

let configured = false;

/** pdfmake, with Roboto loaded and external access denied. Idempotent. */
export function pdfMakeWithFonts(): typeof pdfMake {
  if (configured) return pdfMake;
  const runtime = pdfMake as unknown as PdfMakeRuntime;
  const vfs = robotoVfs as unknown as Record<string, string>;
  if (typeof runtime.addVirtualFileSystem === 'function') {
    runtime.addVirtualFileSystem(vfs);
  } else if (runtime.virtualfs) {
    for (const [name, base64] of Object.entries(vfs)) {
      runtime.virtualfs.writeFileSync(name, base64, 'base64');
    }
  } else {
    throw new Error('pdfmake has no virtual file system to load its fonts into.');
  }
  pdfMake.setFonts({ [PDF_FONT]: ROBOTO });
  pdfMake.setUrlAccessPolicy(() => false);
  // Node build only: without it, pdfmake could read any local path named in a document.
  runtime.setLocalAccessPolicy?.(() => false);
  configured = true;
  return pdfMake;
}
