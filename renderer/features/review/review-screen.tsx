// The supervisor's review queue: reports signed on this device or imported from bundles and PDFs,
// newest first, each verified against the trust list. Also where trust lists come in and where a
// user hands out their public key.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button, DropZone, Text, type DropItem } from 'react-aria-components';
import { CircleCheck, CircleX, FileSearch, FileUp, KeyRound, ShieldCheck } from 'lucide-react';
import { parseTrustList, verifyReport } from '../../../core/reports';
import { Screen } from '../../ui/screen';
import { EmptyState } from '../../ui/empty-state';
import { services } from '../../app/services';
import { bridge } from '../../bridge/bridge';
import { useProfile } from '../profile/use-profile';
import { GateBadge } from '../runs/status-badges';
import { formatDateTime } from '../runs/dates';
import { useTrustList, replaceTrustList } from './use-trust-list';
import { keepImportedReport, readReportFile, type ReadReport } from './import-report';
import { VerificationSummary } from './verification-summary';
import { WaiversAwaiting } from '../waivers/waivers-awaiting';
import type { OpenedFile } from '../../../electron/common/ipc-contract';
import './review.css';

export function ReviewScreen() {
  const { t } = useTranslation();
  const trust = useTrustList();
  const rows = useLiveQuery(() => services.reports.list(), []);
  const [read, setRead] = useState<{ name: string; result: ReadReport; isKept: boolean }>();
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string }>();

  const importReport = async (keep: boolean) => {
    setMessage(undefined);
    const file = await bridge.openFile({
      title: t('review.importTitle'),
      extensions: ['zip', 'pdf'],
    });
    if (file) await checkFile(file, keep);
  };

  const checkFile = async (file: OpenedFile, keep: boolean) => {
    const result = await readReportFile(file, trust ?? null);
    let isKept = false;
    if (keep && result.signed) {
      try {
        await keepImportedReport(result);
        isKept = true;
      } catch (error) {
        result.problems.push((error as Error).message);
      }
    }
    setRead({ name: file.name, result, isKept });
  };

  /** The first file dropped is read and verified, not kept (Import keeps). */
  const checkDropped = async (items: readonly DropItem[]) => {
    for (const dropped of items) {
      if (dropped.kind !== 'file') continue;
      const file = await dropped.getFile();
      await checkFile({ name: file.name, data: new Uint8Array(await file.arrayBuffer()) }, false);
      break;
    }
  };

  const importTrustList = async () => {
    setMessage(undefined);
    const file = await bridge.openFile({ title: t('review.trustTitle'), extensions: ['json'] });
    if (!file) return;
    const parsed = parseTrustList(new TextDecoder().decode(file.data));
    if (!parsed.ok)
      return setMessage({
        tone: 'bad',
        text: `${t('review.trustInvalid')} ${parsed.problems.join(' ')}`,
      });
    await replaceTrustList(parsed.trust);
    setMessage({
      tone: 'ok',
      text: t('review.trustImported', { count: parsed.trust.keys.length }),
    });
  };

  const actions = (
    <>
      <Button className="button primary" onPress={() => void importReport(true)}>
        <FileUp aria-hidden size={15} /> {t('review.import')}
      </Button>
      <Button className="button" onPress={() => void importReport(false)}>
        <FileSearch aria-hidden size={15} /> {t('review.verifyFile')}
      </Button>
    </>
  );

  return (
    <Screen title={t('review.title')} intro={t('review.intro')} actions={actions}>
      <WaiversAwaiting />
      <DropZone
        className="drop-zone review-drop"
        onDrop={(event) => void checkDropped(event.items)}
      >
        <Text slot="label">{t('review.dropHere')}</Text>
      </DropZone>
      {read && (
        <section
          className="panel review-import"
          aria-label={t('review.fileResult', { name: read.name })}
        >
          <h2>{t('review.fileResult', { name: read.name })}</h2>
          <VerificationSummary
            result={read.result.verification}
            extraProblems={read.result.problems}
          />
          {read.isKept && <p className="ok-text">{t('review.kept')}</p>}
        </section>
      )}
      <TrustPanel
        keyCount={trust?.keys.length ?? 0}
        onImport={() => void importTrustList()}
        message={message}
      />
      {rows && rows.length === 0 && (
        <EmptyState
          icon={ShieldCheck}
          title={t('review.emptyTitle')}
          body={t('review.emptyBody')}
        />
      )}
      {rows && rows.length > 0 && <ReportTable rows={rows} trust={trust ?? null} />}
    </Screen>
  );
}

