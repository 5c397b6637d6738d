// What verification found, readable at a glance: valid or not (icon and word), each signature
// with signer, role, key fingerprint and whether the key is trusted (and revoked later), then
// every warning (which leaves the report valid) and every problem.
import { useTranslation } from 'react-i18next';
import { CircleCheck, CircleX, KeyRound, TriangleAlert } from 'lucide-react';
import type { VerificationResult } from '../../../core/reports';

export function VerificationSummary({
  result,
  extraProblems = [],
}: {
  result: VerificationResult;
  extraProblems?: string[];
}) {
  const { t } = useTranslation();
  const problems = [
    ...extraProblems,
    ...result.problems.map((problem) =>
      problem.path ? `${problem.message} (${problem.path})` : problem.message,
    ),
  ];
  return (
    <section
      className={`verification ${result.valid ? 'is-valid' : 'is-invalid'}`}
      aria-label={t('review.verification')}
    >
      <p className="verification-verdict" role="status">
        {result.valid ? <CircleCheck aria-hidden size={20} /> : <CircleX aria-hidden size={20} />}
        {result.valid ? t('review.valid') : t('review.invalid')}
        {result.reportHash && (
          <span className="muted small">
            {t('review.fingerprint')} <code>{result.reportHash.slice(0, 16)}</code>
          </span>
        )}
      </p>
      {result.signatures.length > 0 && (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{t('review.purpose')}</th>
              <th scope="col">{t('review.signer')}</th>
              <th scope="col">{t('review.key')}</th>
              <th scope="col">{t('review.trusted')}</th>
              <th scope="col">{t('review.signatureValid')}</th>
            </tr>
          </thead>
          <tbody>
            {result.signatures.map((signature) => (
              <tr key={signature.index}>
                <td>{t(`review.purposes.${signature.purpose}`)}</td>
                <td>
                  {signature.signerName}{' '}
                  <span className="muted">({t(`roles.${signature.signerRole}`)})</span>
                  {signature.comment && <div className="muted small">“{signature.comment}”</div>}
                </td>
                <td>
                  <KeyRound aria-hidden size={13} /> <code>{signature.fingerprint}</code>
                </td>
                <td className={signature.keyTrusted ? 'ok' : 'bad'}>
                  {signature.keyTrusted ? t('review.yes') : t('review.no')}
                  {signature.keyTrusted && signature.revokedAt && (
                    <div className="small">
                      {t('review.revokedLater', { date: signature.revokedAt })}
                    </div>
                  )}
                </td>
                <td className={signature.valid ? 'ok' : 'bad'}>
                  {signature.valid ? t('review.yes') : t('review.no')}
                  {signature.problem && <div className="small">{signature.problem}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.warnings.length > 0 && (
        <ul className="verification-warnings">
          {result.warnings.map((warning) => (
            <li key={`${warning.signature}-${warning.code}`}>
              <TriangleAlert aria-hidden size={14} /> <strong>{t('review.warning')}</strong>{' '}
              {warning.message}
            </li>
          ))}
        </ul>
      )}
      {problems.length > 0 && (
        <ul className="verification-problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
