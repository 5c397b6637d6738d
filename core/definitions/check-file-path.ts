// A definition's file name must say the version inside, so a file cannot be copied to a new version
// without its version field following (or vice versa):
// - anywhere, a file named like a version (`1.2.0.yaml`, `drafts/new-office/1.2.0.yml`) must
//   declare that version;
// - under `checklists/`, the layout is strict: checklists/<id>/<version>.yaml, the folder is the id.
// Other names (`tiny-office.yaml`, `backup/new-office@1.0.0.yaml`) say nothing about the version.
import type { CheckContext } from './check-context';
import { SEMVER } from './schema';

const CHECKLISTS_PATH = /(?:^|[\\/])checklists[\\/]([^\\/]+)[\\/]([^\\/]+)$/;
/** A file name whose stem looks like a version: 1.2.0, 1.2, v1.2.0, 1.2.0-draft. */
const VERSION_LIKE_NAME = /^v?\d+\.\d+(?:\.\d+)?(?:[-+][^\\/]*)?\.ya?ml$/i;
const LAST_TWO_SEGMENTS = /(?:^|[\\/])(?:([^\\/]+)[\\/])?([^\\/]+)$/;

export function checkFilePath(context: CheckContext): void {
  const inChecklists = CHECKLISTS_PATH.exec(context.filePath);
  if (inChecklists !== null) {
    checkChecklistsLayout(context, inChecklists[1] as string, inChecklists[2] as string);
    return;
  }
  const fileName = LAST_TWO_SEGMENTS.exec(context.filePath)?.[2] ?? '';
  if (VERSION_LIKE_NAME.test(fileName)) checkVersionName(context, fileName);
}

function checkChecklistsLayout(context: CheckContext, folder: string, fileName: string): void {
  const { definition, report } = context;
  if (folder !== definition.id) {
    report(
      ['id'],
      `id "${definition.id}" does not match its folder checklists/${folder}/: move the file to checklists/${definition.id}/, or set id: ${folder}`,
    );
  }
  if (!fileName.endsWith('.yaml')) {
    report(
      ['version'],
      `the file must be named <version>.yaml: rename ${fileName} to ${definition.version}.yaml`,
    );
    return;
  }
  checkVersionName(context, fileName);
}

function checkVersionName({ definition, report }: CheckContext, fileName: string): void {
  const extension = /\.ya?ml$/i.exec(fileName)?.[0] ?? '.yaml';
  const fileVersion = fileName.slice(0, -extension.length);
  if (fileVersion === definition.version) return;
  const orSet = SEMVER.test(fileVersion) ? `, or set version: ${fileVersion}` : '';
  report(
    ['version'],
    `version "${definition.version}" does not match the file name ${fileName}: rename the file to ${definition.version}${extension}${orSet}`,
  );
}
