// Small status labels of the templates screens. Never colour alone: each is an icon and a word.
import { useTranslation } from 'react-i18next';
import {
  Camera,
  CircleMinus,
  CirclePlus,
  Cloud,
  Info,
  MoveRight,
  OctagonAlert,
  Package,
  PencilLine,
  Replace,
  TriangleAlert,
  Undo2,
  Upload,
  type LucideIcon,
} from 'lucide-react';
import type { EVIDENCE_LEVELS, Severity } from '../../../core/definitions';
import type { DefinitionSource } from '../../storage/database';

const SEVERITY_ICONS: Record<Severity, LucideIcon> = {
  blocking: OctagonAlert,
  major: TriangleAlert,
  minor: Info,
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  const Icon = SEVERITY_ICONS[severity];
  return (
    <span className={`tpl-badge tpl-severity-${severity}`}>
      <Icon aria-hidden size={14} />
      {t(`templates.severity.${severity}`)}
    </span>
  );
}

export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved' | 'renamed';

export const CHANGE_ICONS: Record<ChangeKind, LucideIcon> = {
  added: CirclePlus,
  removed: CircleMinus,
  changed: PencilLine,
  moved: MoveRight,
  renamed: Replace,
};

export function ChangeBadge({ kind }: { kind: ChangeKind }) {
  const { t } = useTranslation();
  const Icon = CHANGE_ICONS[kind];
  return (
    <span className={`tpl-badge tpl-change-${kind}`}>
      <Icon aria-hidden size={14} />
      {t(`templates.diff.kind.${kind}`)}
    </span>
  );
}

const SOURCE_ICONS: Record<DefinitionSource, LucideIcon> = {
  bundled: Package,
  imported: Upload,
  hub: Cloud,
};

export function SourceLabel({ source }: { source: DefinitionSource }) {
  const { t } = useTranslation();
  const Icon = SOURCE_ICONS[source];
  return (
    <span className="tpl-icon-label">
      <Icon aria-hidden size={14} />
      {t(`templates.source.${source}`)}
    </span>
  );
}

export function EvidenceLabel({ level }: { level: (typeof EVIDENCE_LEVELS)[number] }) {
  const { t } = useTranslation();
  if (level === 'none')
    return <span className="tpl-muted-inline">{t('templates.evidence.none')}</span>;
  return (
    <span className={`tpl-icon-label tpl-evidence-${level}`}>
      <Camera aria-hidden size={14} />
      {t(`templates.evidence.${level}`)}
    </span>
  );
}

export function ChangeItemFlag() {
  const { t } = useTranslation();
  return (
    <span className="tpl-icon-label" title={t('templates.items.changeHint')}>
      <Undo2 aria-hidden size={14} />
      {t('templates.items.change')}
    </span>
  );
}
