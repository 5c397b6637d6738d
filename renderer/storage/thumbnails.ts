// Small JPEG previews of image attachments, made once when a file is attached so lists of
// evidence never decode full-size photos. Best effort: outside a browser (tests, workers without
// OffscreenCanvas), for non-images or undecodable files it returns undefined and never throws.

export const THUMBNAIL_MAX_PIXELS = 320;
const THUMBNAIL_QUALITY = 0.8;

export async function makeThumbnail(blob: Blob, mimeType: string): Promise<Blob | undefined> {
  if (!mimeType.startsWith('image/')) return undefined;
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function')
    return undefined;
  try {
    const bitmap = await createImageBitmap(blob);
    try {
      const scale = Math.min(1, THUMBNAIL_MAX_PIXELS / Math.max(bitmap.width, bitmap.height));
      const width = Math.max(1, Math.round(bitmap.width * scale));
      const height = Math.max(1, Math.round(bitmap.height * scale));
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d');
      if (!context) return undefined;
      context.fillStyle = '#fff'; // JPEG has no alpha: transparent PNGs get a white background
      context.fillRect(0, 0, width, height);
      context.drawImage(bitmap, 0, 0, width, height);
      return await canvas.convertToBlob({ type: 'image/jpeg', quality: THUMBNAIL_QUALITY });
    } finally {
      bitmap.close();
    }
  } catch {
    return undefined;
  }
}
