// Compare two versions of a template (/templates/:id/diff?from=1.0.0&to=1.1.0). The versions are
// picked with two selects that keep the URL in step, so a comparison can be bookmarked or shared.
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';
import { ArrowLeft, ArrowRight, ChevronDown, Info } from 'lucide-react';
import { Screen } from '../../ui/screen';
import type { DefinitionRow } from '../../storage/database';
import { DefinitionDiffView } from './definition-diff-view';
import { versionPath } from './template-paths';
import { useDefinitionVersions } from './use-definitions';
import './templates.css';

export function DefinitionDiffScreen() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const versions = useDefinitionVersions(id);
  if (versions === undefined) return <div className="loading" aria-busy="true" />;
  const latest = versions[0];
  const fromVersion = search.get('from') ?? versions[1]?.version ?? latest?.version ?? '';
  const toVersion = search.get('to') ?? latest?.version ?? '';
  const from = versions.find((row) => row.version === fromVersion);
  const to = versions.find((row) => row.version === toVersion);
  const choose = (which: 'from' | 'to', version: string) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('from', which === 'from' ? version : fromVersion);
        next.set('to', which === 'to' ? version : toVersion);
        return next;
      },
      { replace: true },
    );

  return (
    <Screen
      title={t('templates.diff.title')}
      intro={t('templates.diff.intro', { title: latest?.title ?? id })}
      actions={
        to !== undefined && (
          <Link to={versionPath(id, to.version)} className="button">
            <ArrowLeft aria-hidden size={16} />
            {t('templates.diff.back', { version: to.version })}
          </Link>
        )
      }
    >
      {versions.length < 2 ? (
        <p className="tpl-notice">
          <Info aria-hidden size={16} />
          <span>{t('templates.diff.notEnough')}</span>
        </p>
      ) : (
        <>
          <div className="tpl-diff-pickers">
            <VersionSelect
              label={t('templates.diff.from')}
              versions={versions}
              selected={fromVersion}
              onChange={(version) => choose('from', version)}
            />
            <ArrowRight aria-hidden size={18} className="tpl-diff-arrow" />
            <VersionSelect
              label={t('templates.diff.to')}
              versions={versions}
              selected={toVersion}
              onChange={(version) => choose('to', version)}
            />
          </div>
          {from === undefined || to === undefined || from === to ? (
            <p className="tpl-notice">
              <Info aria-hidden size={16} />
              <span>{t('templates.diff.sameVersion')}</span>
            </p>
          ) : (
            <DefinitionDiffView from={from.definition} to={to.definition} />
          )}
        </>
      )}
    </Screen>
  );
}

interface VersionSelectProps {
  label: string;
  versions: DefinitionRow[];
  selected: string;
  onChange: (version: string) => void;
}

function VersionSelect({ label, versions, selected, onChange }: VersionSelectProps) {
  const { t } = useTranslation();
  return (
    <Select
      className="field select"
      selectedKey={selected}
      onSelectionChange={(key) => {
        if (typeof key === 'string') onChange(key);
      }}
    >
      <Label>{label}</Label>
      <Button className="select-button">
        <SelectValue />
        <ChevronDown aria-hidden size={16} />
      </Button>
      <Popover className="popover">
        <ListBox className="listbox">
          {versions.map((row, index) => (
            <ListBoxItem
              key={row.version}
              id={row.version}
              className="listbox-item"
              textValue={row.version}
            >
              {index === 0
                ? t('templates.diff.latestOption', { version: row.version })
                : row.version}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
