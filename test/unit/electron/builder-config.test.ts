// electron-builder.yml as electron-builder reads it: valid against electron-builder's own schema,
// the installers for each OS, only the built app packed (in an asar), every fuse set, and icons that
// exist at the sizes their names say (read from the PNG header, so no image library is needed).
import path from 'node:path';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
>;
const section = (name: string) => (config[name] ?? {}) as Record<string, unknown>;

/** Width, height and colour type from a PNG's IHDR chunk. */
function pngHeader(file: string): { width: number; height: number; colourType: number } {
  const bytes = readFileSync(file);
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  expect([...bytes.subarray(0, 8)], `${file} is a PNG`).toEqual(signature);
  expect(bytes.subarray(12, 16).toString('latin1'), 'the first chunk is IHDR').toBe('IHDR');
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    colourType: bytes[25] ?? -1,
  };
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema", async () => {
    // The same check `electron-builder` runs before packaging (app-builder-lib ships with it).
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: { isEnabled: boolean }): Promise<void>;
    };
    await expect(validateConfiguration(config, { isEnabled: false })).resolves.toBeUndefined();
    // And the check bites: a misspelt fuse is refused.
    await expect(
      validateConfiguration(
        { ...config, electronFuses: { runAsNod: false } },
        { isEnabled: false },
      ),
    ).rejects.toThrow(/electronFuses/);
  });

  it('names the app', () => {
    expect(config.appId).toBe('org.golive.checklists');
    expect(config.productName).toBe('Go-live Checklists');
  });

  it('builds AppImage and deb on Linux, NSIS on Windows, dmg on macOS', () => {
    expect(section('linux').target).toEqual(['AppImage', 'deb']);
    expect(section('win').target).toEqual(['nsis']);
    expect(section('mac').target).toEqual(['dmg']);
  });

  it('packs only the built app and package.json, in an asar, without source maps', () => {
    // What these globs pack, node_modules included: test/unit/build/asar-plan.test.ts.
    expect(config.files).toEqual([
      'dist/electron/**',
      'dist/renderer/**',
      '!**/*.map',
      'package.json',
    ]);
    expect(config.asar).toBe(true);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      main: string;
    };
    expect(pkg.main, 'the entry is inside what is packed').toMatch(/^dist\/electron\//);
  });

  it('sets every fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('points every platform at an icon that exists', () => {
    const linuxIcon = path.join(root, String(section('linux').icon));
    expect(existsSync(linuxIcon)).toBe(true);
    for (const platform of ['win', 'mac']) {
      const icon = path.join(root, String(section(platform).icon));
      expect(existsSync(icon), icon).toBe(true);
      // electron-builder needs at least 256x256 for .ico and 512x512 for .icns.
      expect(pngHeader(icon)).toMatchObject({ width: 512, height: 512 });
    }
  });

  it('has a Linux icon set whose PNGs are the sizes their names say, with transparency', () => {
    const folder = path.join(root, String(section('linux').icon));
    const names = readdirSync(folder).filter((name) => name.endsWith('.png'));
    expect(names.sort()).toEqual(
      [16, 24, 32, 48, 64, 128, 256, 512].map((size) => `${size}x${size}.png`).sort(),
    );
    for (const name of names) {
      const size = Number(/^(\d+)x\1\.png$/.exec(name)?.[1]);
      // Colour type 6: RGBA, so the rounded corners are transparent on any background.
      expect(pngHeader(path.join(folder, name)), name).toEqual({
        width: size,
        height: size,
        colourType: 6,
      });
    }
  });

  it('keeps the SVG the PNGs are rendered from', () => {
    const svg = readFileSync(path.join(root, 'assets', 'icon.svg'), 'utf8');
    expect(svg).toMatch(/<svg[^>]+viewBox="0 0 512 512"/);
  });
});
