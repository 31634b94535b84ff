// Reporting someone else's message to the room's coaches, with a reason and an optional note.
import { useState } from "preact/hooks";
import { ReportReason } from "../gen/hearth/v1/moderation_pb";
import { useHearth } from "../app/context";
import { announce } from "../app/announce";
import { describeError } from "../net";
import { Dialog } from "./Dialog";

const REASONS: { reason: ReportReason; label: string }[] = [
  { reason: ReportReason.REPORT_CRISIS_CONCERN, label: "I am worried about this person" },
  { reason: ReportReason.REPORT_HARASSMENT, label: "Harassment or cruelty" },
  { reason: ReportReason.REPORT_CROSSTALK, label: "Crosstalk: advice or comments on someone else's share" },
  { reason: ReportReason.REPORT_BREAKS_ANONYMITY, label: "It says who someone is" },
  { reason: ReportReason.REPORT_SPAM, label: "Spam" },
  { reason: ReportReason.REPORT_OTHER, label: "Something else" },
];

export function ReportDialog({ messageId, author, onClose }: { messageId: bigint; author: string; onClose: () => void }) {
  const { connection } = useHearth();
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (reason === null) {
      setProblem("Choose a reason.");
      return;
    }
    setBusy(true);
    try {
      await connection.request({ case: "reportMessage", value: { messageId, reason, note } }, "report");
      announce("Report sent. A coach will look at it.");
      onClose();
    } catch (error) {
      setProblem(describeError(error));
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Report a message from ${author}`} onClose={onClose}>
      <form onSubmit={submit}>
        <fieldset>
          <legend>Why are you reporting it?</legend>
          {REASONS.map((choice) => (
            <label key={choice.reason} class="choice">
              <input
                type="radio"
                name="report-reason"
                checked={reason === choice.reason}
                onChange={() => setReason(choice.reason)}
              />
              {choice.label}
            </label>
          ))}
        </fieldset>
        <label for="report-note">Anything the coaches should know (optional, only they see it)</label>
        <textarea id="report-note" maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        {problem && (
          <p class="form-error" role="alert">
            {problem}
          </p>
        )}
        <div class="dialog-actions">
          <button type="submit" disabled={busy}>
            Send report
          </button>
          <button type="button" class="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
