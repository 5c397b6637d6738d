// Renders assets/icon.svg to the PNGs packaging uses: assets/icons/<size>x<size>.png (the Linux icon
// set) and assets/icon.png (512x512: Windows and macOS; electron-builder makes the .ico and .icns
// from it). The PNGs are committed, so packaging needs no SVG tool; run this after changing the SVG.
// Needs rsvg-convert (Debian/Ubuntu: apt-get install librsvg2-bin; macOS: brew install librsvg) or
// ImageMagick's convert/magick. Usage: node electron/build-icons.mjs
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = path.join(root, 'assets', 'icon.svg');
const iconsDir = path.join(root, 'assets', 'icons');
/** The sizes Linux desktops look up; 512 is also the Windows/macOS source. */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

function works(command, args) {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A function that renders the SVG at `size` into `target`, with the first tool that works. */
function findRenderer() {
  if (works('rsvg-convert', ['--version'])) {
    return (size, target) =>
      execFileSync('rsvg-convert', ['-w', String(size), '-h', String(size), '-o', target, source]);
  }
  for (const magick of ['magick', 'convert']) {
    if (works(magick, ['-version'])) {
      return (size, target) =>
        execFileSync(magick, [
          '-background',
          'none',
          '-density',
          '384',
          source,
          '-resize',
          `${size}x${size}`,
          `PNG32:${target}`,
        ]);
    }
  }
  throw new Error(
    'No SVG renderer found: install rsvg-convert (apt-get install librsvg2-bin) or ImageMagick.',
  );
}

const render = findRenderer();
mkdirSync(iconsDir, { recursive: true });
for (const size of ICON_SIZES) {
  const target = path.join(iconsDir, `${size}x${size}.png`);
  render(size, target);
  console.log(`rendered ${path.relative(root, target)}`);
}
copyFileSync(path.join(iconsDir, '512x512.png'), path.join(root, 'assets', 'icon.png'));
console.log('copied assets/icons/512x512.png to assets/icon.png');
