// Reports: POST /v1/reports (a bundle, application/zip: ingest-report.ts), GET /v1/reports (the
// revisions the caller may see) and GET /v1/reports/:reportId/:revision (the bundle).
import type { FastifyInstance } from 'fastify';
import type { ReportListEntry, ReportListResponse } from '../../core/sync/wire-protocol';
import { PATHS, REPORT_HASH_HEADER, reportListQuerySchema } from '../../core/sync/wire-protocol';
import { canRead, readScope } from '../access';
import { reportListResponseSchema, reportParamsSchema, reportReceiptSchema } from '../api-schemas';
import { principalOf } from '../auth';
import type { HubContext } from '../hub-context';
import { acceptsBody } from '../body-policy';
import { badRequest } from '../hub-error';
import { ingestReport } from '../ingest-report';
import { content, DEVICE_AUTH, errors, jsonSchema, ok } from '../openapi';
import { parseInput } from '../parse-input';
import { accessibleRevision, noSuchRevision } from '../report-access';
import { currentBundle } from '../report-bundle';
import type { ReportMeta } from '../store/hub-store';

function listEntry(meta: ReportMeta): ReportListEntry {
  return {
    reportId: meta.reportId,
    revision: meta.revision,
    reportHash: meta.reportHash,
    office: meta.office,
    runName: meta.runName,
    definitionId: meta.definitionId,
    definitionVersion: meta.definitionVersion,
    decision: meta.decision,
    signedAt: meta.signedAt,
    receivedAt: meta.receivedAt,
    reviewState: meta.reviewState,
  };
}

export function registerReportRoutes(app: FastifyInstance, context: HubContext): void {
  app.post(
    PATHS.reports,
    {
      ...acceptsBody({
        purpose: 'push reports',
        contentTypes: ['application/zip'],
        limits: {
          admin: context.limits.reportBundleBytes,
          coordinator: context.limits.reportBundleBytes,
        },
      }),
      schema: {
        summary: 'Push a signed report bundle (administrators and coordinators, own office)',
        description:
          'Verified on the bytes received. The same bytes again: 200 with the original receipt (replay: true). Other bytes for a stored revision, an older revision, or a revision whose supersedes does not name the stored previous one: 409.',
        tags: ['reports'],
        security: DEVICE_AUTH,
        body: { content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } },
        response: {
          201: ok('Stored: the receipt', reportReceiptSchema),
          200: ok(
            'These exact bytes were stored before: the original receipt',
            reportReceiptSchema,
          ),
          ...errors(400, 401, 403, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (!Buffer.isBuffer(request.body)) {
        throw badRequest('Send the report bundle as the body, with Content-Type: application/zip.');
      }
      const outcome = await ingestReport(context, principal, request.body);
      return reply.status(outcome.status).send(outcome.receipt);
    },
  );

  app.get(
    PATHS.reports,
    {
      schema: {
        summary: 'Report revisions the caller may read',
        description:
          'Administrators: their office; supervisors: the offices they supervise; the head: all.',
        tags: ['reports'],
        security: DEVICE_AUTH,
        querystring: jsonSchema(reportListQuerySchema),
        response: {
          200: ok('Report revisions, oldest first', reportListResponseSchema),
          ...errors(400, 401),
        },
      },
    },
    async (request): Promise<ReportListResponse> => {
      const { user } = principalOf(request);
      const query = parseInput(reportListQuerySchema, request.query, 'query');
      const since = query.since === undefined ? undefined : new Date(query.since).toISOString();
      const reports = await context.store.listReports(readScope(user), since);
      return { reports: reports.map(listEntry) };
    },
  );

  app.get(
    PATHS.report,
    {
      schema: {
        summary: 'One report revision as a bundle, with every signature',
        description:
          "Another office's report answers exactly like a missing one (404): its existence is not disclosed.",
        tags: ['reports'],
        security: DEVICE_AUTH,
        params: jsonSchema(reportParamsSchema),
        response: {
          200: content('The report bundle (its reportHash in x-report-hash)', 'application/zip'),
          ...errors(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const { user } = principalOf(request);
      const params = parseInput(reportParamsSchema, request.params, 'path');
      const revision = Number(params.revision);
      await accessibleRevision(context.store, params.reportId, revision, (office) =>
        canRead(user, office),
      );
      const stored = await context.store.getReport(params.reportId, revision);
      if (!stored) throw noSuchRevision(params.reportId, revision);
      const bytes = await currentBundle(context.store, stored.meta, stored.bundle);
      return reply
        .header('content-type', 'application/zip')
        .header(REPORT_HASH_HEADER, stored.meta.reportHash)
        .header('content-disposition', `attachment; filename="report-r${revision}.zip"`)
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );
}
