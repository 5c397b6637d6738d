// Migration 004_run_evidence on a SQLite hub that accepted attach events before it.
import { rawSqlite } from '../store/raw-database';
import { evidenceUpgradeCases } from './evidence-upgrade-cases';

evidenceUpgradeCases(rawSqlite);