function ReportTable({
  rows,
  trust,
}: {
  rows: NonNullable<Awaited<ReturnType<typeof services.reports.list>>>;
  trust: Parameters<typeof verifyReport>[1];
}) {
  const { t, i18n } = useTranslation();
  const checked = useMemo(
    () => rows.map((row) => ({ row, result: verifyReport(JSON.parse(row.json), trust) })),
    [rows, trust],
  );
  return (
    <table className="data-table" aria-label={t('review.queue')}>
      <thead>
        <tr>
          <th scope="col">{t('review.report')}</th>
          <th scope="col">{t('review.office')}</th>
          <th scope="col">{t('review.decision')}</th>
          <th scope="col">{t('review.state')}</th>
          <th scope="col">{t('review.verification')}</th>
          <th scope="col">{t('review.signedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {checked.map(({ row, result }) => (
          <tr key={`${row.reportId}:${row.revision}`}>
            <th scope="row">
              <Link to={`/review/${row.reportId}/${row.revision}`}>{row.signed.body.run.name}</Link>{' '}
              <span className="muted small">
                r{row.revision} · {t(`review.sources.${row.source}`)}
              </span>
            </th>
            <td>{row.signed.body.run.office}</td>
            <td>
              <GateBadge decision={row.signed.body.gate.decision} size="small" />
            </td>
            <td>{result.status ? t(`review.status.${result.status}`) : '—'}</td>
            <td className={result.valid ? 'ok' : 'bad'}>
              <span className="cell-icon">
                {result.valid ? (
                  <CircleCheck aria-hidden size={15} />
                ) : (
                  <CircleX aria-hidden size={15} />
                )}
                {result.valid ? t('review.valid') : t('review.invalid')}
              </span>
            </td>
            <td>{formatDateTime(row.signed.body.signedAt, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TrustPanel({
  keyCount,
  onImport,
  message,
}: {
  keyCount: number;
  onImport: () => void;
  message?: { tone: 'ok' | 'bad'; text: string };
}) {
  const { t } = useTranslation();
  const profile = useProfile();
  const exportKey = async () => {
    if (!profile) return;
    const key = await bridge.getSigningKey();
    const entry = {
      publicKey: key.publicKey,
      name: profile.name,
      role: profile.role,
      office: profile.office,
    };
    const data = new TextEncoder().encode(`${JSON.stringify(entry, null, 2)}\n`);
    await bridge.saveFile({
      suggestedName: `${profile.name.replace(/\s+/g, '-')}-public-key.json`,
      mimeType: 'application/json',
      data,
    });
  };
  return (
    <section className="panel trust-panel" aria-labelledby="trust-heading">
      <h2 id="trust-heading">
        <KeyRound aria-hidden size={16} /> {t('review.trustHeading')}
      </h2>
      <p className="muted">
        {keyCount > 0 ? t('review.trustCount', { count: keyCount }) : t('review.trustNone')}
      </p>
      <div className="button-row">
        <Button className="button" onPress={onImport}>
          {t('review.importTrust')}
        </Button>
        <Button className="button" onPress={() => void exportKey()}>
          {t('review.exportKey')}
        </Button>
      </div>
      {message && (
        <p role="status" className={message.tone === 'ok' ? 'ok-text' : 'bad'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
