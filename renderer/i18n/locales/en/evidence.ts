// The evidence viewer (renderer/features/evidence/): photos shown in the app, other files saved.
export const evidence = {
  photoAlt: 'Evidence photo {{name}}',
  type: 'Type',
  size: 'Size',
  fingerprint: 'SHA-256',
  unknownType: 'unknown',
  pdfNote: 'PDF files are not shown inside the app. Save a copy and open it with your PDF reader.',
  otherNote:
    'The app never opens or runs attached files. Save a copy and open it with a program you trust.',
  notShown:
    'This image cannot be shown: the file may be damaged or not an image. You can still save a copy.',
  save: 'Save a copy…',
  saving: 'Saving…',
  saved: 'Saved: {{location}}',
  saveFailed: 'Could not save the file: {{message}}',
  close: 'Close',
};
