// One run, where the administrator lives on site: header with the gate, toolbar, sections, the
// virtualized checklist (or the waiting-on view) and the selected item's detail.
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { X } from 'lucide-react';
import { services } from '../../app/services';
import { useProfile } from '../profile/use-profile';
import { useRunView, type RunView } from './use-run-view';
import { useRunUiStore, type RunViewMode } from './use-run-ui-store';
import { createRunCommands } from './run-actions';
import { showingView } from './pending-answers';
import { filterItems } from './filter-items';
import { RunHeader } from './run-header';
import { RunVersionPanel } from './move-version/run-version-panel';
import { RunToolbar, SEARCH_ID } from './run-toolbar';
import { BulkBar } from './bulk-bar';
import { SectionNav } from './section-nav';
import { ItemList } from './item-list';
import { DETAIL_ID, ItemDetail } from './item-detail';
import { WaitingView } from './waiting-view';
import { ReasonDialog } from './reason-dialog';
import { FailingAnswerDialog } from './failing-answer-dialog';
import { DigestDialog } from './digest-dialog';
import { ShortcutsHelp } from './shortcuts-help';
import { useRunShortcuts } from './use-run-shortcuts';
import './runs.css';
import type { Profile } from '../../../core/people/profile';
import { canSignOff } from '../../../core/reports';
import { Button, TabPanel, Tabs } from 'react-aria-components';
import { ShieldCheck } from 'lucide-react';
import { SignOffDialog } from '../signoff/sign-off-dialog';
import { SentBackNotice, SignedReportPanel } from '../signoff/signed-report-panel';
import { RunTeamContext, useRunTeam, withConflicts } from '../team/use-run-team';
import { TeamButton } from '../team/team-button';
import { TeamBar } from '../team/team-bar';
import { ChainView } from '../team/chain-view';
import '../team/team.css';
import { markOnce } from '../../app/startup-marks';

markOnce('run:module');

export function RunScreen() {
  const { t } = useTranslation();
  const { runId = '' } = useParams();
  const view = useRunView(runId);
  const profile = useProfile();
  const reset = useRunUiStore((state) => state.reset);
  useEffect(() => reset, [runId, reset]);

  if (view === undefined || !profile) return <div className="loading" aria-busy="true" />;
  if (view === null) return <p className="empty-state">{t('runs.errors.notFound')}</p>;
  return <LoadedRunScreen view={view} profile={profile} />;
}

/** Runs `work` when the browser is idle (at the latest after a second); returns a cancel. */
function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(work, { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, 0);
  return () => clearTimeout(id);
}

function useIntegrityProblem(runId: string): string | undefined {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    let isLive = true;
    // Once the screen is painted and the browser idle: the first key press must not wait for the
    // whole history to be read and verified.
    const check = () =>
      void services.runs
        .load(runId)
        .then((loaded) => {
          if (!isLive || !loaded) return;
          const { log, tamperedItems } = loaded.integrity;
          if (!log.ok) setProblem(log.reason);
          else if (tamperedItems.length > 0)
            setProblem(t('runs.header.tamperedItems', { items: tamperedItems.join(', ') }));
        })
        // Then the run in memory, so the first tick is written as fast as the next ones.
        .then(() => (isLive ? services.runs.prepare(runId) : undefined))
        .catch((error: unknown) => console.warn('preparing the run failed', error));
    const cancel = whenIdle(check);
    return () => {
      isLive = false;
      cancel();
    };
  }, [runId, t]);
  return problem;
}

const MY_DEPARTMENT_KEY = 'golive.myDepartment';

/** `list`, or the previous one when it holds the same items in the same order. */
function useSameList<T>(list: T[]): T[] {
  const [kept, setKept] = useState(list);
  const same =
    kept === list ||
    (kept.length === list.length && kept.every((entry, index) => entry === list[index]));
  if (!same) setKept(list);
  return same ? kept : list;
}

