// The PDF's fixed words in the user's language: the PDF renderer takes them as one object.
import { DEFAULT_PDF_LABELS, type PdfLabels } from '../../pdf/pdf-labels';
import { SPANISH_PDF_LABELS } from '../../pdf/pdf-labels-es';

export function pdfLabels(language: string): PdfLabels {
  return language.startsWith('es') ? SPANISH_PDF_LABELS : DEFAULT_PDF_LABELS;
}
