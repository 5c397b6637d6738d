// What happened, in the words a notification needs: one shape per cause, filled by the cause
// planners (causes/*.ts) inside the transaction of the change, rendered per recipient and
// language by messages.ts. An event carries facts only, never text for people.
import type { NotificationCause } from '../../core/sync/wire-protocol';

export interface RunRef {
  runId: string;
  runName: string;
  office: string;
  plannedGoLive: string;
}

export interface ReportRef {
  reportId: string;
  revision: number;
  runName: string;
  office: string;
  decision: 'go' | 'go-with-waivers' | 'no-go';
  signedAt: string;
  receivedAt: string;
}

export interface RaisedBlocker {
  itemId: string;
  title: string;
  department: string;
  reason: string;
}

export interface BlockerRaised extends RunRef {
  cause: 'blocker-raised';
  takenAt: string;
  /** The items blocked in this snapshot that were not blocked in the run's previous one. */
  raised: RaisedBlocker[];
  /** Every item blocked now. */
  blockedTotal: number;
}

export interface GoLiveSlipped extends RunRef {
  cause: 'go-live-slipped';
  takenAt: string;
  expectedGoLive: string;
  daysLate: number;
  /** Days late the last notice said; 0 when this is the first slip. */
  previousDaysLate: number;
  paceFactor: number;
  paceBasis: 'observed' | 'assumed' | 'finished';
  remainingWorkMinutes: number;
}

export interface CountersignWaiting extends ReportRef {
  cause: 'countersign-waiting';
}

export interface CountersignReminder extends ReportRef {
  cause: 'countersign-reminder';
  /** Whole hours since the hub received the report. */
  waitingHours: number;
}

export interface SentBack extends ReportRef {
  cause: 'sent-back';
  /** Who sent it back, and what they wrote. */
  by: string;
  comment: string;
  at: string;
}

export interface DigestRun extends RunRef {
  percentComplete: number;
  blocked: number;
  expectedGoLive: string;
  daysLate: number;
  takenAt: string;
}

export interface DailyDigest {
  cause: 'daily-digest';
  /** 'YYYY-MM-DD' (UTC) of the digest. */
  day: string;
  /** The offices it covers: every office (the head) or those listed (a supervisor). */
  scope: 'all' | string[];
  /** Runs in progress, latest snapshot each, not yet signed off. */
  runs: DigestRun[];
  /** Latest revisions waiting for a countersign. */
  waiting: ReportRef[];
  /** Latest revisions sent back and not replaced yet. */
  sentBack: ReportRef[];
}

export type NoticeEvent =
  BlockerRaised | GoLiveSlipped | CountersignWaiting | CountersignReminder | SentBack | DailyDigest;

/** The event of a cause. */
export type EventOf<C extends NotificationCause> = Extract<NoticeEvent, { cause: C }>;
