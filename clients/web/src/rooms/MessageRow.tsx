// One stored message of the room: who, when, the words (or what became of them), and what the
// person may do with it: edit or delete their own, report someone else's.
import { useState } from "preact/hooks";
import type { RoomMessage } from "../gen/hearth/v1/types_pb";
import { useHearth } from "../app/context";
import { announce } from "../app/announce";
import { describeError } from "../net";
import { Dialog } from "./Dialog";
import { EditForm } from "./EditForm";
import { localTime, timeBesideMessage } from "./explanations";
import { ReportDialog } from "./ReportDialog";

type Open = "none" | "edit" | "delete" | "report";

export function MessageRow({ message, own }: { message: RoomMessage; own: boolean }) {
  const { connection } = useHearth();
  const [open, setOpen] = useState<Open>("none");
  const [problem, setProblem] = useState("");
  const author = message.author?.handle ?? "someone";

  const remove = async () => {
    try {
      await connection.request({ case: "deleteMessage", value: { messageId: message.messageId } }, "ok");
      announce("Message deleted.");
      setOpen("none");
    } catch (error) {
      setProblem(describeError(error));
      setOpen("none");
    }
  };

  return (
    <article class={`message${own ? " own" : ""}`} data-seq={String(message.seq)} aria-label={`${author}, ${localTime(message.sentAtMs)}`}>
      <header class="message-meta">
        <span class="message-author">{author}</span>{" "}
        <time dateTime={new Date(Number(message.sentAtMs)).toISOString()} title={localTime(message.sentAtMs)}>
          {timeBesideMessage(message.sentAtMs)}
        </time>
        {message.editedAtMs > 0n && !message.deleted && <span class="message-edited"> (edited)</span>}
      </header>
      {message.deleted ? (
        <p class="message-text message-gone">
          {message.removedByModerator ? "A coach removed this message." : "This message was deleted."}
        </p>
      ) : open === "edit" ? (
        <EditForm message={message} onDone={() => setOpen("none")} />
      ) : (
        <p class="message-text">{message.text}</p>
      )}
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      {!message.deleted && open !== "edit" && (
        <div class="message-actions">
          {own ? (
            <>
              <button type="button" class="link-button" onClick={() => setOpen("edit")} aria-label={`Edit your message from ${localTime(message.sentAtMs)}`}>
                Edit
              </button>
              <button type="button" class="link-button" onClick={() => setOpen("delete")} aria-label={`Delete your message from ${localTime(message.sentAtMs)}`}>
                Delete
              </button>
            </>
          ) : (
            <button type="button" class="link-button" onClick={() => setOpen("report")} aria-label={`Report the message from ${author}, ${localTime(message.sentAtMs)}`}>
              Report
            </button>
          )}
        </div>
      )}
      {open === "delete" && (
        <Dialog title="Delete this message?" onClose={() => setOpen("none")}>
          <p>Everyone in the room will see that a message was deleted, but not what it said.</p>
          <div class="dialog-actions">
            <button type="button" class="danger" onClick={remove}>
              Delete
            </button>
            <button type="button" class="secondary" onClick={() => setOpen("none")}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
      {open === "report" && <ReportDialog messageId={message.messageId} author={author} onClose={() => setOpen("none")} />}
    </article>
  );
}
