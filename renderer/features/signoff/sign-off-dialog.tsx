// Signing the site off: the gate must allow it; the dialog states what is still open (items by
// severity, waivers by state), the failing answers and the evidence files whose bytes are not on
// this device (with a way to fetch them) before the signature; the administrator writes the
// lessons learned (what went wrong, what check was missing: input for the template's next
// version), then signs with the device key. The run freezes and the report waits in the outbox for
// the hub. After a send-back, the previous revision's lessons learned are carried over, editable
// (issue 16). What it shows is sign-off-form.tsx; this wires it to the database, sync and the key.
import { useEffect, useState } from 'react';
import type { Profile } from '../../../core/people/profile';
import type { GateResult } from '../../../core/runs';
import { services } from '../../app/services';
import { bridge } from '../../bridge/bridge';
import { createDeviceSigner } from '../../bridge/device-signer';
import { OpenItemsSummary } from './open-items-summary';
import { SignOffForm } from './sign-off-form';
import { useMissingEvidence } from './use-missing-evidence';

interface SignOffDialogProps {
  runId: string;
  runName: string;
  gate: GateResult;
  profile: Profile;
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
}

export function SignOffDialog(props: SignOffDialogProps) {
  // Mounted only while open: the run's view and its evidence are read for the dialog, not the screen.
  return props.isOpen ? <OpenSignOffDialog {...props} /> : null;
}

function OpenSignOffDialog({ runId, runName, gate, profile, onOpenChange }: SignOffDialogProps) {
  const [lessons, setLessons] = useState<{ text: string; carriedFrom?: number }>();
  const evidence = useMissingEvidence(runId);

  // Revision 2 and later start from the lessons learned of the revision they replace: read before
  // the form opens, so the field starts with them.
  useEffect(() => {
    let isCurrent = true;
    void services.reports.latestForRun(runId).then((previous) => {
      if (!isCurrent) return;
      const text = previous?.signed.body.lessonsLearned ?? '';
      setLessons(
        previous && text.trim() !== '' ? { text, carriedFrom: previous.revision } : { text: '' },
      );
    });
    return () => {
      isCurrent = false;
    };
  }, [runId]);

  const signOff = async (lessonsLearned: string, notIncludedAccepted: readonly string[]) => {
    await services.reports.signOff({
      runId,
      office: profile.office,
      lessonsLearned,
      signer: createDeviceSigner(bridge, profile),
      notIncludedAccepted,
    });
    onOpenChange(false);
    return undefined;
  };

  return (
    <SignOffForm
      formKey={lessons ? runId : null}
      runName={runName}
      gate={gate}
      signerName={profile.name}
      lessons={lessons ?? { text: '' }}
      openItems={<OpenItemsSummary runId={runId} />}
      evidence={evidence}
      onCancel={() => onOpenChange(false)}
      onSign={signOff}
    />
  );
}