function LoadedRunScreen({ view: runView, profile }: { view: RunView; profile: Profile }) {
  const { t } = useTranslation();
  const runId = runView.run.id;
  useEffect(() => markOnce('run:rendered'), []);
  const {
    sectionId,
    filter,
    search,
    selectedItemId,
    view: chosenMode,
    message,
    clearMessage,
    select,
    setFilter,
    setView,
  } = useRunUiStore();
  // A shared run (features/team): members, conflicts (they hold the gate), "Ready for you".
  const team = useRunTeam(runView, chosenMode === 'chain');
  // The department chain is a shared run's view: a run nobody shares shows its checklist instead.
  const mode = chosenMode === 'chain' && !team?.shared ? 'checklist' : chosenMode;
  const conflicts = team?.conflicts;
  const view = useMemo(
    () => (conflicts ? withConflicts(runView, conflicts) : runView),
    [runView, conflicts],
  );
  const hasConflicts = (conflicts?.size ?? 0) > 0;
  const [myDepartment, setMyDepartment] = useState(
    () => localStorage.getItem(MY_DEPARTMENT_KEY) ?? undefined,
  );
  // Titles for the refusals' sentences (the definition changes only when the run moves version).
  const { definition } = view;
  // An action paints its answer from what the screen shows now (run-actions.ts).
  useEffect(() => showingView(view, conflicts), [view, conflicts]);
  const commands = useMemo(() => {
    const titles = new Map(
      definition.sections.flatMap((section) => section.items.map((item) => [item.id, item.title])),
    );
    return createRunCommands(runId, profile, {
      titleOf: (itemId) => titles.get(itemId),
    });
  }, [runId, profile, definition]);
  // The gate and progress look at every answer: they follow a tick just after its row is painted
  // (React renders them in the background), so a key press repaints its row in the same frame.
  const wholeRunView = useDeferredValue(view);
  const integrityProblem = useIntegrityProblem(runId);
  const eventCount = useLiveQuery(() => services.runs.eventCount(runId), [runId]) ?? 0;

  const filtered = useMemo(
    () =>
      filterItems(view, {
        sectionId,
        filter,
        search,
        myDepartment,
        ...(team
          ? {
              myDepartments: team.myDepartments,
              ...(team.myItems ? { myItems: team.myItems } : {}),
              ready: team.readyIds,
              conflicts: team.conflicts,
            }
          : {}),
      }),
    [view, sectionId, filter, search, myDepartment, team],
  );
  // The same list as before when a tick did not change which items show: the list keeps its rows.
  const refs = useSameList(filtered);
  const latestReport = useLiveQuery(() => services.reports.latestForRun(runId), [runId]);
  const [isSigning, setSigning] = useState(false);
  const isSigned = view.run.state === 'signed';
  // A shared run is signed off by its owner only (engineers never sign; the hub's trust list agrees).
  const isOthersRun = Boolean(team?.shared && !team.isOwner);
  const canSign = canSignOff(wholeRunView.gate) && !hasConflicts && !isOthersRun;
  const signOffActions =
    isSigned && latestReport ? (
      <SignedReportPanel row={latestReport} />
    ) : (
      <SentBackNotice row={latestReport}>
        <Button
          className="button primary"
          isDisabled={!canSign}
          onPress={() => setSigning(true)}
          aria-describedby={canSign ? undefined : 'sign-off-help'}
        >
          <ShieldCheck aria-hidden size={16} /> {t('signoff.action')}
        </Button>
      </SentBackNotice>
    );
  const actions = (
    <>
      {team && <TeamButton view={view} team={team} />}
      {signOffActions}
    </>
  );
  const selected = selectedItemId ? view.refs.get(selectedItemId) : undefined;

  useEffect(() => {
    if (!selectedItemId && refs[0]) select(refs[0].item.id);
  }, [selectedItemId, refs, select]);

  const focusSearch = useCallback(() => document.getElementById(SEARCH_ID)?.focus(), []);
  const focusEditor = useCallback((target: 'value' | 'notes') => {
    const detail = document.getElementById(DETAIL_ID);
    const field =
      target === 'notes'
        ? document.getElementById('item-notes')
        : (detail?.querySelector<HTMLElement>('[data-autofocus]') ??
          detail?.querySelector<HTMLElement>('button:not([disabled])'));
    field?.focus();
  }, []);
  useRunShortcuts({ view, refs, commands, focusSearch, focusEditor });

  return (
    <RunTeamContext.Provider value={team}>
      <div className="run-screen">
        <RunHeader view={wholeRunView} integrityProblem={integrityProblem} actions={actions} />
        <RunVersionPanel view={view} profile={profile} onOpenItem={select} />
        {!isSigned && !canSign && (
          <span id="sign-off-help" hidden>
            {isOthersRun
              ? t('team.signOwnerOnly', { name: team?.shared?.info.owner.name ?? '' })
              : hasConflicts
                ? t('team.conflictsBanner', { count: conflicts?.size ?? 0 })
                : t('signoff.actionHelp')}
          </span>
        )}
        {/* The toolbar's tabs switch the views below: each view is its tab's panel. */}
        <Tabs
          className="run-views"
          selectedKey={mode}
          onSelectionChange={(key) => setView(key as RunViewMode)}
        >
          <RunToolbar
            departments={view.definition.departments}
            myDepartment={myDepartment}
            onMyDepartment={(department) => {
              localStorage.setItem(MY_DEPARTMENT_KEY, department);
              setMyDepartment(department);
            }}
            onUndo={() => void commands.undo()}
            canUndo={eventCount > 0 && view.run.state !== 'signed'}
            isShared={Boolean(team?.shared)}
            hasHubDepartments={(team?.myDepartments.length ?? 0) > 0}
          />
          {team && (
            <TeamBar
              team={team}
              onOpenItem={(itemId) => {
                select(itemId);
                focusEditor('value');
              }}
              onShowConflicts={() => setFilter('conflicts')}
            />
          )}
          {message && (
            <div className={`run-message ${message.tone}`} role="alert">
              <span>{message.text}</span>
              <button
                type="button"
                className="icon-button"
                aria-label={t('runs.shortcuts.close')}
                onClick={clearMessage}
              >
                <X aria-hidden size={15} />
              </button>
            </div>
          )}
          <TabPanel id="checklist" className="run-view-panel">
            <div className="run-body">
              <SectionNav view={wholeRunView} />
              <div className="run-list">
                <BulkBar view={view} />
                <ItemList view={view} refs={refs} onOpen={() => focusEditor('value')} />
                {refs.length < view.visibility.visible.length && (
                  <p className="muted small list-footer">
                    {t('runs.items.hidden', {
                      count: view.visibility.visible.length - refs.length,
                    })}
                  </p>
                )}
              </div>
              {/* Focusable: it scrolls, and a signed run's detail has nothing else to focus. */}
              <aside
                className="run-detail"
                tabIndex={0}
                aria-label={selected?.item.title ?? t('runs.detail.none')}
              >
                {selected ? (
                  <ItemDetail
                    key={selected.item.id}
                    view={view}
                    itemRef={selected}
                    commands={commands}
                  />
                ) : (
                  <p className="muted">{t('runs.detail.none')}</p>
                )}
              </aside>
            </div>
          </TabPanel>
          <TabPanel id="waiting" className="run-view-panel">
            <WaitingView view={view} />
          </TabPanel>
          <TabPanel id="chain" className="run-view-panel">
            {team ? (
              <ChainView view={view} team={team} />
            ) : (
              <div className="loading" aria-busy="true" />
            )}
          </TabPanel>
        </Tabs>
        <ReasonDialog commands={commands} />
        <FailingAnswerDialog view={view} commands={commands} />
        <DigestDialog view={view} />
        <ShortcutsHelp />
        <SignOffDialog
          runId={runId}
          runName={view.run.name}
          gate={wholeRunView.gate}
          profile={profile}
          isOpen={isSigning}
          onOpenChange={setSigning}
        />
      </div>
    </RunTeamContext.Provider>
  );
}
